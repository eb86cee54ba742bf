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
        raise argparse.ArgumentTypeError(f"日期「{text}」要写成 YYYY-MM-DD，例如 2026-11-02")


def report(problems: list[Problem], stream=None) -> None:
    for problem in problems:
        print(problem, file=stream or sys.stderr)
