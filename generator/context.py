"""What a step after `mkdocs build` is handed: the finished, not yet published site.

It sits below the steps (and below build.py, which makes one), so a step needs
nothing from the module that runs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .cache.files import FileStore
from .cache.store import Store

if TYPE_CHECKING:
    from .load.site_loader import SiteData
    from .render import RenderContext
    from .site.stamp import BuildStamp


@dataclass(frozen=True)
class BuildContext:
    root: Path
    site: SiteData
    render: RenderContext
    stamp: BuildStamp
    site_dir: Path       # the staging folder; becomes build/site if every step passes
    # Where the steps keep results by the hash of their inputs (None: a cold build
    # keeps nothing), valid under `fingerprint` (generator/cache/).
    cache_dir: Path | None = None
    fingerprint: str = ""
    # Standard steps this build's pipeline left out (the preview's, run after its
    # reload): what they write was not there for the leak scan, so no publishable site.
    left_out: tuple[str, ...] = ()

    def store(self, kind: str) -> Store:
        return Store(self.cache_dir, kind, self.fingerprint)

    def file_store(self, kind: str) -> FileStore:
        """A store of results about the built files, blind to this build's stamp."""
        return FileStore(self.cache_dir, kind, self.fingerprint, self.stamp.shown)
