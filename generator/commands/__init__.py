"""One module per `gongkai` subcommand; each has `register(subparsers)`.

A command's function takes the parsed arguments and returns the exit code;
data problems are raised as ProblemsError and reported by the CLI.
"""

from . import build, init, new, report, serve, validate

COMMANDS = [validate, build, serve, init, new]
COMMANDS.append(report)
