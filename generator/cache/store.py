"""A cache of one kind of result (`Store`), kept in build/cache under the fingerprint.

Entries are looked up and added in the building process only: work handed to
worker processes comes back to it before it is stored, so no entry is lost with a
worker. A saved store keeps only the entries this build used, so it stays the size
of the site, and a store made under another fingerprint is not read at all (it is
deleted when this one is saved).
"""

from __future__ import annotations

import hashlib
import pickle
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterable

from ..replace import replace_with

CACHE_DIR = "build/cache"      # in a site's folder
MISSING = object()


def key(*parts: bytes | str) -> bytes:
    """The key of one input: its parts hashed, each kept apart from the next."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.digest()


class Store:
    """Results of one kind (`kind`: a file name) valid under `fingerprint`; with
    folder None, nothing is read or kept (a cold build)."""

    def __init__(self, folder: Path | None, kind: str, fingerprint: str) -> None:
        self.folder, self.kind = folder, kind
        self.path = folder / f"{kind}-{fingerprint[:32]}.pickle" if folder is not None else None
        self.entries: dict[bytes, Any] = _load(self.path)
        self.used: dict[bytes, Any] = {}
        self.added = False

    def get(self, entry: bytes) -> Any:
        value = self.entries.get(entry, MISSING)
        if value is not MISSING:
            self.used[entry] = value
        return value

    def put(self, entry: bytes, value: Any) -> None:
        self.entries[entry] = self.used[entry] = value
        self.added = True

    def value(self, entry: bytes, compute: Callable[[], Any]) -> Any:
        """The value kept under `entry`, else compute() kept there."""
        found = self.get(entry)
        if found is MISSING:
            found = compute()
            self.put(entry, found)
        return found

    def results(self, keys: list[bytes], compute: Callable[[list[int]], Iterable[Any]]) -> list[Any]:
        """The value of each key; `compute` is given the positions of the missing ones
        and returns their values in that order."""
        found = [self.get(k) for k in keys]
        missing = [i for i, value in enumerate(found) if value is MISSING]
        for i, value in zip(missing, compute(missing)):
            found[i] = value
            self.put(keys[i], value)
        return found

    def save(self) -> None:
        """Keep what this build used; drop this kind's stores of other fingerprints."""
        if self.path is None or (not self.added and len(self.used) == len(self.entries)):
            return      # the file holds exactly what this build used already
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for other in self.path.parent.glob(f"{self.kind}-*.pickle"):
            if other != self.path:
                other.unlink(missing_ok=True)
        # Pickled straight into the file: at 10,000 items the built pages' store is
        # hundreds of megabytes, which a pickled copy in memory would double.
        replace_with(self.path, partial(pickle.dump, self.used, protocol=pickle.HIGHEST_PROTOCOL))


class Stores:
    """The stores a stage's parts keep results in, by kind, each opened when first
    asked for (a part that is not run reads no file) and saved together."""

    def __init__(self, folder: Path | None, fingerprint: str) -> None:
        self.folder, self.fingerprint = folder, fingerprint
        self.opened: dict[str, Store] = {}

    def __call__(self, kind: str) -> Store:
        if kind not in self.opened:
            self.opened[kind] = Store(self.folder, kind, self.fingerprint)
        return self.opened[kind]

    def save(self) -> None:
        for store in self.opened.values():
            store.save()


def _load(path: Path | None) -> dict[bytes, Any]:
    if path is None:
        return {}
    try:
        with open(path, "rb") as file:
            entries = pickle.load(file)
    except (OSError, pickle.PickleError, EOFError, ValueError, TypeError, AttributeError,
            ImportError, IndexError):
        return {}      # none yet, or unreadable: everything is computed afresh
    return entries if isinstance(entries, dict) else {}
