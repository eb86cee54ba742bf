"""Positional postings for every character bigram, and longer grams where needed.

Every bigram of every page is indexed with the page numbers, counts and exact
positions, so a query of any length can be checked for adjacency: a match is a
position where all the query's covering grams sit at their offsets. A bigram
whose positions or pages alone exceed `heavy_bytes` (计划, 生育, 00 …) is "heavy": the
index then also holds each of its one-character-longer extensions (计划生,
计划书 …), recursively, so that frequent phrases become cheap single grams and
a query need not download a heavy gram's positions.

Byte layout of one gram, as read by search.js and query.py:
  docs:      per page, ascending: page delta, count*4 + (title hits > 0)
             + 2*(heading hits > 0) [, title hits] [, heading hits] — title hits
             are the first occurrences and heading hits the next ones, as the
             page's indexed text is its title, a space, its other headings, a
             space, then its body
  positions: per page in docs order, `count` deltas (the first from 0)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from generator.search import varint
from generator.search.fold import TABLE
from generator.workers import cores, forked_map


# fold() for an array of code points: the builder folds the whole corpus at once.
_FOLDED = np.arange(0x110000, dtype=np.uint32)
_FOLDED[list(TABLE)] = [ord(folded) for folded in TABLE.values()]


@dataclass(frozen=True)
class Gram:
    key: str
    docs: bytes
    positions: bytes
    heavy: bool


@dataclass(frozen=True)
class _Corpus:
    chars: np.ndarray       # all texts as dense character numbers, 0 at spaces and
                            # between pages, so grams never span them
    alphabet: list[str]     # character of each number
    page_start: np.ndarray  # where each page's text begins in chars
    title_length: np.ndarray  # per page
    zone_length: np.ndarray   # per page: the title and the headings after it

    def place(self, occ: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The page of each character occurrence and its offset in that page's text.
        Looked up, not stored per character: that took 180 MB at 10,000 items."""
        page = np.searchsorted(self.page_start, occ, side="right").astype(np.int32) - 1
        return page, (occ - self.page_start[page]).astype(np.int32)


def _corpus(texts: list[str], title_lengths: list[int], zone_lengths: list[int]) -> _Corpus:
    codes = np.frombuffer(("\0".join(texts) + "\0").encode("utf-32-le"), dtype=np.uint32)
    codes = _FOLDED[codes]
    codes[codes == ord(" ")] = 0
    # Dense numbers (a few thousand characters) keep gram keys small, sorts fast and
    # the corpus at two bytes a character.
    present = np.bincount(codes) > 0
    present[0] = True
    alphabet = [chr(code) for code in np.flatnonzero(present).tolist()]
    number = (np.cumsum(present) - 1).astype(np.uint16 if len(alphabet) <= 1 << 16 else np.int32)
    lengths = np.array([len(text) + 1 for text in texts], dtype=np.int64)
    return _Corpus(number[codes], alphabet, np.cumsum(lengths) - lengths,
                   np.asarray(title_lengths, dtype=np.int32),
                   np.asarray(zone_lengths, dtype=np.int32))


def _encode_level(corpus: _Corpus, occ: np.ndarray, group: np.ndarray, keys: list[str],
                  heavy_bytes: int) -> tuple[list[Gram], np.ndarray]:
    """Encode one gram length; occ is sorted by (group, position). Returns the
    grams and a per-group mask of the heavy ones."""
    count = len(occ)
    page, position = corpus.place(occ)
    group_start = np.ones(count, dtype=bool)
    group_start[1:] = group[1:] != group[:-1]
    run_start = group_start.copy()
    run_start[1:] |= page[1:] != page[:-1]
    deltas = position.copy()
    deltas[1:] -= position[:-1]
    deltas[run_start] = position[run_start]
    pos_bytes, pos_sizes = varint.encode(deltas)

    runs = np.flatnonzero(run_start)
    run_page = page[runs]
    run_count = np.diff(runs, append=count).astype(np.int32)
    in_title = position < corpus.title_length[page]
    title_hits = np.add.reduceat(in_title, runs, dtype=np.int32)
    heading_hits = np.add.reduceat(~in_title & (position < corpus.zone_length[page]), runs,
                                   dtype=np.int32)
    page_delta = run_page.copy()
    page_delta[1:] -= run_page[:-1]
    first_run = group_start[runs]
    page_delta[first_run] = run_page[first_run]
    # Each run's (page delta, count*4 + flags) pair, then its title hits and its
    # heading hits after the pair where there are any (few runs have them).
    pairs = np.empty((len(runs), 2), dtype=np.int32)
    pairs[:, 0] = page_delta
    pairs[:, 1] = run_count * 4 + (title_hits > 0) + 2 * (heading_hits > 0)
    titled, headed = np.flatnonzero(title_hits), np.flatnonzero(heading_hits)
    # Inserted before the next run's pair, a run's title hits before its heading hits.
    where = np.concatenate([2 * titled + 2, 2 * headed + 2])
    order = np.argsort(where * 2 + np.repeat([0, 1], [len(titled), len(headed)]), kind="stable")
    hits = np.concatenate([title_hits[titled], heading_hits[headed]])
    values = np.insert(pairs.ravel(), where[order], hits[order])
    doc_bytes, doc_sizes = varint.encode(values)

    # Groups are contiguous runs of occurrences, of runs, and so of values.
    group_occ = np.flatnonzero(group_start)
    group_run = np.flatnonzero(first_run)
    group_value = (2 * group_run + np.searchsorted(titled, group_run)
                   + np.searchsorted(headed, group_run))
    pos_len = np.add.reduceat(pos_sizes, group_occ, dtype=np.int64)
    doc_len = np.add.reduceat(doc_sizes, group_value, dtype=np.int64)
    pos_end, doc_end = np.cumsum(pos_len), np.cumsum(doc_len)
    heavy = (pos_len > heavy_bytes) | (doc_len > heavy_bytes)
    pos_raw, doc_raw = pos_bytes.tobytes(), doc_bytes.tobytes()
    grams = [Gram(key, doc_raw[d_end - d_len:d_end], pos_raw[p_end - p_len:p_end], bool(h))
             for key, d_end, d_len, p_end, p_len, h in zip(
                 keys, doc_end.tolist(), doc_len.tolist(), pos_end.tolist(),
                 pos_len.tolist(), heavy.tolist())]
    return grams, heavy


