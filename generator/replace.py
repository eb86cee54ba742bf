"""Writing into an output folder: a new file takes the old one's place.

Every step that writes into the site writes a new file and renames it over
the old one: a reader never sees half a file, and a file that shares its inode
with another (a hard link) never changes that one. A whole new site trades names
with the old one in one step where the system can (exchanged).
"""

from __future__ import annotations

import ctypes
import errno
import os
import sys
from typing import BinaryIO, Callable

PARTIAL = ".partial"    # a new file's name until it is whole; one left behind is nobody's

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


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


def _renameat2():
    """Linux's renameat2 (glibc 2.28+), which Python does not offer: two folders trade
    names in one step. None elsewhere: exchanged() says so and callers rename twice."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    except OSError:
        return None


_RENAMEAT2 = _renameat2()


def exchanged(one: str | os.PathLike, other: str | os.PathLike) -> bool:
    """Give two existing paths each other's names at once, so that a reader of either
    name never finds nothing there; False where the system or file system cannot."""
    if _RENAMEAT2 is None:
        return False
    if _RENAMEAT2(_AT_FDCWD, os.fsencode(one), _AT_FDCWD, os.fsencode(other),
                  _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), os.fspath(one), None, os.fspath(other))
