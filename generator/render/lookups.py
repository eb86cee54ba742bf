"""Which other items a page looked up while it rendered.

An item's pages show other items only through a few shared tables (the public
items, notice facts, titles for comparisons). Those tables note each key a page
reads; a page that lists or iterates them, or reads the site as a whole, notes
EVERYTHING. The render cache (render/cache.py) keeps a page while neither its
own item nor any item it looked up has changed.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator

EVERYTHING = "*"

_OPEN: list[set[str]] = []     # one set per page (or comparison) being rendered


@contextmanager
def noting() -> Iterator[set[str]]:
    """The keys looked up inside the block; they count for enclosing blocks too."""
    seen: set[str] = set()
    _OPEN.append(seen)
    try:
        yield seen
    finally:
        _OPEN.pop()


def note(*keys: str) -> None:
    for seen in _OPEN:
        seen.update(keys)


class NotedDict(dict):
    """A dict keyed by item slug that notes which slugs are read; reading all of it
    (iterating, counting, listing) notes EVERYTHING."""

    def __getitem__(self, key):
        note(str(key))
        return super().__getitem__(key)

    def get(self, key, default=None):
        note(str(key))
        return super().get(key, default)

    def __contains__(self, key) -> bool:
        note(str(key))
        return super().__contains__(key)

    def __iter__(self):
        note(EVERYTHING)
        return super().__iter__()

    def __len__(self) -> int:
        note(EVERYTHING)
        return super().__len__()

    def keys(self):
        note(EVERYTHING)
        return super().keys()

    def values(self):
        note(EVERYTHING)
        return super().values()

    def items(self):
        note(EVERYTHING)
        return super().items()


class Whole:
    """An object whose every attribute or key depends on all items (the site, the
    lists by kind): reading anything of it notes EVERYTHING."""

    def __init__(self, target: Any) -> None:
        self._target = target

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):     # e.g. _target itself, before __init__ set it
            raise AttributeError(name)
        note(EVERYTHING)
        return getattr(self._target, name)

    def __getitem__(self, key: Any) -> Any:
        note(EVERYTHING)
        return self._target[key]
