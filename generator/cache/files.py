"""Results about built files, kept under the hash of each file's name and bytes.

The link check, the search index and the leak scan each learn something from
every file of the built site; a file with the same name and bytes as one they saw
before gives the same answer, however and whenever it was made (a copied site, a
warm CI runner, a rebuilt page that came out the same).

Every page's footer carries the build stamp (time, commit, date of the data), so
without more every build would change every page and find nothing kept. A
`FileStore` is told the stamp as pages show it and leaves it out of the key. That is
safe for these three: the link check and the search read no link or text of the
footer's stamp, and the stamp, digits split by Chinese text and punctuation inside
its own paragraph, can neither be nor join a personal number (privacy/detect.py
joins digits across inline tags only), so the leak scan finds the same with any stamp.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any, Callable, Iterable

from ..workers import forked_map
from .store import Store, key

CHUNK = 256     # files a worker is handed at a time: each takes well under a millisecond


class FileStore(Store):
    """A store of results about built files whose keys leave out `volatile`, the
    build stamp as the pages show it."""

    def __init__(self, folder: Path | None, kind: str, fingerprint: str, volatile: bytes) -> None:
        super().__init__(folder, kind, fingerprint)
        self.volatile = volatile


def _read(folder: Path, name: str) -> bytes:
    with open(os.path.join(folder, name), "rb") as file:
        return file.read()


def _file_key(name: str, data: bytes, setting: str, volatile: bytes) -> bytes:
    if volatile:
        data = data.replace(volatile, b"")
    return key(name, hashlib.sha256(data).digest(), setting)


def file_keys(folder: Path, names: list[str], setting: str = "",
              volatile: bytes = b"") -> list[bytes]:
    """The key of each file (named relative to folder): its name and its bytes without
    `volatile`, and the setting the result also depends on."""
    def one(name: str) -> bytes:
        return _file_key(name, _read(folder, name), setting, volatile)
    # Reading and hashing are quick (SHA-256 runs on the CPU's own instructions); threads
    # cost more CPU in their hand-offs than they saved, so whole cores share the work.
    return forked_map(one, names, chunksize=CHUNK)


def file_results(store: Store | None, folder: Path, names: list[str],
                 compute: Callable[[list[str]], Iterable[Any]], setting: str = "") -> list[Any]:
    """compute's result for each file, calling compute only on the files whose name
    and bytes (and `setting`) the store holds no result for; on all without a store."""
    if store is None:
        return list(compute(names))
    return store.results(file_keys(folder, names, setting, store.volatile if isinstance(store, FileStore) else b""),
                         lambda missing: compute([names[i] for i in missing]))


def read_results(store: Store | None, folder: Path, names: list[str],
                 compute: Callable[[str, bytes], Any], setting: str = "",
                 chunksize: int = 32) -> list[Any]:
    """compute(name, bytes) for each file, each file read once: a worker reads it, keys
    it and computes only what the store (inherited by the forked worker) holds no result
    for, so a changed file is not read a second time and a build without a cache hashes
    nothing. Results are kept in this process, as a `Store` requires."""
    keeps = store is not None and store.path is not None
    volatile = store.volatile if isinstance(store, FileStore) else b""

    def one(name: str) -> tuple[bytes | None, bool, Any]:
        """(key, whether the store holds its result, the result computed if not)."""
        data = _read(folder, name)
        if not keeps:
            return None, False, compute(name, data)
        entry = _file_key(name, data, setting, volatile)
        # A hit is fetched from this process's own store: only misses travel back pickled.
        if entry in store.entries:
            return entry, True, None
        return entry, False, compute(name, data)

    found = []
    for entry, hit, value in forked_map(one, names, chunksize=chunksize):
        if hit:
            value = store.get(entry)
        elif entry is not None:
            store.put(entry, value)
        found.append(value)
    return found
