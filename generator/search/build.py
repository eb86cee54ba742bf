"""Build the static search index of a built site, in site_dir/search/."""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from generator.cache.store import Store
from generator.render.writer import write_tree
from generator.search import layout, varint
from generator.search.layout import CONTINUES, LISTS
from generator.search.collect import Page, collect_pages
from generator.search.extract import PageText
from generator.search.fold import fold
from generator.search.postings import Gram, build_grams

# Tuned with bench/search_index.py: a heavy gram's positions are split off (and its
# extensions indexed) above this size; light shards aim at SHARD_BYTES.
HEAVY_BYTES = 16384
SHARD_BYTES = 16384
MAX_GRAM = 5
# Statuses on the 现行有效 side of the filter; every other value is 历史.
# A page without a status (about, guide) is current content.
CURRENT_STATUSES = ("现行有效", "有效", "公示中", "")
FORMAT = 3     # 3: a doc file holds a document's pages, not one page


@dataclass(frozen=True)
class SearchStats:
    pages: int
    shards: int            # files holding postings: light shards plus heavy grams' files
    total_bytes: int       # everything written under search/
    largest_shard_bytes: int
    seconds: float


def _shard_count(light: list[Gram]) -> int:
    total = sum(len(g.key.encode()) + len(g.docs) + len(g.positions) + 6 for g in light)
    count = 1
    while count * SHARD_BYTES < total:
        count *= 2
    return count


def _light_shards(light: list[Gram], count: int) -> list[bytes]:
    entries: list[list[Gram]] = [[] for _ in range(count)]
    for gram in light:
        entries[layout.gram_hash(gram.key) & (count - 1)].append(gram)
    shards = []
    for grams in entries:
        parts = []
        for gram in sorted(grams, key=lambda g: g.key):
            key = gram.key.encode()
            parts += [varint.encode_one(len(key)), key,
                      varint.encode_one(len(gram.docs)), gram.docs,
                      varint.encode_one(len(gram.positions)), gram.positions]
        shards.append(b"".join(parts))
    return shards


def indexed_text(text: PageText) -> str:
    """What the index holds of a page: title, headings (again), body; query.py and
    search.js rebuild it from the page record to check candidates."""
    return f"{text.title} {text.headings} {text.body}"


def _doc(page: Page) -> bytes:
    text = page.text
    record = {"u": page.url, "t": text.title, "h": text.headings, "k": text.kind,
              "d": text.date, "s": text.status, "x": text.body}
    if text.of:
        record["o"] = text.of
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode()


def _documents(pages: list[Page]) -> dict[str, bytes]:
    """Each document's page records, a JSON list in page order, in a file named for its
    first page: the client shows a document's first page found and may check its other
    pages, and one file a document is fewer files to write than one a page."""
    records: dict[int, list[bytes]] = {}
    first = 0
    for number, page in enumerate(pages):
        if not page.continues:
            first = number
        records.setdefault(first, []).append(_doc(page))
    return {layout.doc_path(first): b"[" + b",".join(parts) + b"]"
            for first, parts in records.items()}


def _facets(pages: list[Page]) -> tuple[list[str], list[str], list[tuple[int, int, int]], bytes]:
    """Kind and status names, the classes of pages (kind number, status number, flags
    CONTINUES and LISTS) and each page's class number, a byte (two, little-endian, past
    256 classes; a site has some 50). Every first query reads these."""
    kinds = sorted(Counter(page.text.kind for page in pages))
    statuses = sorted(Counter(page.text.status for page in pages))
    kind_no = {kind: n for n, kind in enumerate(kinds)}
    status_no = {status: n for n, status in enumerate(statuses)}
    of_page = [(kind_no[page.text.kind], status_no[page.text.status],
                CONTINUES * page.continues + LISTS * (page.text.role == "list")) for page in pages]
    classes = sorted(set(of_page))
    class_no = {facets: n for n, facets in enumerate(classes)}
    width = 1 if len(classes) <= 256 else 2
    packed = b"".join(class_no[facets].to_bytes(width, "little") for facets in of_page)
    return kinds, statuses, classes, packed


