"""Run a query against a built index the way search.js does: the reference for tests
and the benchmark, and a record of which files (and bytes) a query needs."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from generator.search import layout, varint
from generator.search.layout import LISTS
from generator.search.fold import fold, query_terms
from generator.search.synonyms import expand

RESULTS_SHOWN = 10  # the client fetches excerpts for the first screenful only
FIRST_PIECES = 2    # grams fetched before deciding to verify candidates by their text


@dataclass(frozen=True)
class Hit:
    page: int
    count: int          # occurrences of all terms (in any of their forms)
    title_terms: int    # terms found in the title
    heading_terms: int  # terms found in another heading
    terms: int          # terms found at all
    folded: tuple[int, ...] = ()  # the document's other pages found: older versions


@dataclass(frozen=True)
class Result:
    hits: list[Hit]
    terms: list[str]     # what was typed, folded, as searched
    also: list[str]      # other forms searched too (site_config/synonyms.yaml)
    ignored: list[str]   # single characters left out of a query with longer terms
    titles_only: bool    # a query of single characters searches the titles


@dataclass(frozen=True)
class _Postings:
    """One gram's pages: page -> (count, title hits, heading hits, positions or None)."""
    pages: dict[int, tuple[int, int, int, list[int] | None]]


# One term's matches on a page: (occurrences, one in the title, one in another heading).
Match = tuple[int, bool, bool]


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
        self._facets: list[list[int]] | None = None

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
        first = layout.document_start(self.facets(), page)
        return json.loads(self.read(layout.doc_path(first)))[page - first]

    def facets(self) -> list[list[int]]:
        """Each page's [kind number, status number, flags]."""
        if self._facets is None:
            data, width = self.read(layout.FACETS), self.manifest["facetBytes"]
            self._facets = [self.manifest["classes"][int.from_bytes(data[at:at + width], "little")]
                            for at in range(0, len(data), width)]
        return self._facets


def _decode(docs: bytes, positions: bytes | None) -> _Postings:
    pages, offset, cursor, page = {}, 0, 0, 0
    while offset < len(docs):
        delta, offset = varint.decode(docs, offset)
        packed, offset = varint.decode(docs, offset)
        title = heading = 0
        if packed & 1:
            title, offset = varint.decode(docs, offset)
        if packed & 2:
            heading, offset = varint.decode(docs, offset)
        page = delta if not pages else page + delta
        found = None
        if positions is not None:
            found, at = [], 0
            for _ in range(packed >> 2):
                step, cursor = varint.decode(positions, cursor)
                at += step
                found.append(at)
        pages[page] = (packed >> 2, title, heading, found)
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


def _adjacent(reader: IndexReader, pieces: list[tuple[int, str]]) -> dict[int, Match]:
    """Pages where all pieces sit at their relative offsets."""
    loaded = [(offset, reader.postings(gram, with_positions=True).pages)
              for offset, gram in pieces]
    anchor_offset, anchor = loaded[0]  # the leftmost piece
    matches = {}
    for page in sorted(set.intersection(*(set(pages) for _, pages in loaded))):
        others = [(offset - anchor_offset, set(pages[page][3])) for offset, pages in loaded[1:]]
        _, title_hits, heading_hits, positions = anchor[page]
        found = [index for index, at in enumerate(positions)
                 if all(at + offset in where for offset, where in others)]
        if found:
            matches[page] = (len(found), found[0] < title_hits,
                             any(title_hits <= index < title_hits + heading_hits
                                 for index in found))
    return matches


def _verified(reader: IndexReader, term: str, candidates: list[int]) -> dict[int, Match]:
    """Check candidates against their text, which the client fetches anyway to show them."""
    matches = {}
    for page in candidates:
        doc = reader.doc(page)
        text = fold(f"{doc['t']} {doc['h']} {doc['x']}")
        count = sum(1 for at in range(len(text)) if text.startswith(term, at))
        if count:
            matches[page] = (count, term in fold(doc["t"]), term in fold(doc["h"]))
    return matches


