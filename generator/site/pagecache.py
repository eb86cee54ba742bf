"""Built pages outside the navigation, kept in build/cache under their inputs.

Such a page (an item, version or comparison page) shows nothing of another page
but the navigation, so its HTML is a function of its Markdown, its address, the
navigation (titles, addresses and front matter of the pages in it) and what the
shared fingerprint covers (libraries, gongkai's code and theme, mkdocs.yml and
site_config/) — and of the build stamp in its footer, which changes every build.
The page is kept with a placeholder where the stamp was and gets this build's
stamp as it is written, so a page from the cache is byte for byte the page this
build would have made.

MkDocs warns about a link to a missing page as it converts the page that has
it: a page that raised a warning is not kept (it fails the build anyway, and
the page may be there next time), and a page taken from the cache that links
to a page since removed is reported by the link check after the build.

The pages are kept in `SHARDS` files by their key, each saved only when its
pages changed: a build after one item's edit rewrites a few of them, where one
file meant rewriting every page (24 MB at 1,000 items, 245 MB at 10,000).
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..cache.store import MISSING, Store, key
from ..output import put

KIND = "pages"        # the folder of build/cache the shards are kept in
SHARDS = 256
# Cannot stand in a built page: the sanitiser turns NUL into U+FFFD, the theme has none.
PLACEHOLDER = b"\0gongkai-build-stamp\0"


@dataclass
class Built:
    """One page as written, and what MkDocs needs back from it."""

    packed: bytes                # the page, its stamp replaced by PLACEHOLDER, compressed
    meta: dict
    anchors: set[str]
    links_to_anchors: dict[str, dict[str, str]]

    # The whole store is read into memory: compressed, a page takes a third of its size
    # (the minimal site's pages; zlib level 1, as fast as any level here).
    @staticmethod
    def pack(output: bytes) -> bytes:
        return zlib.compress(output, 1)

    @property
    def output(self) -> bytes:
        return zlib.decompress(self.packed)


class PageCache:
    def __init__(self, folder: Path | None, fingerprint: str, stamp: bytes, nav) -> None:
        self.folder = folder
        self.shards = [Store(folder / KIND if folder is not None else None, f"{n:02x}", fingerprint)
                       for n in range(SHARDS)]
        self.stamp = stamp      # BuildStamp.shown
        self.nav = _nav_key(nav)

    @property
    def keeps(self) -> bool:
        """Whether pages put here are kept for the next build (not without build/cache)."""
        return self.shards[0].path is not None

    def key(self, src_uri: str, markdown: bytes) -> bytes:
        return key(src_uri, markdown, self.nav)

    def get(self, entry: bytes) -> Built | None:
        built = self._shard(entry).get(entry)
        return None if built is MISSING else built

    def put(self, entry: bytes, built: Built) -> None:
        self._shard(entry).put(entry, built)

    def save(self) -> None:
        for shard in self.shards:
            shard.save()
        if self.folder is not None:     # the one file earlier versions kept every page in
            for old in self.folder.glob(f"{KIND}-*.pickle"):
                old.unlink(missing_ok=True)

    def _shard(self, entry: bytes) -> Store:
        return self.shards[entry[0] % SHARDS]

    def packed(self, output: bytes) -> bytes:
        """The page as kept: without this build's stamp, compressed."""
        return Built.pack(output.replace(self.stamp, PLACEHOLDER))

    def write(self, built: Built, path: str) -> None:
        put(path, built.output.replace(PLACEHOLDER, self.stamp))


def _nav_key(nav) -> bytes:
    """All a page outside the navigation shows of it: each entry's kind, title,
    address and front matter (Material reads icons and status from it)."""
    def entry(item) -> list:
        return [type(item).__name__, str(item.title), getattr(item, "url", None),
                getattr(item, "meta", None), [entry(child) for child in item.children or ()]]
    return json.dumps([entry(item) for item in nav.items], ensure_ascii=False, sort_keys=True,
                      default=str).encode("utf-8")
