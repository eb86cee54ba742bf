"""Field paths named the way a clerk finds them in the file.

Checks name a field by its path (`versions[2].promised_limit`, `[9].hours`);
a clerk looks for 第2版（2025-01-01 起） or 联系渠道“举报电话”, not for the
ninth entry. This renames every problem's field once, after all checks ran.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Iterable, Mapping

from ..model.labels import label
from ..problems import Problem
from .yaml_reader import YamlDoc

# Keys as written, mistakes included (a full-width space, a misspelling).
_PATH = re.compile(r"^(?:\[\d+\]|[^.\[\]]+)(?:\.[^.\[\]]+|\[\d+\])*$")
_STEP = re.compile(r"\[(\d+)\]|([^.\[\]]+)")

# What an entry of a list is called, and the field that names it.
_ENTRIES = {
    "materials": ("材料", "name"), "standards": ("收费项目", "item"), "amounts": ("标准", "label"),
    "faq": ("问题", "q"), "attachments": ("附件", "file"), "columns": ("名单列", "name"),
}
_LONG_NUMBER = re.compile(r"\d{7}")
_TOP_LISTS = {"data/contacts.yaml": ("联系渠道", "name"), "data/organizations.yaml": ("机构", "name")}


def name_fields(problems: Iterable[Problem], docs: Mapping[str, YamlDoc]) -> list[Problem]:
    return [replace(p, name=describe(p.field, docs.get(p.file))) if p.field else p for p in problems]


def describe(field: str, doc: YamlDoc | None) -> str:
    """`versions[2].promised_limit` → 第2版（2025-01-01 起）的 promised_limit（承诺时限）."""
    if doc is None or not _PATH.match(field):
        return field
    path = [int(n) - 1 if n else key for n, key in _STEP.findall(field)]
    value: Any = doc.value
    parts: list[str] = []
    parent: str | None = None
    for step in path:
        if isinstance(step, int):
            entry = value[step] if isinstance(value, list) and 0 <= step < len(value) else None
            parts.append(_entry(doc.file, parent, step, entry))
            value = entry
        else:
            shown = label(step)
            parts.append(step if shown == step else f"{step}（{shown}）")
            value = value.get(step) if isinstance(value, dict) else None
            parent = step
    # An entry's own name already says which list it is in.
    merged = [part for n, part in enumerate(parts) if not (n + 1 < len(path) and isinstance(path[n + 1], int))]
    return "的 ".join(merged)


def _entry(file: str, parent: str | None, index: int, entry: Any) -> str:
    if parent == "versions":
        start = entry.get("effective_from") if isinstance(entry, dict) else None
        return f"第{index + 1}版（{start} 起）" if start else f"第{index + 1}版"
    noun, key = _TOP_LISTS.get(file, ("", "name")) if parent is None else _ENTRIES.get(parent, ("", None))
    name = entry.get(key) if isinstance(entry, dict) and key else None
    if name is None and isinstance(entry, dict):
        name = entry.get("name") or entry.get("id")
    if not isinstance(name, str) or _LONG_NUMBER.search(name):
        name = None    # a message must not repeat what may be an ID or phone number
    if noun and name:
        return f"{noun}“{name}”"
    if name:
        return f"“{name}”"
    list_name = f"{parent}（{label(parent)}）" if parent and label(parent) != parent else parent or ""
    return f"{noun or list_name}第{index + 1}项"
