"""Incremental builds: start from the last site and let MkDocs redo changed pages only.

Every fact one page shows about another lives in the generated Markdown, so a
page whose Markdown did not change has HTML that did not change either —
unless the theme, mkdocs.yml or site.yaml changed, which the fingerprint
catches (and then the build is a full one). Unchanged pages keep the footer
stamp of the build that made them, so published builds are always full.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from ..render.pages import served_path
from .plugin import THEME_DIR

STATE_FILE = "site.fingerprint"


def fingerprint(root: Path) -> str:
    digest = hashlib.sha256()
    sources = [root / "mkdocs.yml", *sorted((root / "site_config").rglob("*")),
               *sorted(THEME_DIR.rglob("*")), Path(__file__).with_name("plugin.py")]
    for path in sources:
        if path.is_file():
            digest.update(path.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def can_reuse(build_dir: Path, root: Path) -> bool:
    state = build_dir / STATE_FILE
    return (build_dir / "site").is_dir() and state.is_file() and \
        state.read_text().strip() == fingerprint(root)


def _output_of(doc_path: str) -> str:
    """The file MkDocs (directory URLs) writes for a docs file: a/b.md → a/b/index.html."""
    served = served_path(doc_path)
    return served + "index.html" if served.endswith("/") or not served else served


def seed_staging(previous: Path, staging: Path, removed_docs: tuple[str, ...]) -> float:
    """Copy the last site (keeping mtimes, which MkDocs compares) minus removed pages;
    returns the newest copied mtime: any file newer than it was written by this build.

    A copy, not hard links: MkDocs rewrites files in place, which would change
    the last good site through a shared inode.
    """
    shutil.copytree(previous, staging, dirs_exist_ok=True, copy_function=shutil.copy2)
    for doc in removed_docs:
        (staging / _output_of(doc)).unlink(missing_ok=True)
    return max((p.stat().st_mtime for p in staging.rglob("*") if p.is_file()), default=0.0)


def remember(build_dir: Path, root: Path) -> None:
    (build_dir / STATE_FILE).write_text(fingerprint(root) + "\n")
