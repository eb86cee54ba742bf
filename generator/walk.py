"""The files of a built tree, listed quickly.

A 10,000-item site has 67,000 files in 58,000 folders, and the steps after
MkDocs each list them: `sorted(folder.rglob(...))` took 3.3 s of that, as
pathlib makes and compares a Path per entry; os.walk and string keys, 0.9 s.
"""

from __future__ import annotations

import os
from pathlib import Path


def files_under(folder: Path, suffix: str = "") -> list[Path]:
    """Every file under `folder` whose name ends with `suffix`, in the order
    sorted(folder.rglob("*" + suffix)) gives (folder by folder, name by name)."""
    found: list[str] = []
    for parent, _, names in os.walk(folder):
        found += [os.path.join(parent, name) for name in names if name.endswith(suffix)]
    found.sort(key=lambda path: path.split(os.sep))
    return [Path(path) for path in found]
