"""Sheets' HTML, kept in build/cache under everything that makes it.

A sheet shows one item as of the build date: its HTML is a function of the item's
files, the site's shared data files, the date and options (render/cache.py's
`site_inputs`), the other items it looked up while it rendered (a linked fee's
title: render/lookups.py), whether it links a PDF, and what the shared
fingerprint covers (code, templates, libraries with the QR code's, settings). And
of the build stamp in its small print, which changes every build: a sheet is
rendered with PLACEHOLDER where the stamp goes, kept so, and gets this build's
stamp as it is written. Cold builds go
the same way, so a sheet from the cache is byte for byte the one a build makes.
"""

from __future__ import annotations

from ..cache.store import MISSING, Store, key
from ..render.cache import item_key, lookups_key, site_inputs
from ..render.lookups import EVERYTHING
from ..render.pages import RenderContext
from ..versions import ItemState

KIND = "sheets"
# Not text of a sheet: the sanitiser turns NUL into U+FFFD, the templates have none
# and a data file may not hold one (load/limits.py).
PLACEHOLDER = "\0gongkai-build-stamp\0"


def pack(html: str) -> tuple[bytes, ...]:
    """The sheet's bytes around each place the stamp goes. Kept so, not compressed: a
    warm build stamps every sheet, and joining the parts takes a fortieth of the time
    decompressing did (the store is twice the size, about 6 KB a sheet)."""
    return tuple(html.encode("utf-8").split(PLACEHOLDER.encode()))


def stamped(packed: tuple[bytes, ...], shown: bytes) -> bytes:
    """The sheet as written: `shown` is the stamp as the template prints it (escaped)."""
    return shown.join(packed)


class SheetCache:
    """Sheets of one render of `ctx`, looked up in and added to `store`."""

    def __init__(self, ctx: RenderContext, store: Store) -> None:
        self.store = store
        self.site = site_inputs(ctx)
        self.items = {item.slug: item_key(ctx.site.root, item) for item in ctx.site.items}

    def key(self, state: ItemState, with_pdf: bool) -> bytes:
        item = state.item
        return key(self.site, item.kind.name, item.slug, self.items[item.slug], str(with_pdf))

    def get(self, entry: bytes) -> tuple[bytes, ...] | None:
        """The packed sheet, while the items it looked up are as they were."""
        found = self.store.get(entry)
        if found is MISSING:
            return None
        looked_up, lookups, packed = found
        return packed if lookups == lookups_key(self.items, looked_up) else None

    def put(self, entry: bytes, looked_up: set[str], packed: tuple[bytes, ...]) -> None:
        if EVERYTHING not in looked_up:
            items = frozenset(looked_up)
            self.store.put(entry, (items, lookups_key(self.items, items), packed))

    def save(self) -> None:
        self.store.save()
