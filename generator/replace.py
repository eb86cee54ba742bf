"""Writing into an output folder: a new file takes the old one's place.

Every step that writes into the site writes a new file and renames it over
the old one: a reader never sees half a file, and a file that shares its inode
with another (a hard link) never changes that one.
"""

from __future__ import annotations

import os


def replace_file(path: str | os.PathLike, content: bytes) -> None:
    """Write content to path as a new file (the folder must exist)."""
    target = os.fspath(path)
    partial = target + ".partial"
    with open(partial, "wb") as out:
        out.write(content)
    os.replace(partial, target)
