"""One module per `gongkai` subcommand; each has `register(subparsers)`.

A command's function takes the parsed arguments and returns the exit code;
data problems are raised as ProblemsError and reported by the CLI. A command
imports what it runs inside its function, not at the top: `gongkai --help`, and a
build's first stage, do not wait for the libraries of the other commands.
"""

from . import (build, changes, import_list, init, install_hook, new, print_cmd, publish, report,
               rollback, serve, validate)

COMMANDS = [validate, build, serve, init, new, import_list, print_cmd, report, changes, publish,
            rollback, install_hook]
