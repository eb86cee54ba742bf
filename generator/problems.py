"""Problems found in a site's input, phrased for the publishing clerk.

Every stage reports what is wrong as `Problem`s instead of raising on the first
one, so a single `gongkai validate` run lists everything to fix.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Iterable, Literal

from .privacy.detect import mask_numbers

Level = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong: where (file, line, field), what, and how to fix it."""

    file: str
    line: int | None
    field: str
    message: str
    hint: str = ""
    level: Level = "error"
    column: int | None = None    # 1-based, when the mistake is at one place in the line
    source: str | None = None    # that line as written, shown with a caret under the column
    # The field as a clerk finds it (第2版（2025-01-01 起）的 promised_limit), shown
    # instead of `field`, which stays the path checks and tests speak of.
    name: str = ""

    def __post_init__(self) -> None:
        # Every message reaches a terminal, a CI log or the preview page through here, and
        # those may be public: a personal number quoted from the data is shown masked.
        for name in ("file", "field", "message", "hint"):
            object.__setattr__(self, name, mask_numbers(getattr(self, name)))

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        if self.line is not None and self.column is not None:
            where += f":{self.column}"
        text = f"{self.message}，{self.hint}" if self.hint else self.message
        prefix = "" if self.level == "error" else "警告："
        field = self.name or self.field
        head = f"{where}: {field}: {prefix}{text}" if field else f"{where}: {prefix}{text}"
        pointer = self.pointer()
        return head if pointer is None else head + "".join(f"\n    {line}" for line in pointer)

    def pointer(self) -> tuple[str, str] | None:
        """The line as written and a caret under the column, when the mistake is at one place."""
        if self.source is None or self.column is None:
            return None
        return self.source, " " * _width(self.source[:self.column - 1]) + "^"


def _width(text: str) -> int:
    """Columns a terminal gives `text`: Chinese characters take two, so the caret lands under them."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


@dataclass
class Problems:
    """An ordered collection of problems, with helpers for the common checks."""

    items: list[Problem] = field(default_factory=list)

    def add(self, file: str, line: int | None, field: str, message: str, hint: str = "",
            level: Level = "error") -> None:
        self.items.append(Problem(file, line, field, message, hint, level))

    def extend(self, more: Iterable[Problem]) -> None:
        self.items.extend(more)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.level == "warning"]

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items), key=lambda p: (p.file, p.line or 0, p.field, p.message))


class ProblemsError(Exception):
    """Raised when a stage cannot go on; carries every problem it found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(Exception):
    """The command was used wrongly (exit 2), as opposed to bad data (exit 1)."""

    def __init__(self, message: str):
        super().__init__(mask_numbers(message))
