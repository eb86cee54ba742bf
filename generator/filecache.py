"""What a check learned from a built file, kept until the file changes.

An incremental build copies the unchanged files of the last site with their
modification times and MkDocs rewrites the rest, so a file whose size and
modification time (in nanoseconds) are what they were is the same file. The
link check and the search index parse only the others. A cache is tied to the
source of the code that made its entries: editing that code empties it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Any, Callable, Iterable

from .replace import replace_file

CACHE_DIR = "build/cache"      # in a site's folder
_MISSING = object()


class FileCache:
    """Entries kept in `path` (None: kept nowhere, every result computed); they are
    valid for the code in `made_by`, run with `settings`."""

    def __init__(self, path: Path | None, made_by: Iterable[Path], settings: str = ""):
        self.path = path
        digest = hashlib.sha256(settings.encode())
        for source in made_by:
            digest.update(source.read_bytes())
        self.version = digest.hexdigest()
        self.entries: dict[str, tuple[tuple[int, int], Any]] = \
            load_entries(path, self.version) if path is not None else {}

    def results(self, folder: Path, names: list[str],
                compute: Callable[[list[str]], Iterable[Any]]) -> list[Any]:
        """compute's result for each file (named relative to folder, "a/b.html"),
        calling compute only on the changed ones; then the cache keeps exactly these
        files' entries."""
        keys = [file_stamp(os.path.join(folder, name)) for name in names]
        found = [self._get(name, key) for name, key in zip(names, keys)]
        changed = [i for i, result in enumerate(found) if result is _MISSING]
        for i, result in zip(changed, compute([names[i] for i in changed])):
            found[i] = result
        self.entries = {name: (key, result) for name, key, result in zip(names, keys, found)}
        self._save()
        return found

    def _get(self, rel: str, key: tuple[int, int]) -> Any:
        entry = self.entries.get(rel)
        return entry[1] if entry is not None and entry[0] == key else _MISSING

    def _save(self) -> None:
        if self.path is not None:
            save_entries(self.path, self.version, self.entries)


def file_stamp(path: str | os.PathLike) -> tuple[int, int]:
    """Size and modification time: the same for the same file (see above)."""
    stat = os.stat(path)
    return stat.st_size, stat.st_mtime_ns


def load_entries(path: Path, version: str) -> dict:
    """The entries saved in `path` for `version`; {} when there are none for it.
    The version is pickled ahead of the entries, so a cache from other code is not
    unpickled at all: at 10,000 items that took hundreds of megabytes."""
    try:
        with open(path, "rb") as file:
            if pickle.load(file) == version:
                return pickle.load(file)
    except (OSError, pickle.PickleError, EOFError, ValueError, TypeError, AttributeError):
        pass    # no cache, or one from other code: everything is computed afresh
    return {}


def save_entries(path: Path, version: str, entries: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_file(path, pickle.dumps(version, protocol=pickle.HIGHEST_PROTOCOL)
                 + pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL))
