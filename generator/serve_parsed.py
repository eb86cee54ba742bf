"""Item files parsed once for `gongkai serve`, kept while their bytes stay the same.

A save changes one file of thousands: loading the site again parses that one,
and takes the others as they were parsed before (a file read again is compared
with the bytes it was parsed from, not trusted by its modification time).
"""

from __future__ import annotations

import threading
from pathlib import Path

from .load.site_loader import Parsed, parse_files


class ParsedFiles:
    """A `parse` for load_site that parses only files it has not seen with these bytes."""

    def __init__(self) -> None:
        self.kept: dict[str, tuple[bytes, Parsed]] = {}
        self.lock = threading.Lock()     # a preview and the priming load may overlap

    def __call__(self, root: Path, files: list[str]) -> list[Parsed]:
        with self.lock:
            return self._parse(root, files)

    def _parse(self, root: Path, files: list[str]) -> list[Parsed]:
        # Read before parsing: a file saved in between is parsed again next time.
        now = {rel: _bytes(root / rel) for rel in files}
        changed = [rel for rel in files
                   if now[rel] is None or rel not in self.kept or self.kept[rel][0] != now[rel]]
        fresh = dict(zip(changed, parse_files(root, changed)))
        self.kept = {rel: (now[rel], fresh[rel]) if rel in fresh else self.kept[rel]
                     for rel in files}
        return [self.kept[rel][1] for rel in files]


def _bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None     # parse_files says what is wrong with it
