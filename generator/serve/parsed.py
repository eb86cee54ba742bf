"""Item files parsed and loaded once for `gongkai serve`, kept while their bytes stay
the same.

A save changes one file of thousands: loading the site again parses that one and
makes its item, and takes the others as they were before (a file read again is
compared with the bytes it was parsed from, not trusted by its modification
time). At 10,000 items, making every item again from its parsed document took
2.5 of the 7 seconds before a save was shown.
"""

from __future__ import annotations

from pathlib import Path

from ..cache.store import key
from ..load.site_loader import Loaded, Parsed, load_item, parse_files
from ..load.yaml_reader import YamlDoc
from ..model.items import Kind


class ParsedFiles:
    """A `parse` and a `load` for load_site that do only the files they have not seen
    with these bytes."""

    def __init__(self) -> None:
        self.kept: dict[str, tuple[bytes, Parsed, bytes]] = {}    # bytes, parsed, key
        self.loaded: dict[str, tuple[YamlDoc, Loaded]] = {}

    def __call__(self, root: Path, files: list[str], keys: dict[str, bytes]) -> list[Parsed]:
        # Read before parsing: a file saved in between is parsed again next time.
        now = {rel: _bytes(root / rel) for rel in files}
        kept = self.kept    # a preview and the first load may overlap: each parses what it lacks
        changed = [rel for rel in files
                   if now[rel] is None or rel not in kept or kept[rel][0] != now[rel]]
        fresh = dict(zip(changed, parse_files(root, changed)))
        # Each file's key as a build makes it (load/site_loader.py): the file checks'
        # results are kept by it.
        kept = {rel: (now[rel], fresh[rel], now[rel] is not None and key(rel, now[rel]))
                if rel in fresh else kept[rel] for rel in files}
        self.kept = kept
        for gone in self.loaded.keys() - kept.keys():
            self.loaded.pop(gone, None)
        keys.update((rel, kept[rel][2]) for rel in files if now[rel] is not None)
        return [kept[rel][1] for rel in files]

    def load(self, kind: Kind, rel: str, doc: YamlDoc) -> Loaded:
        """load_item's result, made again only when `doc` is not the document it was
        made from (the file's bytes changed)."""
        held = self.loaded.get(rel)
        if held is not None and held[0] is doc:
            return held[1]
        loaded = load_item(kind, rel, doc)
        self.loaded[rel] = (doc, loaded)
        return loaded


def _bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None     # parse_files says what is wrong with it
