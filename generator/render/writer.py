"""Write a generated tree, touching only files whose content changed.

Stable modification times let MkDocs' and our own incremental steps skip
unchanged pages; files no longer generated are removed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..replace import replace_file


@dataclass(frozen=True)
class WriteStats:
    written_paths: tuple[str, ...]
    unchanged: int
    removed_paths: tuple[str, ...] = ()

    @property
    def written(self) -> int:
        return len(self.written_paths)

    @property
    def removed(self) -> int:
        return len(self.removed_paths)


def write_file(dest: str | os.PathLike, rel: str, content: bytes) -> bool:
    """Write one file under dest unless it holds content already; True if written."""
    target = os.path.join(dest, rel)
    try:
        if os.stat(target).st_size == len(content) and _read(target) == content:
            return False
    except (FileNotFoundError, NotADirectoryError):
        pass
    try:
        replace_file(target, content)
    except FileNotFoundError:       # a new folder: made on demand, as most exist already
        os.makedirs(os.path.dirname(target), exist_ok=True)
        replace_file(target, content)
    return True


def write_tree(dest: Path, files: dict[str, bytes],
               owns: Callable[[str], bool] = lambda rel: True) -> WriteStats:
    """Write files (relative path → bytes) under dest; of the files already there,
    those not in `files` are removed if `owns` says the tree is theirs."""
    dest.mkdir(parents=True, exist_ok=True)
    return tree_stats(dest, {rel: write_file(dest, rel, content)
                             for rel, content in sorted(files.items())}, owns)


def tree_stats(dest: Path, written: dict[str, bool],
               owns: Callable[[str], bool] = lambda rel: True, *, existed: bool = True) -> WriteStats:
    """The outcome of writing files (relative path → whether it was written) under
    dest with write_file; files there that were not among them are removed if `owns`
    says the tree is theirs. A tree that did not exist before (`existed` False) holds
    only what was written, so its thousands of folders are not walked."""
    return WriteStats(tuple(sorted(rel for rel, changed in written.items() if changed)),
                      sum(not changed for changed in written.values()),
                      _remove_others(dest, written, owns) if existed else ())


def _read(path: str) -> bytes:
    with open(path, "rb") as file:
        return file.read()


def _remove_others(dest: Path, files: dict[str, object],
                   owns: Callable[[str], bool]) -> tuple[str, ...]:
    """Delete files no longer generated, then folders left empty. Walked bottom-up,
    a folder is empty when none of its files is left and each subfolder went (asking
    the system for each of a big site's thousands of folders cost more)."""
    removed = []
    base = os.fspath(dest)
    gone: set[str] = set()
    for folder, subfolders, names in os.walk(base, topdown=False):
        rel_folder = folder[len(base) + 1:].replace(os.sep, "/")    # "" for dest itself
        left = len(names)
        for name in names:
            rel = f"{rel_folder}/{name}" if rel_folder else name
            if rel not in files and owns(rel):
                os.unlink(os.path.join(folder, name))
                removed.append(rel)
                left -= 1
        if rel_folder and not left and all(os.path.join(folder, sub) in gone for sub in subfolders):
            os.rmdir(folder)
            gone.add(folder)
    return tuple(sorted(removed))
