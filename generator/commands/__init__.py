"""One module per `gongkai` subcommand; each has `register(subparsers)`.

A command's function takes the parsed arguments and returns the exit code;
data problems are raised as ProblemsError and reported by the CLI.
"""

from . import build, init, new, serve, validate
from . import changes, install_hook, publish, rollback

COMMANDS = [validate, build, serve, init, new]
COMMANDS += [changes, publish, rollback, install_hook]
