"""The site's bigram postings, made from blocks of pages kept in build/cache.

A bigram's postings are its runs page after page, each run coded by itself but
for its page number, which is the difference from the run before (the first run's,
from page 0). So the pages can be cut into blocks, each block's postings made with
its own page numbers, and the site's joined from them: a block's runs move up by the
number of pages before it, and only the first page difference of each block's part
changes. A block's postings depend on nothing but its pages' texts, so they are
kept under those: a warm build after one page changed makes one block's again.

Blocks end after pages whose URL hashes to a boundary, so an added, removed or
re-dated page changes the block it is in, not the cut of every block after it.
Whether a bigram is heavy, and its longer grams, depend on the whole site: they
are decided on the joined postings (postings.py `extensions`).
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from itertools import accumulate

import numpy as np

from generator.cache.store import Store, key
from generator.search import varint
from generator.search.postings import EMPTY, Level, block_bigrams
from generator.workers import forked_map

# Pages a block holds on average: a warm build makes one block's postings (about
# 0.05 CPU-s at this size) and joins every block's parts (more, the smaller they are).
BLOCK_PAGES = 64
GATHER_BYTES = 1 << 22


def _ends_block(url: str) -> bool:
    digest = hashlib.blake2b(url.encode(), digest_size=4).digest()
    return int.from_bytes(digest, "little") % BLOCK_PAGES == 0


def site_bigrams(urls: list[str], texts: list[str], title_lengths: list[int],
                 zone_lengths: list[int], store: Store | None) -> Level:
    """The bigrams of all pages (page number = list index), as postings.py's
    `block_bigrams` of all texts at once gives them."""
    ends = [n + 1 for n, url in enumerate(urls) if _ends_block(url)]
    bounds = sorted({0, *ends, len(urls)})
    blocks = list(zip(bounds, bounds[1:]))

    def one(start: int, end: int) -> Level:
        level = block_bigrams(texts[start:end], title_lengths[start:end], zone_lengths[start:end])
        # Keys as one array: a list of a block's thousands of strings took most of
        # the time to read the store.
        return replace(level, keys=np.array(level.keys, dtype="<U2"))

    def make(missing: list[int]) -> list[Level]:
        return forked_map(lambda n: one(*blocks[n]), missing, chunksize=1, at_least=2)
    if store is None:
        levels = make(list(range(len(blocks))))
    else:
        levels = store.results([key(*(part for n in range(start, end) for part in (
            texts[n], str(title_lengths[n]), str(zone_lengths[n])))) for start, end in blocks],
            make)
    return _joined(levels, [start for start, _ in blocks])


def _joined(levels: list[Level], offsets: list[int]) -> Level:
    """One Level of the blocks' Levels, block n's pages numbered from offsets[n]."""
    if not any(len(level.keys) for level in levels):
        return EMPTY
    # A bigram as one number (its two code points), sorted stably: each gram's parts
    # together, blocks in page order.
    keys = np.concatenate([np.asarray(level.keys, dtype="<U2") for level in levels])
    points = keys.view(np.uint32).reshape(-1, 2).astype(np.int64)
    gram = points[:, 0] << 21 | points[:, 1]
    order = np.argsort(gram, kind="stable")
    gram = gram[order]

    def joined(parts: list[np.ndarray]) -> np.ndarray:
        return np.concatenate(parts).astype(np.int64)[order]

    first = joined([level.first + offset for level, offset in zip(levels, offsets)])
    last = joined([level.last + offset for level, offset in zip(levels, offsets)])
    doc_end = joined([level.doc_end + base for level, base in zip(levels, _bases(levels, "docs"))])
    pos_end = joined([level.pos_end + base
                      for level, base in zip(levels, _bases(levels, "positions"))])
    doc_len = joined([np.diff(level.doc_end, prepend=0) for level in levels])
    pos_len = joined([np.diff(level.pos_end, prepend=0) for level in levels])
    # Past a block's first page difference, its part is kept as it is.
    first_size = joined([level.first_size for level in levels])
    rest_start, rest_len = doc_end - doc_len + first_size, doc_len - first_size

    starts = np.ones(len(gram), dtype=bool)
    starts[1:] = gram[1:] != gram[:-1]
    delta = first.copy()
    delta[1:] -= np.where(starts[1:], 0, last[:-1])
    delta_bytes, delta_sizes = varint.encode(delta)
    delta_sizes = delta_sizes.astype(np.int64)

    # Each part's new first page difference, then the rest of its docs.
    pieces = np.empty((len(gram), 2, 2), dtype=np.int64)
    pieces[:, 0, 0], pieces[:, 0, 1] = np.cumsum(delta_sizes) - delta_sizes, delta_sizes
    pieces[:, 1, 0], pieces[:, 1, 1] = len(delta_bytes) + rest_start, rest_len
    docs = _gather(np.concatenate([delta_bytes, *(np.frombuffer(level.docs, dtype=np.uint8)
                                                   for level in levels)]),
                   pieces[:, :, 0].ravel(), pieces[:, :, 1].ravel())
    positions = _gather(np.frombuffer(b"".join(level.positions for level in levels),
                                      dtype=np.uint8), pos_end - pos_len, pos_len)

    group = np.flatnonzero(starts)
    group_last = np.append(group[1:], len(gram)) - 1
    return Level([chr(code >> 21) + chr(code & 0x1FFFFF) for code in gram[group].tolist()],
                 docs, np.cumsum(np.add.reduceat(delta_sizes + rest_len, group)),
                 positions, np.cumsum(np.add.reduceat(pos_len, group)),
                 first[group], last[group_last], delta_sizes[group])


def _gather(source: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> bytes:
    """source[starts[i]:starts[i] + lengths[i]] for each i, one after another; made in
    slices of about GATHER_BYTES, for the index of every byte they take."""
    ends = np.cumsum(lengths)
    out = np.empty(int(ends[-1]), dtype=np.uint8)
    cuts = np.unique(np.searchsorted(ends, np.arange(GATHER_BYTES, len(out), GATHER_BYTES)))
    cuts = cuts[cuts > 0]
    for low, high in zip([0, *cuts.tolist()], [*cuts.tolist(), len(starts)]):
        begin, end = int(ends[low] - lengths[low]), int(ends[high - 1])
        shift = np.repeat(starts[low:high] - (ends[low:high] - lengths[low:high]),
                          lengths[low:high])
        out[begin:end] = source[np.arange(begin, end) + shift]
    return out.tobytes()


def _bases(levels: list[Level], field: str) -> list[int]:
    """Where each level's bytes of `field` begin when all are joined."""
    return [0, *accumulate(len(getattr(level, field)) for level in levels)][:-1]
