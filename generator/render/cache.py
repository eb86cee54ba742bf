"""Pages' Markdown, kept under the hash of everything that makes it.

A page that belongs to one item (its page, version pages, comparisons, name
list pages) is made from that item's files, the site's shared data files
(data/*.yaml), the build date and options, whatever it looked up of other items
(render/lookups.py), and what the shared fingerprint covers (code, templates,
libraries, settings). The store holds, under the page as planned and the site's
inputs, the items it looked up, a digest of their files and its Markdown. While
those files hash as they did, rendering the page again would give the same
bytes, and the store's are written instead: no earlier build/docs is needed. An
item edit therefore renders that item's pages, the pages that name it, and the
listings that show it; a change of settings, code or date renders all.

A page that belongs to no item (a listing, a catalogue page, the home page) is
kept the same way, with its own context keyed too (render/context_key.py).
"""

from __future__ import annotations

import hashlib
import pickle
import zlib
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from ..cache.store import MISSING, Store, key
from ..notices.lists import list_file
from .context_key import context_key
from .lookups import EVERYTHING
from .pages import render_context
from .writer import write_file

if TYPE_CHECKING:
    from ..pipeline import Pipeline
    from .pages import Page, RenderContext

KIND = "render"          # the store's name in build/cache
ABSENT = b"-"            # the key of a slug no item has
# Markdown is kept compressed: a third of its size, for a fraction of a page's render.
LEVEL = 1


class RenderCache:
    """Pages of one render of `ctx`, looked up in and added to `store`."""

    def __init__(self, ctx: RenderContext, store: Store) -> None:
        self.store = store
        # Done where a page is rendered (a worker); not at all for a store kept nowhere
        # (--no-cache), which would drop the packed pages.
        self.pack = pack if store.path is not None else None
        self.site, self.items = render_inputs(ctx)
        self.reused: set[str] = set()          # pages not rendered again
        self._planned: dict[str, bytes] = {}   # key of each page as planned

    def markdown(self, page: Page) -> bytes | None:
        """The page's Markdown as rendering it now would make it, when the store has it."""
        given = self._given(page)
        if given is None:
            return None
        # As planned: rendering may add to the front matter (a comparison's fields), and
        # what planning took from the item as of the date (status, dates) is in it.
        planned = self._planned[page.path] = key(self.site, pickle.dumps(
            (page.path, page.template, page.front), protocol=pickle.HIGHEST_PROTOCOL), given)
        entry = self.store.get(planned)
        if entry is MISSING:
            return None
        looked_up, lookups, packed = entry
        if lookups != lookups_key(self.items, looked_up):
            return None
        self.reused.add(page.path)
        return zlib.decompress(packed)

    def _given(self, page: Page) -> bytes | None:
        """The key of what the page was given to show besides its lookups; None when
        it cannot be keyed. An item's page is given only its item, which is a lookup."""
        if page.owner is not None:
            return b""
        if page.own is None:      # not planned by plan_pages: its own context is unknown
            return None
        return context_key({name: page.context[name] for name in page.own}, self.items)

    def rendered(self, page: Page, looked_up: set[str], packed: bytes) -> None:
        """Keep a page just rendered (asked about first), with the items it looked up."""
        planned = self._planned.pop(page.path, None)
        if planned is None or EVERYTHING in looked_up:
            return
        items = frozenset(looked_up | ({page.owner} if page.owner is not None else set()))
        self.store.put(planned, (items, lookups_key(self.items, items), packed))


def pack(markdown: bytes) -> bytes:
    return zlib.compress(markdown, LEVEL)


def render_into(ctx: RenderContext, pipeline: Pipeline, docs: Path, store: Store,
                clerk_store: Store, templates: Store | None = None) -> tuple[dict[str, bool], set[str]]:
    """Render the docs tree into `docs`, writing only files whose bytes changed; item
    pages the store holds are not rendered at all (a store kept nowhere holds none).
    `clerk_store` keeps the HTML of clerk texts, `templates` compiled templates. Returns each file's path → whether
    it was written, and the pages not rendered."""
    cache = RenderCache(ctx, store)
    written = render_context(ctx, pipeline, partial(write_file, docs), cache,   # folders made as needed
                             clerk_store, templates)
    for kept in (store, clerk_store, templates):
        if kept is not None:
            kept.save()
    ctx.stores.save()
    return written, cache.reused


def render_inputs(ctx: RenderContext) -> tuple[bytes, dict[str, bytes]]:
    """site_inputs and each item's key (slug → item_key), made once per render."""
    if "inputs" not in ctx.memo:
        root = ctx.site.root
        ctx.memo["inputs"] = site_inputs(ctx), {
            item.slug: item_key(root, item, ctx.site.doc_keys.get(item.file))
            for item in ctx.site.items}
    return ctx.memo["inputs"]


def site_inputs(ctx: RenderContext) -> bytes:
    """What every page depends on beside the shared fingerprint: the date, the
    options, and the site's shared data files (offices, contacts)."""
    root = ctx.site.root
    parts = [ctx.as_of.isoformat(), str(ctx.pdf)]
    for path in sorted((root / "data").glob("*")):
        if path.is_file():
            parts += [path.name, path.read_bytes()]
    return key(*parts)


def lookups_key(items: dict[str, bytes], looked_up: frozenset[str]) -> bytes:
    """The state of the items a page looked up while it rendered (their keys in
    `items`, ABSENT for a slug no item has): a cached page is good while it is the same."""
    digest = hashlib.sha256()
    for slug in sorted(looked_up):
        digest.update(slug.encode() + b"\0" + items.get(slug, ABSENT) + b"\0")
    return digest.digest()


def item_key(root: Path, item, read: bytes | None = None) -> bytes:
    """An item's own files: its YAML and the name lists its versions point to. `read`
    is the key of the YAML's name and bytes when loading made one (site.doc_keys):
    the file is then not read again."""
    digest = hashlib.sha256(read if read is not None else (root / item.file).read_bytes())
    for rel in sorted({list_file(item, v.content["list"]) for v in item.versions
                       if v.content.get("list")}):
        path = root / rel
        digest.update(b"\0" + (path.read_bytes() if path.is_file() else ABSENT))
    return digest.digest()
