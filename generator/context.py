"""What a step after `mkdocs build` is handed: the finished, not yet published site.

It sits below the steps (and below build.py, which makes one), so a step needs
nothing from the module that runs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

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
    # Incremental builds: files no newer than this came unchanged from the last
    # good site (already checked); docs pages whose Markdown this build rewrote.
    reused_before: float | None = None
    changed_docs: frozenset[str] = frozenset()
    # Standard steps this build's pipeline left out (the preview's, run after its
    # reload): what they write was not there for the leak scan, so no publishable site.
    left_out: tuple[str, ...] = ()
