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


def write_tree(dest: Path, files: dict[str, bytes],
               owns: Callable[[str], bool] = lambda rel: True) -> WriteStats:
    """Write files (relative path → bytes) under dest; of the files already there,
    those not in `files` are removed if `owns` says the tree is theirs."""
    unchanged = 0
    written: list[str] = []
    dest.mkdir(parents=True, exist_ok=True)
    folders: set[str] = set()      # made already: a big site has tens of thousands of files
    for rel, content in sorted(files.items()):
        target = os.path.join(dest, rel)
        try:
            same = os.stat(target).st_size == len(content) and _read(target) == content
        except (FileNotFoundError, NotADirectoryError):
            same = False
        if same:
            unchanged += 1
            continue
        folder = os.path.dirname(target)
        if folder not in folders:
            os.makedirs(folder, exist_ok=True)
            folders.add(folder)
        replace_file(target, content)
        written.append(rel)
    return WriteStats(tuple(written), unchanged, _remove_others(dest, files, owns))


def _read(path: str) -> bytes:
    with open(path, "rb") as file:
        return file.read()


def _remove_others(dest: Path, files: dict[str, bytes],
                   owns: Callable[[str], bool]) -> tuple[str, ...]:
    """Delete files no longer generated, then folders left empty."""
    removed = []
    for folder, subfolders, names in os.walk(dest, topdown=False):
        rel_folder = os.path.relpath(folder, dest)
        for name in names:
            rel = name if rel_folder == "." else f"{rel_folder}/{name}"
            if rel not in files and owns(rel):
                os.unlink(os.path.join(folder, name))
                removed.append(rel)
        if rel_folder != "." and not os.listdir(folder):
            os.rmdir(folder)
    return tuple(sorted(removed))
