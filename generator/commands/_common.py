"""Argument helpers shared by the commands."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from ..problems import Problem


def as_of_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        from ..load.schema_errors import explain_date
        raise argparse.ArgumentTypeError("，".join(explain_date(text)))


def report(problems: list[Problem], stream=None) -> None:
    for problem in problems:
        print(problem, file=stream or sys.stderr)
