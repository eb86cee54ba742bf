"""Where the index's files go and which shard holds a gram.

  search/manifest.json   site facts, facet names, heavy grams, shard count
  search/facets.bin      a byte a page (two past 256 classes): its class in the
                         manifest's list of [kind number, status number, flags]
  search/s/<n>.bin       light grams and the titles' single characters, packed by a
                         hash of the gram
  search/h/<n>.d.bin     a heavy gram's docs; h/<n>.p.bin its positions
  search/doc/<n>.json    one document's pages, n its first (the pages after it are
                         flagged CONTINUES): each page's URL, title, facets and body
                         text, for excerpts
"""

from __future__ import annotations

SEARCH_DIR = "search"
MANIFEST = "manifest.json"
FACETS = "facets.bin"
# Everything the index owns under SEARCH_DIR; a rebuild replaces these and nothing else.
DOCS = "doc/"
OWNED = (MANIFEST, FACETS, "s", "h", DOCS.rstrip("/"))
# Flags, a class's third number: the page is of the same document as the page before
# it (a version after its item or a newer version); the page lists others (a catalogue).
CONTINUES, LISTS = 1, 2

_FNV_OFFSET, _FNV_PRIME = 0x811C9DC5, 0x01000193


def gram_hash(gram: str) -> int:
    """32-bit FNV-1a over code points; search.js computes the same."""
    value = _FNV_OFFSET
    for ch in gram:
        value = ((value ^ ord(ch)) * _FNV_PRIME) & 0xFFFFFFFF
    return value


def shard_path(number: int) -> str:
    return f"s/{number}.bin"


def heavy_paths(number: int) -> tuple[str, str]:
    return f"h/{number}.d.bin", f"h/{number}.p.bin"


def doc_path(first_page: int) -> str:
    return f"{DOCS}{first_page}.json"


def document_start(classes: list[list[int]], page: int) -> int:
    """The first page of the page's document, given each page's class."""
    while classes[page][2] & CONTINUES:
        page -= 1
    return page
