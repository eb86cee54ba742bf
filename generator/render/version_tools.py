"""What templates use to link and describe versions: stable paths and comparisons.

A version's page is /<folder>/<slug>/v/<n>/ and the comparison with the one
before it /<folder>/<slug>/compare/<n-1>-<n>/; n is the version's 1-based
position, so these URLs hold as long as versions are only appended.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..model import Item
from ..versions.diff import FieldChange, compare
from .environment import money
from .lookups import NotedDict, note, noting

_CONTACT_FIELDS = frozenset({"contacts", "consult", "complaint", "objection_contacts"})
_DAY_FIELDS = frozenset({"legal_limit_days", "promised_limit"})


def version_path(item: Item, number: int) -> str:
    return f"{item.kind.folder}/{item.slug}/v/{number}/index.md"


def compare_path(item: Item, old: int, new: int) -> str:
    return f"{item.kind.folder}/{item.slug}/compare/{old}-{new}/index.md"


class VersionTools:
    """Bound to one site, so comparisons can name contacts and linked items (whose
    titles a page looks up, noted for the render cache)."""

    def __init__(self, site):
        self.contacts = site.contacts
        self.titles = NotedDict((item.slug, item.meta.title) for item in site.items)
        # Each comparison with the items it looked up, noted again whenever it is reused.
        self._cache: dict[tuple[str, int, int], tuple[tuple[FieldChange, ...], set[str]]] = {}

    page = staticmethod(version_path)
    compare = staticmethod(compare_path)

    def show(self, field: str, value: Any) -> str:
        if isinstance(value, bool):
            return {"required": "必需" if value else "视情况"}.get(field, "是" if value else "否")
        if field == "amount":
            return f"{money(value)} 元"
        if field in _DAY_FIELDS and isinstance(value, int):
            return f"{value}个工作日"
        if isinstance(value, date):
            return value.isoformat()
        if field in _CONTACT_FIELDS and value in self.contacts:
            contact = self.contacts[value]
            return f"{contact.name}（{contact.value}）" if contact.value else contact.name
        if field in ("fee", "interprets") and value in self.titles:
            return self.titles[value]
        return str(value)

    def changes(self, item: Item, old: int, new: int) -> tuple[FieldChange, ...]:
        """What differs from version `old` to version `new` (numbers, 1-based)."""
        key = (item.slug, old, new)
        if key not in self._cache:
            with noting() as seen:
                changes = tuple(compare(item.versions[old - 1], item.versions[new - 1],
                                        list(item.kind.content_fields), self.show))
            self._cache[key] = changes, seen
        changes, seen = self._cache[key]
        note(*seen)
        return changes
