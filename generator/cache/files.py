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

`read_results` also skips reading a file that is unchanged since its bytes were last
hashed (statindex.py): its recorded digest, of its bytes without the stamp of the
build that read them, is a key to results that hold for it with any stamp, as above.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from ..walk import stat_files
from ..workers import forked_map
from .statindex import StatIndex, identity
from .store import MISSING, Store, key

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


def _digest(data: bytes, volatile: bytes) -> bytes:
    return hashlib.sha256(data.replace(volatile, b"") if volatile else data).digest()


def _file_key(name: str, data: bytes, setting: str, volatile: bytes) -> bytes:
    return key(name, _digest(data, volatile), setting)


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


@dataclass(frozen=True)
class Listing:
    """Files of a folder, each stat'ed once, and the index that knows which of them
    still hold the bytes last hashed (None: every file is read)."""

    folder: Path
    stats: dict[str, os.stat_result | None]     # name relative to folder → its stat
    index: StatIndex | None = None

    def save(self) -> None:
        """Keep what was learnt about the files listed; forget files no longer there."""
        if self.index is not None:
            self.index.save(self.stats)


def listing(folder: Path, cache_dir: Path | None = None, fingerprint: str = "",
            tree: str = "site") -> Listing:
    """Every file under `folder` (walk.files_under's names and order), with the index
    of `tree` kept in cache_dir."""
    if cache_dir is None:
        return Listing(folder, stat_files(folder))
    index = StatIndex(cache_dir, tree, fingerprint)
    return Listing(folder, stat_files(folder, index), index)


def read_results(store: Store | None, files: Listing, names: list[str],
                 compute: Callable[[str, bytes], Any], setting: str = "",
                 chunksize: int = 32) -> list[Any]:
    """compute(name, bytes) for each of the files `names`, reading only what is needed:
    a file the index knows unchanged is keyed by its recorded digest, and if the store
    holds its result, not read at all. Any other file a worker reads once, keys, and
    computes only what the store (inherited by the forked worker) holds no result for,
    so a build without a cache hashes nothing. Results and what the index learns are
    kept in this process, as a `Store` requires."""
    keeps = store is not None and store.path is not None
    volatile = store.volatile if isinstance(store, FileStore) else b""
    found: list[Any] = [MISSING] * len(names)
    known: list[bytes | None] = [None] * len(names)
    if keeps and files.index is not None:
        for i, name in enumerate(names):
            digest = files.index.known(name, files.stats.get(name))
            if digest is not MISSING:
                known[i] = digest
                found[i] = store.get(key(name, digest, setting))
    todo = [i for i, value in enumerate(found) if value is MISSING]

    def one(i: int) -> tuple[tuple | None, bool, Any]:
        """((identity, digest, when stat'ed) if learnt, whether the store holds the
        result, the result computed if not)."""
        name = names[i]
        started = time.time_ns()
        with open(os.path.join(files.folder, name), "rb") as file:
            # The stat of the very file read, taken before its bytes: a write after it
            # changes its ctime, so the index will not take these bytes for the new ones.
            seen = identity(os.fstat(file.fileno()))
            data = file.read()
        if not keeps:
            return None, False, compute(name, data)
        # The digest the index knew for the file as listed is of these bytes if it is still
        # that file: a result missing from the store is computed without hashing again.
        if known[i] is not None and seen == identity(files.stats[name]):
            return None, False, compute(name, data)
        digest = _digest(data, volatile)
        # A hit is fetched from this process's own store: only misses travel back pickled.
        if key(name, digest, setting) in store.entries:
            return (seen, digest, started), True, None
        return (seen, digest, started), False, compute(name, data)

    for i, (learnt, hit, value) in zip(todo, forked_map(one, todo, chunksize=chunksize)):
        digest = known[i] if keeps else None
        if learnt is not None:
            seen, digest, started = learnt
            if files.index is not None:
                files.index.learn(names[i], seen, digest, started)
        if digest is not None:
            entry = key(names[i], digest, setting)
            if hit:
                value = store.get(entry)
            else:
                store.put(entry, value)
        found[i] = value
    return found
