"""Item files parsed once for `gongkai serve`, kept while their bytes stay the same.

A save changes one file of thousands: loading the site again parses that one,
and takes the others as they were parsed before (a file read again is compared
with the bytes it was parsed from, not trusted by its modification time).
"""

from __future__ import annotations

from pathlib import Path

from ..load.site_loader import Parsed, parse_files


class ParsedFiles:
    """A `parse` for load_site that parses only files it has not seen with these bytes."""

    def __init__(self) -> None:
        self.kept: dict[str, tuple[bytes, Parsed]] = {}

    def __call__(self, root: Path, files: list[str]) -> list[Parsed]:
        # Read before parsing: a file saved in between is parsed again next time.
        now = {rel: _bytes(root / rel) for rel in files}
        kept = self.kept    # a preview and the first load may overlap: each parses what it lacks
        changed = [rel for rel in files
                   if now[rel] is None or rel not in kept or kept[rel][0] != now[rel]]
        fresh = dict(zip(changed, parse_files(root, changed)))
        kept = {rel: (now[rel], fresh[rel]) if rel in fresh else kept[rel] for rel in files}
        self.kept = kept
        return [kept[rel][1] for rel in files]


def _bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None     # parse_files says what is wrong with it
