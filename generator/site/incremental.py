"""Incremental builds: start from the last site and let MkDocs redo changed pages only.

Every fact one page shows about another lives in the generated Markdown, so a
page whose Markdown did not change has HTML that did not change either —
unless the theme, mkdocs.yml or site.yaml changed, which the shared fingerprint
(generator/cache/fingerprint.py) catches (and then the build is a full one). The
fingerprint also holds the numbers the office declared public: the leak scan
skips reused files, so a number no longer declared must send every file through
it again. Unchanged pages keep the footer stamp of the build that made them, so
published builds are always full.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..render.pages import served_path

STATE_FILE = "site.fingerprint"


def can_reuse(build_dir: Path, fingerprint: str) -> bool:
    """The last site was built under `fingerprint` (the shared one)."""
    state = build_dir / STATE_FILE
    return (build_dir / "site").is_dir() and state.is_file() and \
        state.read_text().strip() == fingerprint


def _output_of(doc_path: str) -> str:
    """The file MkDocs (directory URLs) writes for a docs file: a/b.md → a/b/index.html."""
    served = served_path(doc_path)
    return served + "index.html" if served.endswith("/") or not served else served


def seed_staging(previous: Path, staging: Path, removed_docs: tuple[str, ...]) -> float:
    """Fill staging with hard links to the last site's files (same inode, so same
    mtime, which MkDocs compares), minus removed pages. Returns a time no file of
    the last site is newer than: any file newer than it was written by this build.

    Links, not copies: copying a 10,000-item site took 18 s. Nothing may then write
    into a file in place, or the last good site would change with it; our steps
    write through replace_file, and MkDocs' outputs are unlinked first (site/detach.py).
    """
    for folder, _, names in os.walk(previous):
        target = os.path.join(staging, os.path.relpath(folder, previous))
        os.makedirs(target, exist_ok=True)
        for name in names:
            source, copy = os.path.join(folder, name), os.path.join(target, name)
            try:
                os.link(source, copy)
            except OSError:     # a file system without hard links
                shutil.copy2(source, copy)
    for doc in removed_docs:
        (staging / _output_of(doc)).unlink(missing_ok=True)
    # Written after every file of the last site (see remember).
    return (previous.parent / STATE_FILE).stat().st_mtime


def remember(build_dir: Path, fingerprint: str) -> None:
    """Written once the new site is in place: its mtime is newer than all of the site's files."""
    (build_dir / STATE_FILE).write_text(fingerprint + "\n")
