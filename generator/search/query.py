"""Run a query against a built index the way search.js does: the reference for tests
and the benchmark, and a record of which files (and bytes) a query needs."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from generator.search import layout, varint
from generator.search.fold import fold, query_terms

RESULTS_SHOWN = 10  # the client fetches excerpts for the first screenful only
FIRST_PIECES = 2    # grams fetched before deciding to verify candidates by their text


@dataclass(frozen=True)
class Hit:
    page: int
    count: int        # occurrences of all terms
    title_terms: int  # terms found in the title


@dataclass(frozen=True)
class _Postings:
    """One gram's pages: page -> (count, title hits, positions or None)."""
    pages: dict[int, tuple[int, int, list[int] | None]]


@dataclass
class IndexReader:
    """Reads index files on demand, remembering what it read (as a browser caches)."""

    site_dir: Path
    fetched: dict[str, int] = field(default_factory=dict)

    def read(self, name: str) -> bytes:
        data = (self.site_dir / layout.SEARCH_DIR / name).read_bytes()
        self.fetched[name] = len(data)
        return data

    def __post_init__(self) -> None:
        self.manifest = json.loads(self.read(layout.MANIFEST))
        self._shards: dict[int, dict[str, tuple[bytes, bytes]]] = {}

    @property
    def bytes_fetched(self) -> int:
        return sum(self.fetched.values())

    def _shard(self, number: int) -> dict[str, tuple[bytes, bytes]]:
        if number not in self._shards:
            data, offset, entries = self.read(layout.shard_path(number)), 0, {}
            while offset < len(data):
                parts = []
                for _ in range(3):
                    size, offset = varint.decode(data, offset)
                    parts.append(data[offset:offset + size])
                    offset += size
                entries[parts[0].decode()] = (parts[1], parts[2])
            self._shards[number] = entries
        return self._shards[number]

    def postings(self, gram: str, with_positions: bool) -> _Postings:
        heavy = self.manifest["heavy"].get(gram)
        if heavy:
            docs_path, positions_path = layout.heavy_paths(heavy[0])
            docs = self.read(docs_path)
            positions = self.read(positions_path) if with_positions else None
        else:
            shard = self._shard(layout.gram_hash(gram) & (self.manifest["shards"] - 1))
            docs, positions = shard.get(gram, (b"", b""))
        return _decode(docs, positions if with_positions else None)

    def doc(self, page: int) -> dict:
        return json.loads(self.read(layout.doc_path(page)))

    def facets(self) -> bytes:
        return self.read(layout.FACETS)


def _decode(docs: bytes, positions: bytes | None) -> _Postings:
    pages, offset, cursor, page = {}, 0, 0, 0
    while offset < len(docs):
        delta, offset = varint.decode(docs, offset)
        packed, offset = varint.decode(docs, offset)
        title = 0
        if packed & 1:
            title, offset = varint.decode(docs, offset)
        page = delta if not pages else page + delta
        found = None
        if positions is not None:
            found, at = [], 0
            for _ in range(packed >> 1):
                step, cursor = varint.decode(positions, cursor)
                at += step
                found.append(at)
        pages[page] = (packed >> 1, title, found)
    return _Postings(pages)


def _indexed(gram: str, manifest: dict) -> bool:
    return len(gram) == 2 or (gram[:-1] in manifest["heavy"] and len(gram) <= manifest["maxGram"])


def _cost(gram: str, whole: bool, manifest: dict) -> int:
    heavy = manifest["heavy"].get(gram)
    if heavy is None:
        return manifest["shardBytes"]
    return heavy[1] + (0 if whole else heavy[2])


def plan(term: str, manifest: dict) -> list[tuple[int, str]]:
    """The cheapest set of indexed grams (offset, gram) that covers every character.

    A single gram equal to the term needs no positions; otherwise the grams' positions
    prove adjacency. Costs are the bytes to download, estimated from the manifest."""
    if _indexed(term, manifest):
        whole_cost = _cost(term, True, manifest)
    else:
        whole_cost = None
    size = len(term)
    best: list[tuple[int, list[tuple[int, str]]] | None] = [None] * (size + 1)
    best[0] = (0, [])
    for end in range(2, size + 1):
        for start in range(end - 2, -1, -1):
            gram = term[start:end]
            if not _indexed(gram, manifest):
                break
            reach = [best[j] for j in range(start, end) if best[j] is not None]
            if not reach:
                continue
            before = min(reach, key=lambda option: option[0])
            option = (before[0] + _cost(gram, False, manifest), before[1] + [(start, gram)])
            if best[end] is None or option[0] < best[end][0]:
                best[end] = option
    if whole_cost is not None and whole_cost <= best[size][0]:
        return [(0, term)]
    return best[size][1]


