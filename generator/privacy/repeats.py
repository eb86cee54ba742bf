"""Personal numbers in many large texts, each distinct piece of them searched once.

Built pages repeat most of what they hold: the theme's header, navigation, icons and
footer are the same lines on every page, and only about a tenth of a 1,000-item site's
HTML is lines no other page has. A `Finder` cuts each text into pieces where no finding
can reach across, searches each piece it has not seen before and remembers the answer,
so the theme is searched once per worker rather than once per page.

Where a text is cut, and why the findings are exactly `find_personal_numbers(text)`:
a cut B follows a ">\\n" (text[B-2:B] == ">\\n") that is inside no comment (from each
"<!--" to the first "-->" after it, or to the end when there is none). The detector
works in three stages, and none of them carries anything across such a cut:

1. Hidden stretches (detect._hidden_stretches) are zero-width runs, digit references and
   what follows a digit: inline tags, comments, entities, or a line break between two
   digits. None holds a ">\\n" but a comment, and no comment spans B. A tag chain that
   ends at the ">" before B stops at the line break (no "<" or "&" follows), and the
   line break at B-1 follows ">", not a digit, so it is never removed. Each piece
   therefore has exactly the stretches of the whole text that lie in it, and its clean
   text ends with that line break.
2. Clusters (detect._CLUSTER) are digits joined by spaces, dots and dashes; a line break
   is none of these, so every cluster lies in one piece and is found there the same.
3. A cluster's window reaches at most 8 characters before it and 3 after, so a window
   may hold a few characters of the neighbouring piece, across that line break. No exact
   form (ID, mobile, card) holds a line break, and each needs at least 11 digits, so no
   match lies in those few characters or reaches them; the look-arounds and the check
   for a touching word see the line break or the text's edge alike (neither is a digit,
   a letter nor "+"); and the 15-digit gate for IDs and cards only skips matching that
   would have found nothing in the piece's own part.

So a finding of the whole text is a finding of exactly one piece, at the same place
once the piece's offset is added, and the pieces' findings in order are the whole's.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import accumulate

from generator.privacy.detect import Finding, find_personal_numbers

CUT = ">\n"
_COMMENT, _COMMENT_END = "<!--", "-->"
# Longer pieces (a minified script, a JSON file) rarely repeat: searched, not remembered.
REMEMBERED = 16_384


def cut(text: str) -> list[str]:
    """`text` cut after each ">\\n" outside every comment, the cuts' ">\\n" left off: each
    piece but the last stands for itself and a ">\\n"."""
    parts = text.split(CUT)
    if len(parts) == 1 or _COMMENT not in text:
        return parts
    joined = [parts[0]]
    position = len(parts[0]) + len(CUT)      # where the cut after the last joined part is
    comments, first = _comments(text), 0      # their ends only grow: the first may hold it
    for part in parts[1:]:
        while first < len(comments) and comments[first][1] <= position:
            first += 1
        if first < len(comments) and comments[first][0] < position:
            joined[-1] += CUT + part
        else:
            joined.append(part)
        position += len(part) + len(CUT)
    return joined


def _comments(text: str) -> list[tuple[int, int]]:
    """(start, end) of what each "<!--" may open, up to the first "-->" after it (or the
    text's end), in order of start and so of end."""
    found = []
    start = text.find(_COMMENT)
    while start >= 0:
        end = text.find(_COMMENT_END, start + len(_COMMENT))
        found.append((start, len(text) if end < 0 else end + len(_COMMENT_END)))
        start = text.find(_COMMENT, start + 1)
    return found


class Finder:
    """find_personal_numbers(text, allowed), remembering each piece's findings."""

    def __init__(self, allowed: frozenset[str]) -> None:
        self.allowed = allowed
        self.seen: dict[str, tuple[Finding, ...]] = {}     # piece (without its ">\\n") → findings

    def _find(self, piece: str) -> tuple[Finding, ...]:
        found = tuple(find_personal_numbers(piece + CUT, self.allowed))
        if len(piece) <= REMEMBERED:
            self.seen[piece] = found
        return found

    def __call__(self, text: str) -> list[Finding]:
        parts = cut(text)
        last = parts.pop()
        found = list(map(self.seen.get, parts))
        if None in found:
            found = [self._find(parts[index]) if known is None else known
                     for index, known in enumerate(found)]
        found.append(tuple(find_personal_numbers(last, self.allowed)) if last else ())
        if not any(found):
            return []
        starts = accumulate((len(part) + len(CUT) for part in parts), initial=0)
        return [finding if start == 0 else replace(finding, start=finding.start + start,
                                                      end=finding.end + start)
                for start, known in zip(starts, found) for finding in known]
