"""Results about built files, kept under the hash of each file's name and bytes.

The link check, the search index and the leak scan each learn something from
every file of the built site; a file with the same name and bytes as one they saw
before gives the same answer, however and whenever it was made (a copied site, a
warm CI runner, a rebuilt page that came out the same).
"""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable, Iterable

from .store import Store, key

# Threads overlap the reads; hashlib lets go of the GIL while it hashes.
READERS = 4


def file_keys(folder: Path, names: list[str], setting: str = "") -> list[bytes]:
    """The key of each file (named relative to folder): its name and its bytes, and
    the setting the result also depends on."""
    def one(name: str) -> bytes:
        with open(os.path.join(folder, name), "rb") as file:
            return key(name, hashlib.file_digest(file, "sha256").digest(), setting)
    with ThreadPoolExecutor(max_workers=READERS) as pool:
        return list(pool.map(one, names))


def file_results(store: Store | None, folder: Path, names: list[str],
                 compute: Callable[[list[str]], Iterable[Any]], setting: str = "") -> list[Any]:
    """compute's result for each file, calling compute only on the files whose name
    and bytes (and `setting`) the store holds no result for; on all without a store."""
    if store is None:
        return list(compute(names))
    return store.results(file_keys(folder, names, setting),
                         lambda missing: compute([names[i] for i in missing]))