def _adjacent(reader: IndexReader, pieces: list[tuple[int, str]]
              ) -> dict[int, tuple[int, bool]]:
    """Pages where all pieces sit at their relative offsets: page -> (matches, in title)."""
    loaded = [(offset, reader.postings(gram, with_positions=True).pages)
              for offset, gram in pieces]
    anchor_offset, anchor = loaded[0]  # the leftmost piece
    matches = {}
    for page in sorted(set.intersection(*(set(pages) for _, pages in loaded))):
        others = [(offset - anchor_offset, set(pages[page][2])) for offset, pages in loaded[1:]]
        _, title_hits, positions = anchor[page]
        found = [index for index, at in enumerate(positions)
                 if all(at + offset in where for offset, where in others)]
        if found:
            matches[page] = (len(found), found[0] < title_hits)
    return matches


def _verified(reader: IndexReader, term: str, candidates: list[int]
              ) -> dict[int, tuple[int, bool]]:
    """Check candidates against their text, which the client fetches anyway to show them."""
    matches = {}
    for page in candidates:
        doc = reader.doc(page)
        text = fold(f"{doc['t']} {doc['x']}")
        count = sum(1 for at in range(len(text)) if text.startswith(term, at))
        if count:
            matches[page] = (count, term in fold(doc["t"]))
    return matches


def _term_matches(reader: IndexReader, term: str) -> dict[int, tuple[int, bool]]:
    """page -> (occurrences of term, whether one is in the title).

    A long term needs many grams. The two cheapest (later ones first among equals:
    the end of a code or number tells pages apart) often leave few candidate pages;
    when checking those against their text, which the client fetches anyway to show
    them, costs less than fetching the remaining grams, that is what happens."""
    manifest = reader.manifest
    pieces = plan(term, manifest)
    if len(pieces) == 1:
        postings = reader.postings(term, with_positions=False)
        return {page: (count, title > 0) for page, (count, title, _) in postings.pages.items()}
    if len(pieces) <= FIRST_PIECES:
        return _adjacent(reader, pieces)
    order = sorted(range(len(pieces)),
                   key=lambda i: (_cost(pieces[i][1], False, manifest), -pieces[i][0]))
    candidates = _adjacent(reader, [pieces[i] for i in sorted(order[:FIRST_PIECES])])
    rest = sum(_cost(pieces[i][1], False, manifest) for i in order[FIRST_PIECES:])
    if len(candidates) * manifest["docBytes"] <= rest:
        return _verified(reader, term, sorted(candidates))
    return _adjacent(reader, pieces)


def search(reader: IndexReader, query: str, kind: str | None = None,
           current: bool | None = None) -> list[Hit]:
    """Pages containing every term of two or more characters, best first: more terms in
    the title, then more occurrences, then newer (lower page number)."""
    terms = [term for term in query_terms(query) if len(term) >= 2]
    if not terms:
        return []
    combined: dict[int, tuple[int, int]] = {}
    for number, term in enumerate(terms):
        matches = _term_matches(reader, term)
        if number == 0:
            combined = {page: (count, int(title)) for page, (count, title) in matches.items()}
        else:
            combined = {page: (count + matches[page][0], title + matches[page][1])
                        for page, (count, title) in combined.items() if page in matches}
    pages = list(combined)
    if kind is not None or current is not None:
        facets = reader.facets()
        kinds, statuses = reader.manifest["kinds"], reader.manifest["statuses"]
        pages = [page for page in pages
                 if (kind is None or kinds[facets[2 * page]] == kind)
                 and (current is None or statuses[facets[2 * page + 1]]["current"] == current)]
    pages.sort(key=lambda page: (-combined[page][1], -combined[page][0], page))
    return [Hit(page, combined[page][0], combined[page][1]) for page in pages]


def shown(reader: IndexReader, hits: list[Hit]) -> list[dict]:
    """The page records the client fetches to show the first screenful of results."""
    return [reader.doc(hit.page) for hit in hits[:RESULTS_SHOWN]]
