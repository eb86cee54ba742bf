"""A body's own 落款: the issuer and the 成文日期 a clerk typed at its end.

A sheet carries one 落款. When the body already ends with one (an issuing body
on a line, the date on the next, perhaps a “（此件公开发布）” under them), the
sheet takes those lines out of the body and prints them where its generated
落款 would stand, under the seal; otherwise it prints the generated one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_DIGIT = "0-9〇○零一二三四五六七八九十"
# The whole line is a date: 2026年3月2日, 二〇二六年三月二日, ２０２６年３月２日.
_DATE = re.compile(rf"^[{_DIGIT}]{{4}}\s*年\s*[{_DIGIT}]{{1,2}}\s*月\s*[{_DIGIT}]{{1,3}}\s*日$")
# A line under the date that annotates the document: （此件公开发布）.
_ANNEX = re.compile(r"^[（(][^（）()]{1,30}[）)]$")
# An issuer's line is a name: short, no sentence punctuation, no list or heading marks.
_ISSUER = re.compile(r"^[^。，；：！？,;:!?#*>|\-\d\s][^。，；：！？,;:!?]{1,39}$")
# 特此通知 closes the text; it is not a name.
_CLOSING = re.compile(r"^(特此|此复|此致|以上|附件|附：)")
_MAX_ISSUERS = 3      # joint documents name up to a few issuing bodies


@dataclass(frozen=True)
class Signoff:
    body: str                   # the body without its 落款
    issuers: tuple[str, ...]    # issuing bodies, as typed
    date: str                   # the 成文日期 line, as typed
    annex: tuple[str, ...]      # lines under the date: （此件公开发布）


def _clean(line: str) -> str:
    # Markdown's hard breaks (two spaces, a backslash) and full-width spaces go.
    return line.strip().rstrip("\\").strip().strip("\u3000")


def split_signoff(body: str) -> Signoff | None:
    """The body's trailing 落款, or None when it has none (then the sheet makes one)."""
    lines = body.rstrip().splitlines()
    end = len(lines)
    annex: list[str] = []
    while end and (not _clean(lines[end - 1]) or _ANNEX.match(_clean(lines[end - 1]))):
        if _clean(lines[end - 1]):
            annex.insert(0, _clean(lines[end - 1]))
        end -= 1
    if not end or not _DATE.match(unicodedata.normalize("NFKC", _clean(lines[end - 1]))):
        return None
    date = _clean(lines[end - 1])
    start = end - 1
    issuers: list[str] = []
    while start and len(issuers) < _MAX_ISSUERS:
        line = _clean(lines[start - 1])
        if not line and not issuers:      # a blank line between issuer and date
            start -= 1
            continue
        if not line or not _ISSUER.match(line) or _CLOSING.match(line):
            break
        issuers.insert(0, line)
        start -= 1
    if not issuers:
        return None          # a date alone closes many paragraphs; it is no 落款
    return Signoff("\n".join(lines[:start]).rstrip(), tuple(issuers), date, tuple(annex))
