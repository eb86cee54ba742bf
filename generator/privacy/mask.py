"""Masking personal values before they are published or shown in an error message."""

from __future__ import annotations

import re

MASK_KINDS = ("id_card", "phone", "name", "address")

_SEPARATORS = re.compile(r"[\s\-\u00a0\u3000]+")
_VILLAGE = re.compile(r"村|社区|居委会|嘎查")
_TOWNSHIP = re.compile(r"街道|镇|乡")
_COUNTY = re.compile(r"县|区|旗|市")
# A level marker right after another one or at the very start is part of a place name
# (镇江市, 乡宁县, 江苏省镇江市), not the end of a township or village.
_NOT_A_LEVEL_END = set("省市区县旗州盟")


def _keep_ends(value: str, head: int, tail: int) -> str:
    if len(value) <= head + tail:
        return "*" * len(value)
    return value[:head] + "*" * (len(value) - head - tail) + value[len(value) - tail:]


def _compact(value: str) -> str:
    return _SEPARATORS.sub("", value.strip())


def mask_id_card(value: str) -> str:
    """1101**********123X: the first 4 and last 4 of the 18 characters stay."""
    return _keep_ends(_compact(value).upper(), 4, 4)


def mask_phone(value: str) -> str:
    """138****1234 for a mobile; a landline keeps its area code and last 4 digits."""
    text = _compact(value)
    digits = text.lstrip("+")
    if digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if len(digits) == 11 and digits.startswith("1"):
        return _keep_ends(digits, 3, 4)
    area, dash, local = value.strip().partition("-")
    if dash and area.startswith("0") and area.isdigit():
        return f"{area}-{_keep_ends(_compact(local), 0, 4)}"
    return _keep_ends(digits, 3, 4)


def mask_bank_card(value: str) -> str:
    """6222********1234: the bank-issuer prefix and the last 4, as bank statements show."""
    return _keep_ends(_compact(value), 4, 4)


def mask_name(value: str) -> str:
    """张*静 for three or more characters, 张* for two."""
    name = value.strip()
    if len(name) <= 1:
        return "*" * len(name)
    if len(name) == 2:
        return name[0] + "*"
    return _keep_ends(name, 1, 1)


def _first_level_end(pattern: re.Pattern[str], text: str) -> int | None:
    for match in pattern.finditer(text):
        if match.start() > 0 and text[match.start() - 1] not in _NOT_A_LEVEL_END:
            return match.end()
    return None


def mask_address(value: str) -> str:
    """Cut an address to the village: 勍香镇东庄村3组12号 → 勍香镇东庄村.

    Without a village, the township is kept; without one either, the county.
    An address with none of these cannot be cut safely, so nothing of it is shown.
    """
    text = value.strip()
    for level in (_VILLAGE, _TOWNSHIP, _COUNTY):
        end = _first_level_end(level, text)
        if end is not None:
            return text[:end]
    return "***" if text else ""


def mask_for_message(value: str) -> str:
    """A value that failed a check, shown in an error without giving it away."""
    text = _compact(value)
    if len(text) >= 11:
        return _keep_ends(text, 4, 4)
    return _keep_ends(text, 1, 1) if len(text) > 2 else "*" * len(text)


_MASKS = {
    "id_card": mask_id_card,
    "phone": mask_phone,
    "name": mask_name,
    "address": mask_address,
}


def apply_mask(kind: str | None, value: str) -> str:
    """Mask `value` as a list column declared with `mask: kind` (None: published as is)."""
    if kind is None:
        return value
    try:
        return _MASKS[kind](value)
    except KeyError:
        raise ValueError(f"unknown mask kind {kind!r}; expected one of {MASK_KINDS}") from None
