"""Write a generated tree, touching only files whose content changed.

Stable modification times let MkDocs' and our own incremental steps skip
unchanged pages; files no longer generated are removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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


def write_tree(dest: Path, files: dict[str, bytes]) -> WriteStats:
    unchanged = 0
    written: list[str] = []
    removed: list[str] = []
    dest.mkdir(parents=True, exist_ok=True)
    for rel, content in sorted(files.items()):
        target = dest / rel
        if target.is_file() and target.stat().st_size == len(content) and target.read_bytes() == content:
            unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        partial.write_bytes(content)
        partial.replace(target)
        written.append(rel)
    wanted = {dest / rel for rel in files}
    for path in sorted(dest.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted:
            path.unlink()
            removed.append(path.relative_to(dest).as_posix())
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return WriteStats(tuple(written), unchanged, tuple(sorted(removed)))