def _title_characters(pages: list[Page], heavy_bytes: int) -> list[Gram]:
    """Single characters of the titles, so a one-character query searches titles: the
    pages (docs without flags, as every occurrence is in the title) and no positions.
    One in most titles (第, 镇 …) gets a file of its own, as a heavy gram does."""
    titles = [fold(page.text.title).replace(" ", "") for page in pages]
    codes = np.frombuffer("".join(titles).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    page = np.repeat(np.arange(len(pages), dtype=np.int64), [len(title) for title in titles])
    # Each (character, page) once, by character then page, with its count.
    pairs, counts = np.unique(codes << 32 | page, return_counts=True)
    if not len(pairs):
        return []
    chars, page = pairs >> 32, pairs & 0xFFFFFFFF
    starts = np.ones(len(pairs), dtype=bool)
    starts[1:] = chars[1:] != chars[:-1]
    delta = page.copy()
    delta[1:] -= np.where(starts[1:], 0, page[:-1])
    values = np.column_stack([delta, counts * 4]).ravel()
    encoded, sizes = varint.encode(values)
    ends = np.cumsum(np.add.reduceat(sizes.astype(np.int64), 2 * np.flatnonzero(starts)))
    raw = encoded.tobytes()
    return [Gram(chr(ch), docs, b"", len(docs) > heavy_bytes)
            for ch, docs in zip(chars[starts].tolist(),
                                (raw[begin:end] for begin, end in zip([0, *ends[:-1].tolist()],
                                                                      ends.tolist())))]


def build_search_index(site_dir: Path, base_url: str = "/", *,
                       heavy_bytes: int = HEAVY_BYTES, cache: Store | None = None,
                       synonyms: list[list[str]] = ()) -> SearchStats:
    """Index site_dir's pages into site_dir/search/ (replacing an earlier index there).

    base_url is the path the site is served under; it is recorded in the manifest for
    consumers that cannot resolve page URLs against the manifest's own location.
    `cache` keeps each page's text by its name and bytes (generator/cache/files.py).
    `synonyms` are folded word groups (generator.search.synonyms) queries expand to.
    """
    started = time.perf_counter()
    pages = collect_pages(site_dir, cache)
    grams = build_grams([indexed_text(page.text) for page in pages],
                        [len(page.text.title) for page in pages],
                        [len(page.text.title) + 1 + len(page.text.headings) for page in pages],
                        heavy_bytes, MAX_GRAM)
    grams += _title_characters(pages, heavy_bytes)
    heavy = sorted((g for g in grams if g.heavy), key=lambda g: g.key)
    light = [g for g in grams if not g.heavy]
    shard_count = _shard_count(light)
    kinds, statuses, classes, facets = _facets(pages)

    files: dict[str, bytes] = {layout.FACETS: facets}
    for number, shard in enumerate(_light_shards(light, shard_count)):
        files[layout.shard_path(number)] = shard
    for number, gram in enumerate(heavy):
        docs_path, positions_path = layout.heavy_paths(number)
        files[docs_path], files[positions_path] = gram.docs, gram.positions
    files.update(_documents(pages))

    # The version names this exact content: clients add it to every URL, so a cache
    # never mixes files of two builds.
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    manifest = {
        "format": FORMAT,
        "version": digest.hexdigest()[:16],
        "base": base_url,
        "pages": len(pages),
        "shards": shard_count,
        "shardBytes": round(sum(len(files[layout.shard_path(n)])
                                for n in range(shard_count)) / shard_count),
        # What checking one candidate page against its text costs: its document's file.
        "docBytes": round(sum(len(content) for name, content in files.items()
                              if name.startswith(layout.DOCS))
                          / max(sum(not page.continues for page in pages), 1)),
        "maxGram": MAX_GRAM,
        "kinds": kinds,
        "statuses": [{"name": s, "current": s in CURRENT_STATUSES} for s in statuses],
        "classes": [list(facets) for facets in classes],
        "facetBytes": 1 if len(classes) <= 256 else 2,
        "heavy": {g.key: [n, len(g.docs), len(g.positions)] for n, g in enumerate(heavy)},
        "synonyms": [list(group) for group in synonyms],
    }
    files[layout.MANIFEST] = json.dumps(manifest, ensure_ascii=False, sort_keys=True,
                                        separators=(",", ":")).encode()

    # Only files whose bytes changed are written: after a one-page edit, most shards
    # and page records are the same as in the last build.
    write_tree(site_dir / layout.SEARCH_DIR, files,
               owns=lambda rel: rel.split("/", 1)[0] in layout.OWNED)

    postings = [len(files[name]) for name in files if name.startswith(("s/", "h/"))]
    return SearchStats(
        pages=len(pages),
        shards=len(postings),
        total_bytes=sum(len(content) for content in files.values()),
        largest_shard_bytes=max(postings, default=0),
        seconds=round(time.perf_counter() - started, 3),
    )