def _term_matches(reader: IndexReader, term: str) -> dict[int, Match]:
    """page -> (occurrences of term, one in the title, one in another heading).

    A long term needs many grams. The two cheapest (later ones first among equals:
    the end of a code or number tells pages apart) often leave few candidate pages;
    when checking those against their text, which the client fetches anyway to show
    them, costs less than fetching the remaining grams, that is what happens."""
    manifest = reader.manifest
    pieces = plan(term, manifest)
    if len(pieces) == 1:
        postings = reader.postings(term, with_positions=False)
        return {page: (count, title > 0, heading > 0)
                for page, (count, title, heading, _) in postings.pages.items()}
    if len(pieces) <= FIRST_PIECES:
        return _adjacent(reader, pieces)
    order = sorted(range(len(pieces)),
                   key=lambda i: (_cost(pieces[i][1], False, manifest), -pieces[i][0]))
    candidates = _adjacent(reader, [pieces[i] for i in sorted(order[:FIRST_PIECES])])
    rest = sum(_cost(pieces[i][1], False, manifest) for i in order[FIRST_PIECES:])
    if len(candidates) * manifest["docBytes"] <= rest:
        return _verified(reader, term, sorted(candidates))
    return _adjacent(reader, pieces)


def _title_matches(reader: IndexReader, character: str) -> dict[int, Match]:
    postings = reader.postings(character, with_positions=False)
    return {page: (count, True, False) for page, (count, *_) in postings.pages.items()}


def search(reader: IndexReader, query: str, kind: str | None = None,
           current: bool | None = None) -> Result:
    """Pages containing any term of two or more characters as typed or in another form
    the synonyms give (titles only, when every term is a single character), one result
    per document, in the order of `_ranked`."""
    typed = query_terms(query)
    terms = [term for term in typed if len(term) >= 2]
    ignored = [term for term in typed if len(term) < 2] if terms else []
    titles_only = not terms
    if titles_only:
        terms = typed
    if not terms:
        return Result([], [], [], [], False)
    also: list[str] = []
    # page -> [occurrences, title terms, heading terms, terms]
    combined: dict[int, list[int]] = {}
    for term in terms:
        if titles_only:
            found = _title_matches(reader, term)
        else:
            forms = [term, *expand(term, reader.manifest["synonyms"])]
            also += [form for form in forms[1:] if form not in also and form not in terms]
            found = {}
            for form in forms:
                for page, (count, title, heading) in _term_matches(reader, form).items():
                    before = found.get(page, (0, False, False))
                    found[page] = (before[0] + count, before[1] or title, before[2] or heading)
        for page, (count, title, heading) in found.items():
            entry = combined.setdefault(page, [0, 0, 0, 0])
            entry[0] += count
            entry[1] += title
            entry[2] += heading
            entry[3] += 1
    return Result(_ranked(reader, combined, kind, current), terms, also, ignored, titles_only)


def _ranked(reader: IndexReader, combined: dict[int, list[int]], kind: str | None,
            current: bool | None) -> list[Hit]:
    """One hit per document, its lowest-numbered page found (its own page, else its
    newest version); lists only when no document is found. Best first: current before
    historical, more terms in the title, then in other headings, more terms, more
    occurrences, newer."""
    facets = reader.facets()
    kinds, statuses = reader.manifest["kinds"], reader.manifest["statuses"]
    documents: dict[int, list[int]] = {}
    for page in sorted(combined):
        if kind is not None and kinds[facets[page][0]] != kind:
            continue
        if current is not None and statuses[facets[page][1]]["current"] != current:
            continue
        documents.setdefault(layout.document_start(facets, page), []).append(page)
    found = list(documents.values())
    if any(not facets[pages[0]][2] & LISTS for pages in found):
        found = [pages for pages in found if not facets[pages[0]][2] & LISTS]

    def key(pages: list[int]) -> tuple:
        count, title_terms, heading_terms, terms = combined[pages[0]]
        in_force = statuses[facets[pages[0]][1]]["current"]
        return (not in_force, -title_terms, -heading_terms, -terms, -count, pages[0])

    return [Hit(pages[0], *combined[pages[0]], folded=tuple(pages[1:]))
            for pages in sorted(found, key=key)]


def shown(reader: IndexReader, hits: list[Hit]) -> list[dict]:
    """The page records the client fetches to show the first screenful of results."""
    return [reader.doc(hit.page) for hit in hits[:RESULTS_SHOWN]]
