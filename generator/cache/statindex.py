"""Which files are unchanged since they were last read, known by their stat, as git's index.

A check keeps its result for a file under the hash of the file's bytes (files.py), so
finding the key still meant reading and hashing every file. A file left in place keeps
its inode, size, modification and change times; any write changes the change time
(ctime), which no program can set back, and a replacement by rename brings a new inode.
So a file whose (device, inode, size, mtime, ctime) is the one recorded when its bytes
were read still holds those bytes, and is not read: what was learnt from them (their
digest, or a small result such as a page's policy hashes) is taken instead.

Git's racy-timestamp rule: a file can change again within the clock tick of its last
change and keep all five. A stat is recorded only when the file's last change is
`RACY_NS` older than the moment the stat was taken; any later write then gets a later
ctime. A file changed just before it was read is read again the next time, until it
has been still for long enough.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterable

from ..walk import Children
from .store import MISSING, Store

# The kernel stamps files from a clock a tick (up to 10 ms) behind the time Python reads,
# and some filesystems keep times to 1 s (ext3) or 2 s (FAT): 2 s covers all of them,
# on a filesystem stamped by this machine's clock (a network share's server may differ).
RACY_NS = 2_000_000_000
# A build may write into the older of two copies of the site, the one before last, so a
# name's file is one of two inodes: both are kept.
KEPT = 2

Identity = tuple[int, int, int, int, int]


def identity(stat: os.stat_result) -> Identity:
    return stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns


class StatIndex:
    """For the files of one tree (`tree`: "site", "docs"): name → the identity of the
    file last read under it → what was learnt from its bytes; and, as git's untracked cache,
    folder ("" or "a/b/") → the folder's identity → its entries (walk.Folders). Kept in
    build/cache under the fingerprint; with cache_dir None, nothing is known or kept.
    A folder's entries change only with its modification and change times."""

    def __init__(self, cache_dir: Path | None, tree: str, fingerprint: str) -> None:
        self.store = Store(cache_dir, f"stat-{tree}", fingerprint)

    def known(self, name: str, stat: os.stat_result | None) -> Any:
        """What was learnt from the bytes of the file `name` (its digest, a page's
        policy hashes, whether the templates wrote a docs page), if it is still the
        file then read; else MISSING."""
        return MISSING if stat is None else _recorded(self.store.entries.get(name, ()), identity(stat))

    def read(self, name: str, path: str, stat: os.stat_result | None,
             learn: Callable[[BinaryIO], Any]) -> Any:
        """What `learn` reads from the open file, known or read now and remembered."""
        value = self.known(name, stat)
        if value is MISSING:
            started = time.time_ns()
            with open(path, "rb") as file:
                seen = identity(os.fstat(file.fileno()))     # of the file read, before its bytes
                value = learn(file)
            self.learn(name, seen, value, started)
        return value

    def learn(self, name: str, seen: Identity, value: Any, started: int) -> None:
        """`value`, learnt from the bytes read from the file whose identity, taken at
        `started` (time.time_ns() before the stat), is `seen`: kept unless racy."""
        self._record(name, seen, value, started)

    def children(self, prefix: str, stat: os.stat_result) -> Children | None:
        records = self.store.get(prefix)        # through the store, which keeps what is used
        found = MISSING if records is MISSING else _recorded(records, identity(stat))
        return None if found is MISSING else found

    def learn_folder(self, prefix: str, stat: os.stat_result, children: Children, started: int) -> None:
        self._record(prefix, identity(stat), children, started)

    def save(self, present: Iterable[str]) -> None:
        """Keep the records of the files `present` and of the folders walked; those of
        removed files go."""
        for name in present:
            self.store.get(name)        # marks the record used, which a store keeps
        self.store.save()

    def _record(self, name: str, seen: Identity, value, started: int) -> None:
        if max(seen[3], seen[4]) >= started - RACY_NS:
            return
        older = [record for record in self.store.entries.get(name, ()) if record[0] != seen]
        self.store.put(name, ((seen, value), *older[:KEPT - 1]))


def _recorded(records: tuple, seen: Identity):
    for recorded, value in records:
        if recorded == seen:
            return value
    return MISSING
