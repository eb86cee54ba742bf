"""Finding personal numbers in text: 居民身份证号, mainland mobile numbers, bank card numbers.

An ID number counts when it has 18 characters, a real birth date and a valid check digit.
Its region code is deliberately not checked: codes are renamed and merged while the IDs
issued under them stay valid, so a region-code check would let real IDs slip through.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from generator.privacy.mask import mask_bank_card, mask_id_card, mask_phone

Kind = Literal["id_card", "mobile", "bank_card"]

LABELS: dict[str, str] = {"id_card": "身份证号", "mobile": "手机号码", "bank_card": "银行卡号"}

_ID = re.compile(r"(?<![0-9])(?:[0-9]{17}[0-9Xx]|[0-9]{6}[ \-][0-9]{8}[ \-][0-9]{3}[0-9Xx])(?![0-9])")
# Letters next to the digits mean a code, not a phone: "序号 130" followed by the
# index number "11530921MB…" in a table row must not read as 130 1153 0921.
_MOBILE = re.compile(
    r"(?<![0-9A-Za-z])(?:\(?(?:\+|00)?86\)?[ \-]?)?1[3-9][0-9][ \-]?[0-9]{4}[ \-]?[0-9]{4}"
    r"(?![0-9A-Za-z])")
_LANDLINE = re.compile(r"0[0-9]{2,3}-?[0-9]{7,8}")
_BANK_PLAIN = re.compile(r"(?<![0-9])[0-9]{16,19}(?![0-9])")
_BANK_GROUPED = re.compile(r"(?<![0-9])[0-9]{4}(?:[ \-][0-9]{4}){3}(?:[ \-][0-9]{1,3})?(?![0-9])")
# Every finding lies in a run of digits and separators at least 11 long. Looking for those
# first and matching the exact forms only around them keeps a 5 MB scan well under a second.
_CLUSTER = re.compile(r"[0-9][0-9 \-]{10,}")
# Eleven digits with only spaces or dashes between them: every finding needs that
# much, and most built pages have none, so they are passed over in one search.
_ELEVEN_DIGITS = re.compile(r"[0-9](?:[ \-]*[0-9]){10}")
# Reach of the exact forms beyond a cluster: a "(+86) " prefix before, an "X" and one more after.
_BEFORE, _AFTER = 6, 2
# Full-width digits typed with a Chinese IME are folded to ASCII (offsets stay the same).
_FULL_WIDTH = re.compile("[\uff10-\uff19]")
_TO_ASCII = str.maketrans("\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19", "0123456789")

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


def is_mobile(value: str) -> bool:
    return _MOBILE.fullmatch(value.strip()) is not None


def is_phone(value: str) -> bool:
    """A mainland mobile or a landline with its area code (0351-1234567)."""
    text = value.strip()
    return is_mobile(text) or _LANDLINE.fullmatch(text) is not None


def card_prefix(digits: str) -> bool:
    """An issuer prefix cards really use (ISO/IEC 7812): 3-6 and 9, or Mastercard's
    2221-2720. Runs of years such as "2026 2025 2024 2023" pass Luhn by chance."""
    return digits[0] in "34569" or 2221 <= int(digits[:4]) <= 2720


def is_bank_card(value: str) -> bool:
    text = value.strip()
    if not (_BANK_PLAIN.fullmatch(text) or _BANK_GROUPED.fullmatch(text)):
        return False
    digits = ascii_digits(text)
    return card_prefix(digits) and luhn_valid(digits) and not is_id_card(digits)


def _bank_matches(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    found = [(m.start(), m.end(), digits) for m in _BANK_PLAIN.finditer(text, start, end)
             if card_prefix(digits := ascii_digits(m.group())) and luhn_valid(digits)]
    pos = start
    while (match := _BANK_GROUPED.search(text, pos, end)) is not None:
        # A trailing short group may be the next number rather than the card's end, so the
        # four groups of four alone (19 characters with separators) are tried as well.
        for stop in (match.end(), match.start() + 19):
            digits = ascii_digits(text[match.start():stop])
            if card_prefix(digits) and luhn_valid(digits):
                found.append((match.start(), stop, digits))
                pos = stop
                break
        else:
            pos = match.start() + 1
    return found


def find_personal_numbers(text: str, allowed: frozenset[str] = frozenset()) -> list[Finding]:
    """Every ID, mobile and bank card number in `text`, in order of position.

    `allowed` holds digit-only numbers published on purpose (a hotline that is a mobile
    number); they are not findings. A number that is a valid ID is reported only as an ID.
    """
    if _FULL_WIDTH.search(text):
        text = text.translate(_TO_ASCII)
    if not _ELEVEN_DIGITS.search(text):
        return []
    findings: list[Finding] = []
    taken: set[int] = set()

    def add(kind: Kind, start: int, end: int, digits: str, masked: str) -> None:
        if digits in allowed or not taken.isdisjoint(range(start, end)):
            return
        taken.update(range(start, end))
        findings.append(Finding(kind, LABELS[kind], start, end, masked, digits))

    for cluster in _CLUSTER.finditer(text):
        run = cluster.group()
        digit_count = len(run) - run.count(" ") - run.count("-")
        if digit_count < 11:
            continue
        start = max(0, cluster.start() - _BEFORE)
        end = min(len(text), cluster.end() + _AFTER)
        if digit_count >= 16:
            for match in _ID.finditer(text, start, end):
                digits = ascii_digits(match.group())
                if is_id_card(digits):
                    add("id_card", match.start(), match.end(), digits, mask_id_card(digits))
            for begin, finish, digits in _bank_matches(text, start, end):
                if not is_id_card(digits):
                    add("bank_card", begin, finish, digits, mask_bank_card(digits))
        for match in _MOBILE.finditer(text, start, end):
            digits = ascii_digits(match.group())[-11:]
            add("mobile", match.start(), match.end(), digits, mask_phone(digits))
    findings.sort(key=lambda f: f.start)
    return findings


def allowed_numbers(public_values: Iterable[str]) -> frozenset[str]:
    """The `allowed` set for declared public channels, in the form findings use.

    Pass the values of declared contacts (a hotline written "+86 138 1234 5678" or
    "138-1234-5678"); each number in them becomes allowed exactly as it will be found.
    """
    return frozenset(finding.digits for value in public_values
                     for finding in find_personal_numbers(value))
