"""Field-by-field comparison of two versions of an item.

Scalars show old → new; lists are compared row by row (added, removed,
changed rows with the sub-fields that changed); Markdown bodies get a
paragraph and character diff. Values are turned into display text by a
`show(field, value)` callback from the render layer, so this module knows
nothing about money formats or contact names.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, Callable, Literal

from pydantic import BaseModel

from ..model import ResolvedVersion
from ..model.labels import label
from .textdiff import Block, Segment, char_segments, pair_up, text_diff

Show = Callable[[str, Any], str]
RowOp = Literal["added", "removed", "changed"]

TEXT_FIELDS = frozenset({"body"})     # Markdown: compared paragraph by paragraph


@dataclass(frozen=True)
class ValueChange:
    label: str
    old: str                          # display text; "" when there was none
    new: str
    segments: tuple[Segment, ...]     # old and new in one line, changes marked


@dataclass(frozen=True)
class RowChange:
    op: RowOp
    name: str                         # what the row is about: 奖励扶助金, 居民身份证, …
    old: str                          # the whole row as text ("" for an added row)
    new: str
    fields: tuple[ValueChange, ...]   # for a changed row of a table: which cells changed


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    shape: Literal["value", "rows", "text"]
    value: ValueChange | None = None
    rows: tuple[RowChange, ...] = ()
    blocks: tuple[Block, ...] = ()


def _text(name: str, value: Any, show: Show) -> str:
    """One value as a line of text; nested tables shrink to their rows' names."""
    if value is None:
        return ""
    if isinstance(value, BaseModel):
        return _record_text(value, show)
    if isinstance(value, list):
        return "、".join(str(_key(x)) if isinstance(x, BaseModel) else show(name, x) for x in value)
    return show(name, value)


def _value(name: str, title: str, old: Any, new: Any, show: Show) -> ValueChange:
    a, b = _text(name, old, show), _text(name, new, show)
    return ValueChange(title, a, b, char_segments(a, b))


def _record_text(record: BaseModel, show: Show) -> str:
    return "；".join(f"{label(name)}：{_text(name, getattr(record, name), show)}"
                    for name in type(record).model_fields if getattr(record, name) is not None)


def _cells(before: BaseModel, after: BaseModel, show: Show) -> tuple[ValueChange, ...]:
    return tuple(_value(n, label(n), getattr(before, n), getattr(after, n), show)
                 for n in type(after).model_fields if getattr(before, n) != getattr(after, n))


def _key(record: BaseModel) -> Any:
    """A table row is known by its first field: item, label, name or q."""
    return getattr(record, next(iter(type(record).model_fields)))


def _record_rows(old: list[BaseModel], new: list[BaseModel], show: Show) -> list[RowChange]:
    old_by_key = {_key(r): r for r in old}
    new_keys = {_key(r) for r in new}
    if len(old_by_key) != len(old) or len(new_keys) != len(new):
        return _plain_rows([_record_text(r, show) for r in old],
                           [_record_text(r, show) for r in new])
    rows = []
    for record in new:
        before = old_by_key.get(_key(record))
        text = _record_text(record, show)
        if before is None:
            rows.append(RowChange("added", str(_key(record)), "", text, ()))
        elif before != record:
            rows.append(RowChange("changed", str(_key(record)), _record_text(before, show),
                                  text, _cells(before, record, show)))
    rows += [RowChange("removed", str(_key(r)), _record_text(r, show), "", ())
             for r in old if _key(r) not in new_keys]
    return rows


def _plain_rows(old: list[str], new: list[str]) -> list[RowChange]:
    rows: list[RowChange] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        for a, b in pair_up(old[i1:i2], new[j1:j2]):
            if b is None:
                rows.append(RowChange("removed", "", a, "", ()))
            elif a is None:
                rows.append(RowChange("added", "", "", b, ()))
            else:
                rows.append(RowChange("changed", "", a, b,
                                      (ValueChange("", a, b, char_segments(a, b)),)))
    return rows


def _field(name: str, old: Any, new: Any, show: Show) -> FieldChange:
    title = label(name)
    if name in TEXT_FIELDS:
        return FieldChange(name, title, "text", blocks=text_diff(old, new))
    if isinstance(old, BaseModel) and isinstance(new, BaseModel):
        # A single record (a notice's period) changes in place, whatever its first field.
        return FieldChange(name, title, "rows", rows=(RowChange(
            "changed", "", _record_text(old, show), _record_text(new, show),
            _cells(old, new, show)),))
    if isinstance(old, BaseModel) or isinstance(new, BaseModel):
        return FieldChange(name, title, "rows", rows=tuple(_record_rows(
            [old] if old is not None else [], [new] if new is not None else [], show)))
    if isinstance(old, list) or isinstance(new, list):
        old, new = old or [], new or []
        if any(isinstance(x, BaseModel) for x in old + new):
            return FieldChange(name, title, "rows", rows=tuple(_record_rows(old, new, show)))
        return FieldChange(name, title, "rows", rows=tuple(_plain_rows(
            [show(name, x) for x in old], [show(name, x) for x in new])))
    return FieldChange(name, title, "value", value=_value(name, title, old, new, show))


def plain(_name: str, value: Any) -> str:
    """Display text without site knowledge: 720.0 reads 720."""
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def compare(old: ResolvedVersion, new: ResolvedVersion, fields: list[str],
            show: Show = plain) -> list[FieldChange]:
    """The content fields (in the kind's order) whose value differs between two versions."""
    changes = []
    for name in fields:
        a, b = old.content.get(name), new.content.get(name)
        if a != b:
            changes.append(_field(name, a, b, show))
    return changes
