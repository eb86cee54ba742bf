"""Writing into an output folder: a new file takes the old one's place.

Every step that writes into the site writes a new file and renames it over
the old one: a reader never sees half a file, and a file that shares its inode
with another (a hard link) never changes that one.
"""

from __future__ import annotations

import os
from typing import BinaryIO, Callable

PARTIAL = ".partial"    # a new file's name until it is whole; one left behind is nobody's


def replace_file(path: str | os.PathLike, content: bytes) -> None:
    """Write content to path as a new file (the folder must exist)."""
    replace_with(path, lambda out: out.write(content))


def replace_with(path: str | os.PathLike, write: Callable[[BinaryIO], object]) -> None:
    """Have `write` write path's new content into a file opened for it (the folder must
    exist): content too big to hold twice goes to the disk as it is made."""
    target = os.fspath(path)
    partial = target + PARTIAL
    with open(partial, "wb") as out:
        try:
            write(out)
        except BaseException:
            os.unlink(partial)     # half written: the old file stays as it was
            raise
    os.replace(partial, target)
