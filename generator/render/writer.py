"""Write a generated tree, touching only files whose content changed.

Stable modification times let MkDocs' and our own incremental steps skip
unchanged pages; files no longer generated are removed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..output import put, remove_others


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
    return put(os.path.join(dest, rel), content)


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
                      remove_others(dest, written, owns) if existed else ())
