"""What changed in a Markdown body, readable for Chinese text.

Bodies are compared paragraph by paragraph, then character by character
inside a paragraph that was edited (Chinese has no spaces to split words
on). Single characters that happen to match inside a rewritten sentence are
folded into the change, so a reader sees whole phrases struck and added
rather than confetti.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

SegmentOp = Literal["equal", "insert", "delete"]
BlockOp = Literal["equal", "insert", "delete", "change"]

SIMILAR = 0.5          # pieces at least this alike are shown as one edited piece
MIN_COMMON = 2         # shorter common runs between two changes count as changed

_NUMBER = "0123456789.,"
_EMPHASIS = re.compile(r"(\*\*|__)")


@dataclass(frozen=True)
class Segment:
    op: SegmentOp
    text: str


@dataclass(frozen=True)
class Block:
    """One paragraph of the comparison: kept, added, removed or edited."""

    op: BlockOp
    segments: tuple[Segment, ...]


def paragraphs(markdown: str | None) -> list[str]:
    """Paragraphs as plain text: emphasis markers dropped, line breaks inside kept."""
    text = _EMPHASIS.sub("", markdown or "").replace("\r\n", "\n")
    blocks = re.split(r"\n[ \t]*\n", text)
    return [block.strip("\n").rstrip() for block in blocks if block.strip()]


def char_segments(old: str, new: str) -> tuple[Segment, ...]:
    ops = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    runs: list[tuple[str, str, str]] = []   # (op, old text, new text)
    for n, (tag, i1, i2, j1, j2) in enumerate(ops):
        inner = 0 < n < len(ops) - 1
        if tag == "equal" and inner and i2 - i1 < MIN_COMMON:
            tag = "replace"
        runs.append(("equal" if tag == "equal" else "change", old[i1:i2], new[j1:j2]))
    runs = _whole_numbers(runs)
    segments: list[Segment] = []
    pending_old, pending_new = "", ""
    for op, a, b in runs + [("equal", "", "")]:
        if op == "change":
            pending_old, pending_new = pending_old + a, pending_new + b
            continue
        if pending_old:
            segments.append(Segment("delete", pending_old))
        if pending_new:
            segments.append(Segment("insert", pending_new))
        pending_old = pending_new = ""
        if a:
            segments.append(Segment("equal", a))
    return tuple(segments)


def _whole_numbers(runs: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """800 → 960 is one changed number, not 「80」→「96」 before a shared 「0」:
    digits next to a change join it."""
    runs = list(runs)
    for n, (op, a, b) in enumerate(runs):
        if op != "change":
            continue
        if n > 0 and runs[n - 1][0] == "equal":
            text = runs[n - 1][1]
            digits = len(text) - len(text.rstrip(_NUMBER))
            if digits:
                runs[n - 1] = ("equal", text[:-digits], text[:-digits])
                a, b = text[-digits:] + a, text[-digits:] + b
        if n + 1 < len(runs) and runs[n + 1][0] == "equal":
            text = runs[n + 1][1]
            digits = len(text) - len(text.lstrip(_NUMBER))
            if digits:
                runs[n + 1] = ("equal", text[digits:], text[digits:])
                a, b = a + text[:digits], b + text[:digits]
        runs[n] = ("change", a, b)
    return runs


def _similarity(a: str, b: str, counts: dict[str, Counter] | None = None) -> float:
    """How much of the shorter text survives in the longer one: an item that was
    only extended ("镇审核" → "镇审核，5个工作日内办结") counts as edited, not
    as removed and replaced. `counts` holds the pieces' character counts."""
    if not a or not b:
        return 0.0
    counts = counts if counts is not None else {a: Counter(a), b: Counter(b)}
    # Shared characters bound the matched length; below the threshold the exact
    # (quadratic) match cannot change the outcome, so it is skipped.
    bound = sum((counts[a] & counts[b]).values()) / min(len(a), len(b))
    if bound < SIMILAR:
        return bound
    blocks = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    return sum(block.size for block in blocks) / min(len(a), len(b))


def pair_up(old: list[str], new: list[str]) -> list[tuple[str | None, str | None]]:
    """Inside a rewritten stretch, match each old piece to the most similar later
    new one (keeping order); unmatched pieces were removed (new is None) or
    added (old is None)."""
    pairs: list[tuple[str | None, str | None]] = []
    counts = {piece: Counter(piece) for piece in (*old, *new)}   # each piece meets many
    start = 0
    for a in old:
        scores = [(_similarity(a, b, counts), j) for j, b in enumerate(new[start:], start)]
        best, j = max(scores, default=(0.0, -1), key=lambda s: (s[0], -s[1]))
        if best < SIMILAR:
            pairs.append((a, None))
            continue
        pairs += [(None, b) for b in new[start:j]]
        pairs.append((a, new[j]))
        start = j + 1
    pairs += [(None, b) for b in new[start:]]
    return pairs


def _block(a: str | None, b: str | None) -> Block:
    if b is None:
        return Block("delete", (Segment("delete", a),))
    if a is None:
        return Block("insert", (Segment("insert", b),))
    return Block("change", char_segments(a, b))


def text_diff(old: str | None, new: str | None) -> tuple[Block, ...]:
    a, b = paragraphs(old), paragraphs(new)
    blocks: list[Block] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            blocks += [Block("equal", (Segment("equal", x),)) for x in a[i1:i2]]
        else:
            blocks += [_block(x, y) for x, y in pair_up(a[i1:i2], b[j1:j2])]
    return tuple(blocks)
