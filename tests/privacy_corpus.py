"""The hostile and the harmless corpus of tests/corpus/, read into cases."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"
KINDS = {"id": "id_card", "mobile": "mobile", "card": "bank_card"}
# The numbers the corpus writes, in digits: a message or an output must hold none of them.
NUMBERS = frozenset({
    "532923197105122348", "141122195506120017", "41010219800101000X", "532923710512234",
    "141122550612001", "13987654321", "18612345678", "6222021234567894",
    "6217000012345678907", "6228480012345671", "4367421234567896"})
DECLARED = ["0883-3621315", "0883-3621200", "138 0883 3621"]
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|n|r|t|\\)")
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "\\": "\\"}


@dataclass(frozen=True)
class Case:
    line: int     # in the corpus file, for the failure message
    kind: str
    text: str

    def __str__(self) -> str:
        return f"corpus line {self.line}: {self.text!r}"


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1)) or chr(int(m.group(1)[1:], 16)), text)


def _lines(name: str) -> list[tuple[int, str]]:
    lines = (CORPUS / name).read_text(encoding="utf-8").splitlines()
    return [(number, line) for number, line in enumerate(lines, start=1)
            if line.strip() and not (line.startswith("# ") or line == "#")]


def hostile() -> list[Case]:
    cases = []
    for number, line in _lines("personal_numbers.txt"):
        kind, _, text = line.partition(": ")
        cases.append(Case(number, KINDS[kind], _unescape(text)))
    return cases


def harmless() -> list[Case]:
    return [Case(number, "", _unescape(line)) for number, line in _lines("not_personal_numbers.txt")]


def digits_of(text: str) -> str:
    """Only the digits (and X) of `text`, however written, to look for a number in it."""
    from generator.privacy.detect import ascii_digits, normalise
    return ascii_digits(normalise(text))


def leaked(text: str) -> set[str]:
    """Corpus numbers that `text` holds in full."""
    digits = digits_of(text)
    return {number for number in NUMBERS if number in digits}
