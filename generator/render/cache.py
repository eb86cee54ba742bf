"""Item pages kept from the last build while nothing they show has changed.

A page that belongs to one item (its page, version pages, comparisons, name
list pages) is made from that item's files, the site's settings, the code and
templates, the build date, and whatever it looked up of other items
(render/lookups.py). Its key is a digest of all of these. When a page's key is
the one it had last time and its Markdown file is still the file written then,
rendering it again would give the same bytes, so it is not rendered. An item
edit therefore renders that item's pages, the pages that name it, and the
listings (which are not kept); a change of settings, code or date renders all.
Full builds render every page and keep the keys for the next incremental one.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from ..filecache import file_stamp, load_entries, save_entries
from ..notices.lists import list_file
from .lookups import EVERYTHING
from .pages import render_context
from .writer import write_file

if TYPE_CHECKING:
    from ..pipeline import Pipeline
    from .pages import Page, RenderContext

RENDER_CACHE = "render.pickle"                 # in build/cache
CODE = Path(__file__).resolve().parents[1]     # the generator package
LIBRARIES = ("jinja2", "pydantic", "PyYAML")   # they shape what a page is made of
SETTINGS = "site_config"                       # read whole, with data/*.yaml
ABSENT = b"-"                                  # the key of a slug no item has

Entry = tuple[bytes, frozenset[str], tuple[int, int]]   # key, items looked up, file stamp


class RenderCache:
    """The pages of one render of `ctx` into `docs`; entries saved in `path`.
    With reuse=False, every page is rendered and the cache only records them."""

    def __init__(self, ctx: RenderContext, docs: Path, path: Path, reuse: bool) -> None:
        self.docs, self.path = docs, path
        self.version = site_key(ctx)
        root = ctx.site.root
        self.items = {item.slug: item_key(root, item) for item in ctx.site.items}
        self.entries: dict[str, Entry] = load_entries(path, self.version) if reuse else {}
        self.kept: dict[str, Entry] = {}
        self.reused: set[str] = set()      # pages not rendered again
        self._planned: dict[str, bytes] = {}   # digest of each page as planned

    def _key(self, planned: bytes, looked_up: frozenset[str]) -> bytes:
        digest = hashlib.sha256(planned)
        for slug in sorted(looked_up):
            digest.update(b"\0" + slug.encode() + b"\0" + self.items.get(slug, ABSENT))
        return digest.digest()

    def unchanged(self, page: Page) -> bool:
        """The page's file holds what rendering it now would write."""
        if page.owner is None:
            return False
        # As planned: rendering may add to the front matter (a comparison's fields), and
        # what planning took from the item as of the date (status, dates) is in it.
        planned = self._planned[page.path] = hashlib.sha256(pickle.dumps(
            (page.path, page.template, page.front), protocol=pickle.HIGHEST_PROTOCOL)).digest()
        entry = self.entries.get(page.path)
        if entry is None:
            return False
        key, looked_up, stamp = entry
        try:
            same = key == self._key(planned, looked_up) and \
                file_stamp(self.docs / page.path) == stamp
        except OSError:      # the file is gone
            return False
        if same:
            self.kept[page.path] = entry
            self.reused.add(page.path)
        return same

    def rendered(self, page: Page, looked_up: set[str]) -> None:
        """Record a page just written (asked about first), with the items it looked up."""
        planned = self._planned.pop(page.path, None)
        if planned is None or EVERYTHING in looked_up:
            return
        items = frozenset(looked_up | {page.owner})
        self.kept[page.path] = (self._key(planned, items), items, file_stamp(self.docs / page.path))

    def save(self) -> None:
        """Keep the entries of this render's pages (and only those) for the next one."""
        save_entries(self.path, self.version, self.kept)


def render_into(ctx: RenderContext, pipeline: Pipeline, docs: Path, cache_file: Path,
                reuse: bool) -> tuple[dict[str, bool], set[str]]:
    """Render the docs tree into `docs`, writing only files whose bytes changed; with
    `reuse`, item pages whose inputs did not change are not rendered at all. Returns
    each file's path → whether it was written, and the pages that were not rendered."""
    cache = RenderCache(ctx, docs, cache_file, reuse)
    written = render_context(ctx, pipeline, partial(write_file, docs), cache)   # folders made as needed
    cache.save()
    return written, cache.reused


def site_key(ctx: RenderContext) -> str:
    """What every page depends on: code, libraries, settings, date, options."""
    digest = hashlib.sha256(f"{sys.version}\0{ctx.as_of.isoformat()}\0{ctx.pdf}\0".encode())
    for library in LIBRARIES:
        digest.update(version(library).encode() + b"\0")
    root = ctx.site.root
    files = [path for path in sorted(CODE.rglob("*")) if "__pycache__" not in path.parts]
    files += sorted((root / SETTINGS).rglob("*")) + sorted((root / "data").glob("*"))
    for path in files:
        if path.is_file():
            digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def item_key(root: Path, item) -> bytes:
    """An item's own files: its YAML and the name lists its versions point to."""
    digest = hashlib.sha256((root / item.file).read_bytes())
    for rel in sorted({list_file(item, v.content["list"]) for v in item.versions
                       if v.content.get("list")}):
        path = root / rel
        digest.update(b"\0" + (path.read_bytes() if path.is_file() else ABSENT))
    return digest.digest()
