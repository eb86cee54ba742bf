"""Finding personal numbers in text: 居民身份证号, mainland mobile numbers, bank card numbers.

One detector serves the validator, the name-list reader and the post-build scan, so a
number written any way a clerk's paste can write it is caught everywhere or nowhere.

An ID number counts when it has 18 characters, a real birth date and a valid check digit,
or (issued before 1999) 15 digits with a real birth date YYMMDD.
Its region code is deliberately not checked: codes are renamed and merged while the IDs
issued under them stay valid, so a region-code check would let real IDs slip through.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from generator.privacy.mask import mask_bank_card, mask_id_card, mask_phone

Kind = Literal["id_card", "mobile", "bank_card"]

LABELS: dict[str, str] = {"id_card": "身份证号", "mobile": "手机号码", "bank_card": "银行卡号"}

_DIGITS = "0-9\uff10-\uff19"
# What a clerk's input method or word processor puts where a reader sees a dash, a dot or
# a space. Each becomes its ASCII form one for one, so offsets stay where they were.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d"
_DOTS = "\uff0e\u3002\u00b7\u30fb\uff65\u2027\u2219\uff61"
_SPACES = "\u00a0\u3000\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\r"
_ONE_FOR_ONE = str.maketrans(
    {**{chr(0xFF01 + i): chr(0x21 + i) for i in range(94)},   # full-width ASCII forms
     **{c: "-" for c in _DASHES}, **{c: "." for c in _DOTS}, **{c: " " for c in _SPACES}})
_LOOSE_SEPARATORS = " .\\-" + _DASHES + _DOTS + _SPACES
# What a reader does not see between digits, removed before matching: zero-width
# characters and soft hyphens and digits written as character references, anywhere;
# inline tags, comments and entities right after a digit, and a line break right between
# two digits (a quoted newline in a table cell). Those after a digit are looked for from
# the digits that have one (`_NOISE_AFTER_DIGIT`, a single cheap pass over a page).
_INLINE = (r"/?(?:a|abbr|b|bdi|bdo|code|data|del|em|font|i|ins|kbd|mark|q|s|samp|small|span"
           r"|strong|sub|sup|time|u|var|wbr)\b")
_TAG = rf"(?:!--.*?--|{_INLINE}[^<>]*)>"
_ENTITY = r"(?:[A-Za-z]{2,8}|#[0-9]{2,6}|#[xX][0-9A-Fa-f]{2,5});"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
_ZERO_WIDTH_RUN = re.compile(f"[{_ZERO_WIDTH}]+")
_DIGIT_REFERENCE = re.compile(r"&#(?:0*(?:4[5-9]|5[0-7])|[xX]0*(?:2[dDeE]|3[0-9]));")
_NOISE_AFTER_DIGIT = re.compile(rf"[{_DIGITS}](?:<(?:!--|{_INLINE})|&[#A-Za-z]|\r?\n[{_DIGITS}])")
_HIDDEN_AFTER_DIGIT = re.compile(rf"(?:<{_TAG}|&{_ENTITY})+|\r?\n", re.DOTALL)
_MARKUP = re.compile(f"<{_TAG}", re.DOTALL)

# Between the groups of a number a person writes a dash, a dot or spaces. A line break is
# no separator (a heading's digits and the next paragraph's are two numbers); one right
# between two digits was removed with the hidden characters.
_S = r"(?:[ ]{0,2}[\-.][ ]{0,2}|[ ]{1,3})"
_D4 = "[0-9]{4}"
_ID = re.compile(
    rf"(?<![0-9])(?:[0-9]{{17}}[0-9Xx]|[0-9]{{6}}{_S}(?:[0-9]{{8}}{_S}[0-9]{{3}}|[0-9]{{11}})[0-9Xx]"
    rf"|[0-9]{{6}}{_S}{_D4}{_S}{_D4}{_S}[0-9]{{3}}[0-9Xx])(?![0-9])")
_OLD_ID = re.compile(
    rf"(?<![0-9])(?:[0-9]{{15}}|[0-9]{{6}}{_S}[0-9]{{6}}{_S}[0-9]{{3}})(?![0-9Xx])")
_MOBILE = re.compile(
    rf"(?<![0-9+])(?:(?:\(\+?86\)|\(0086\)|\+86|0086|86){_S}?)?1[3-9][0-9]{_S}?{_D4}{_S}?{_D4}"
    r"(?![0-9])")
_LANDLINE = re.compile(r"0[0-9]{2,3}-?[0-9]{7,8}")
_BANK_PLAIN = re.compile(r"(?<![0-9])[0-9]{16,19}(?![0-9])")
_BANK_GROUPED = re.compile(
    rf"(?<![0-9])(?:{_D4}(?:{_S}{_D4}){{3}}(?:{_S}[0-9]{{1,3}})?|[0-9]{{6}}{_S}[0-9]{{10,13}})"
    r"(?![0-9])")
# Every finding lies in a run of digits and separators holding at least 11 digits (in any
# width and form). Looking for those first and matching the exact forms only around them
# keeps a 5 MB scan fast; most built pages have none and are passed over in one search.
_CLUSTER = re.compile(
    f"[{_DIGITS}](?:[{_LOOSE_SEPARATORS}]{{0,6}}[{_DIGITS}]){{10}}(?:[{_LOOSE_SEPARATORS}]{{0,6}}[{_DIGITS}])*")
# A cluster's 11 digits are characters of the text, or digit references, each of which
# holds a digit itself ("&#49;", "&#x31;", "&#xFF11;"; no named entity is a digit), and
# what is removed as hidden adds none: a text with fewer than 11 digits holds no
# finding, and most pieces of a page (privacy/repeats.py) are let go after this match.
_ELEVEN_DIGITS = re.compile(f"(?:[^{_DIGITS}]*+[{_DIGITS}]){{11}}")
_ASCII_DIGIT = re.compile("[0-9]")
# Reach of the exact forms beyond a cluster: a "(+86) " prefix before, an "X" and one more after.
_BEFORE, _AFTER = 7, 2
_GROUPED = re.compile(r"[ \n.\-]")
# A word this long made only of hex digits is a hash or a key, not a number with a label
# touching it as in "Tel13987654321" or "wx13987654321".
_HASH = re.compile(r"[0-9A-Fa-f]*[A-Fa-f][0-9A-Fa-f]*")
_WORD = re.compile(r"[0-9A-Za-z]*")
_HASH_LENGTH = 16

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


@dataclass(frozen=True)
class Finding:
    """One personal number in a text: what it is, where (character offsets), and masked."""

    kind: Kind
    label: str
    start: int
    end: int
    masked: str
    digits: str


def ascii_digits(text: str) -> str:
    """The digits of `text` (and a trailing X of an ID) as ASCII, separators dropped."""
    out = []
    for char in text:
        if char.isdigit():
            out.append(str(unicodedata.decimal(char)))
        elif char in "Xx":
            out.append("X")
    return "".join(out)


def id_card_problem(value: str) -> str | None:
    """Why `value` is not a valid 18-character ID number, in Chinese; None when it is."""
    number = value.strip().upper()
    if not re.fullmatch(r"\d{17}[\dX]", number, flags=re.ASCII):
        return "不是18位身份证号（17位数字加1位数字或X）"
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return "第7到14位不是真实的出生日期"
    if born.year < 1900 or born > date.today():
        return "第7到14位的出生日期不可能"
    check = _ID_CHECK[sum(int(d) * w for d, w in zip(number, _ID_WEIGHTS)) % 11]
    if number[17] != check:
        return "最后一位校验码不对"
    return None


def is_id_card(value: str) -> bool:
    return id_card_problem(value) is None


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = int(char)
        if position % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def old_id_card_problem(value: str) -> str | None:
    """Why `value` is not a 15-digit ID number of before 1999 (birth date YYMMDD in 19YY)."""
    number = value.strip()
    if not re.fullmatch(r"[0-9]{15}", number):
        return "不是15位身份证号"
    try:
        date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
    except ValueError:
        return "第7到12位不是真实的出生日期"
    return None


def normalise(text: str) -> str:
    """`text` as a person reads its digits: see `find_personal_numbers`; offsets are not kept."""
    return _strip_hidden(text)[0].translate(_ONE_FOR_ONE)


def is_mobile(value: str) -> bool:
    return _MOBILE.fullmatch(normalise(value).strip()) is not None


def is_phone(value: str) -> bool:
    """A mainland mobile or a landline with its area code (0351-1234567)."""
    text = normalise(value).strip()
    return is_mobile(text) or _LANDLINE.fullmatch(text) is not None


def card_prefix(digits: str) -> bool:
    """An issuer prefix cards really use (ISO/IEC 7812): 3-6 and 9, or Mastercard's
    2221-2720. Runs of years such as "2026 2025 2024 2023" pass Luhn by chance."""
    return digits[0] in "34569" or 2221 <= int(digits[:4]) <= 2720


def is_bank_card(value: str) -> bool:
    text = normalise(value).strip()
    if not (_BANK_PLAIN.fullmatch(text) or _BANK_GROUPED.fullmatch(text)):
        return False
    digits = ascii_digits(text)
    return card_prefix(digits) and luhn_valid(digits) and not is_id_card(digits)


def _bank_matches(text: str) -> list[tuple[int, int, str]]:
    found = [(m.start(), m.end(), digits) for m in _BANK_PLAIN.finditer(text)
             if card_prefix(digits := ascii_digits(m.group())) and luhn_valid(digits)]
    pos = 0
    while (match := _BANK_GROUPED.search(text, pos)) is not None:
        # A trailing short group may be the next number rather than the card's end, so the
        # four groups of four alone are tried as well.
        stops = [match.end()]
        four = re.match(rf"{_D4}(?:{_S}{_D4}){{3}}", text[match.start():])
        if four and match.start() + four.end() < match.end():
            stops.append(match.start() + four.end())
        for stop in stops:
            digits = ascii_digits(text[match.start():stop])
            if card_prefix(digits) and luhn_valid(digits):
                found.append((match.start(), stop, digits))
                pos = stop
                break
        else:
            pos = match.start() + 1
    return found


class _Offsets:
    """Maps positions in the text with hidden characters removed back to the original.

    Each piece of the cleaned text is either copied (positions shift by a constant) or a
    replacement (any position in it maps to the whole replaced stretch).
    """

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.pieces: list[tuple[int, int, bool]] = []   # original start, end, replaced

    def add(self, at: int, start: int, end: int, replaced: bool) -> None:
        self.starts.append(at)
        self.pieces.append((start, end, replaced))

    def start(self, position: int) -> int:
        index = bisect_right(self.starts, position) - 1
        start, _, replaced = self.pieces[index]
        return start if replaced else start + position - self.starts[index]

    def end(self, position: int) -> int:
        index = bisect_right(self.starts, position - 1) - 1
        start, end, replaced = self.pieces[index]
        return end if replaced else start + position - self.starts[index]


def _shown(hidden: str) -> str:
    """What a reader sees of a hidden stretch: entities decoded, the rest gone."""
    if hidden[0] not in "<&":
        return ""
    return html.unescape(_MARKUP.sub("", hidden))


def _hidden_stretches(text: str) -> list[tuple[int, int]]:
    """Where `text` has something a reader does not see between digits, in order."""
    found = []
    if any(char in text for char in _ZERO_WIDTH):
        found += [match.span() for match in _ZERO_WIDTH_RUN.finditer(text)]
    if "&#" in text:
        found += [match.span() for match in _DIGIT_REFERENCE.finditer(text)]
    for digit in _NOISE_AFTER_DIGIT.finditer(text):
        hidden = _HIDDEN_AFTER_DIGIT.match(text, digit.start() + 1)
        if hidden:
            found.append(hidden.span())
    found.sort()
    return found


def _strip_hidden(text: str) -> tuple[str, _Offsets | None]:
    """`text` without its hidden stretches, and how positions map back (None: unchanged)."""
    offsets = _Offsets()
    parts: list[str] = []
    copied = position = 0
    for start, end in _hidden_stretches(text):
        if start < copied:
            continue  # inside a stretch already removed
        if start > copied:
            offsets.add(position, copied, start, False)
            parts.append(text[copied:start])
            position += start - copied
        shown = _shown(text[start:end])
        if shown:
            offsets.add(position, start, end, True)
            parts.append(shown)
            position += len(shown)
        copied = end
    if copied == 0:
        return text, None
    offsets.add(position, copied, len(text), False)
    parts.append(text[copied:])
    return "".join(parts), offsets


def _touches_a_word(text: str, start: int, end: int) -> bool:
    """A number glued to letters or digits that are not a label: part of a code or hash.

    A number written in groups must stand apart ("序号 130" and the index number
    "11530921MB…" do not make 130 1153 0921); one written as a plain run may carry a
    label ("Tel13987654321"), unless the whole word is a hex hash or key.
    """
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum()):
        return False
    if _GROUPED.search(text, start, end):
        return True
    word_start = start
    while word_start and text[word_start - 1].isascii() and text[word_start - 1].isalnum():
        word_start -= 1
    word = text[word_start:end] + _WORD.match(text, end).group()
    return len(word) >= _HASH_LENGTH and _HASH.fullmatch(word) is not None


def _find_in(window: str, allowed: frozenset[str]) -> list[tuple[Kind, int, int, str, str]]:
    """Findings in one cluster window of cleaned, ASCII-folded text."""
    found: list[tuple[Kind, int, int, str, str]] = []
    taken: set[int] = set()

    def add(kind: Kind, start: int, end: int, digits: str, masked: str) -> None:
        if (digits in allowed or not taken.isdisjoint(range(start, end))
                or _touches_a_word(window, start, end)):
            return
        taken.update(range(start, end))
        found.append((kind, start, end, digits, masked))

    digit_count = len(_ASCII_DIGIT.findall(window))
    if digit_count >= 15:
        for match in _ID.finditer(window):
            digits = ascii_digits(match.group())
            if is_id_card(digits):
                add("id_card", match.start(), match.end(), digits, mask_id_card(digits))
        for begin, finish, digits in _bank_matches(window):
            if not is_id_card(digits):
                add("bank_card", begin, finish, digits, mask_bank_card(digits))
        for match in _OLD_ID.finditer(window):
            digits = ascii_digits(match.group())
            if old_id_card_problem(digits) is None:
                add("id_card", match.start(), match.end(), digits, mask_id_card(digits))
    for match in _MOBILE.finditer(window):
        digits = ascii_digits(match.group())[-11:]
        add("mobile", match.start(), match.end(), digits, mask_phone(digits))
    return found


def find_personal_numbers(text: str, allowed: frozenset[str] = frozenset()) -> list[Finding]:
    """Every ID (18 or 15 digits), mobile and bank card number in `text`, by position.

    Numbers are read as a person sees them: full-width digits, every kind of dash, dot and
    space, zero-width characters, soft hyphens, inline HTML tags, comments and entities, a
    line break between two digits, a "+86" in front and a label touching the digits
    ("Tel13987654321") do not hide a number. Offsets are those of `text` itself.

    `allowed` holds digit-only numbers published on purpose (a hotline that is a mobile
    number); they are not findings. A number that is a valid ID is reported only as an ID.
    """
    if not _ELEVEN_DIGITS.match(text):
        return []
    clean, offsets = _strip_hidden(text)
    if offsets is None and not _CLUSTER.search(text):
        return []
    findings: list[Finding] = []
    for cluster in _CLUSTER.finditer(clean):
        base = max(0, cluster.start() - _BEFORE)
        # One character more on each side lets the boundary checks see the neighbours.
        window = clean[max(0, base - 1):cluster.end() + _AFTER + 1].translate(_ONE_FOR_ONE)
        shift = max(0, base - 1)
        for kind, start, end, digits, masked in _find_in(window, allowed):
            start, end = start + shift, end + shift
            if offsets is not None:
                start, end = offsets.start(start), offsets.end(end)
            findings.append(Finding(kind, LABELS[kind], start, end, masked, digits))
    findings.sort(key=lambda f: f.start)
    return findings


def allowed_numbers(public_values: Iterable[str]) -> frozenset[str]:
    """The `allowed` set for declared public channels, in the form findings use.

    Pass the values of declared contacts (a hotline written "+86 138 1234 5678" or
    "138-1234-5678"); each number in them becomes allowed exactly as it will be found.
    """
    return frozenset(finding.digits for value in public_values
                     for finding in find_personal_numbers(value))


def mask_numbers(text: str) -> str:
    """`text` with every personal number in it replaced by its masked form."""
    for finding in reversed(find_personal_numbers(text)):
        text = text[:finding.start] + finding.masked + text[finding.end:]
    return text