def _grouped(occ: np.ndarray, high: np.ndarray, low: np.ndarray
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Sort occurrences by (high, low), stably so positions stay ascending; returns
    them, their group numbers and each group's high and low parts."""
    if len(occ) and max(int(high.max()), int(low.max())) < 1 << 16:
        # Two stable 16-bit sorts (numpy uses radix sort for those) beat one 64-bit sort.
        order = np.argsort(low.astype(np.uint16), kind="stable")
        order = order[np.argsort(high[order].astype(np.uint16), kind="stable")]
    else:
        order = np.argsort(high.astype(np.int64) * (1 << 32) + low, kind="stable")
    occ, high, low = occ[order], high[order], low[order]
    first = np.ones(len(occ), dtype=bool)
    first[1:] = (high[1:] != high[:-1]) | (low[1:] != low[:-1])
    return occ, np.cumsum(first, dtype=np.int32) - 1, high[first], low[first]


def build_grams(texts: list[str], title_lengths: list[int], zone_lengths: list[int],
                heavy_bytes: int, max_length: int) -> list[Gram]:
    """All indexed grams of the page texts, folded here (page number = list index);
    a text's first title_length characters are its title, its first zone_length its
    title and headings."""
    corpus = _corpus(texts, title_lengths, zone_lengths)
    del texts      # the corpus holds them now, and the caller passes a list of its own
    chars = corpus.chars
    # Grams with different first characters share nothing, so the cores take shares
    # of the first characters: many small ones, for an even load and small workers.
    # A byte per character says whose share a gram starting there is (`shares`: none).
    shares = 16 * cores()
    share_of = (chars[:-1] % shares).astype(np.uint8 if shares < 255 else np.uint16)
    share_of[(chars[:-1] == 0) | (chars[1:] == 0)] = shares
    found = forked_map(lambda share: _grams(corpus, np.flatnonzero(share_of == share),
                                            heavy_bytes, max_length),
                       range(shares), chunksize=1, at_least=2)
    return [gram for grams in found for gram in grams]


def _grams(corpus: _Corpus, occ: np.ndarray, heavy_bytes: int, max_length: int) -> list[Gram]:
    """The grams that start at the occurrences `occ` (ascending) and their extensions."""
    chars, alphabet = corpus.chars, corpus.alphabet
    occ, group, firsts, seconds = _grouped(occ, chars[occ], chars[occ + 1])
    keys = [alphabet[a] + alphabet[b] for a, b in zip(firsts.tolist(), seconds.tolist())]
    grams: list[Gram] = []
    length = 2
    while len(occ):
        level, heavy = _encode_level(corpus, occ, group, keys, heavy_bytes)
        grams.extend(level)
        if length == max_length:
            break
        heavy_ids = np.flatnonzero(heavy)
        occ = occ[heavy[group]]
        parent = np.searchsorted(heavy_ids, group[heavy[group]]).astype(np.int32)
        following = chars[occ + length]
        extends = following != 0
        occ, group, parents, nexts = _grouped(occ[extends], parent[extends], following[extends])
        keys = [keys[heavy_ids[p]] + alphabet[c] for p, c in zip(parents.tolist(), nexts.tolist())]
        length += 1
    return grams
