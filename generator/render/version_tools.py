"""What templates use to link and describe versions: stable paths and comparisons.

A version's page is /<folder>/<slug>/v/<n>/ and the comparison with the one
before it /<folder>/<slug>/compare/<n-1>-<n>/; n is the version's 1-based
position, so these URLs hold as long as versions are only appended.

The version in force is what the item page shows, so its /v/<n>/ is only a stub
that forwards there (generator/stubs) until a later version takes effect; links
to read it go to the item page, without the stub's extra round trip.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Iterable

from ..model import Item, ResolvedVersion
from ..versions.diff import FieldChange, compare
from .environment import money
from .lookups import NotedDict, note, noting

if TYPE_CHECKING:
    from ..versions import ItemState

_CONTACT_FIELDS = frozenset({"contacts", "consult", "complaint", "objection_contacts"})
_DAY_FIELDS = frozenset({"legal_limit_days", "promised_limit"})


def version_path(item: Item, number: int) -> str:
    return f"{item.kind.folder}/{item.slug}/v/{number}/index.md"


def stubbed_version(state: ItemState) -> ResolvedVersion | None:
    """The version whose /v/<n>/ is a stub: the one in force as of the state's date.
    A repealed or expired item's last version is history, with a page of its own."""
    return state.current if state.in_force else None


def compare_path(item: Item, old: int, new: int) -> str:
    return f"{item.kind.folder}/{item.slug}/compare/{old}-{new}/index.md"


class VersionTools:
    """Bound to one site, so comparisons can name contacts and linked items (whose
    titles a page looks up, noted for the render cache)."""

    def __init__(self, site, states: Iterable[ItemState] = ()):
        self.contacts = site.contacts
        self._stubbed = {s.item.slug: v.number for s in states if (v := stubbed_version(s))}
        self.titles = NotedDict((item.slug, item.meta.title) for item in site.items)
        # Each comparison with the items it looked up, noted again whenever it is reused.
        self._cache: dict[tuple[str, int, int], tuple[tuple[FieldChange, ...], set[str]]] = {}

    address = staticmethod(version_path)     # to cite: stays put, a stub while in force
    compare = staticmethod(compare_path)

    def page(self, item: Item, number: int) -> str:
        """Where to read version `number`: the item page for the version in force."""
        if self._stubbed.get(item.slug) == number:
            return item.url + "index.md"
        return version_path(item, number)

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
