"""Character folding shared by the index builder and the browser client.

Search compares folded text, so that Ｓ, S and s match each other. The fold maps
one character to one character, so positions in folded text are positions in
the text shown in excerpts. search.js implements exactly the same table.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

_FULLWIDTH_FIRST, _FULLWIDTH_LAST, _FULLWIDTH_SHIFT = 0xFF01, 0xFF5E, 0xFEE0

# Spelled out rather than str.isspace(): Python and JavaScript disagree on a few.
SPACES = ("\t\n\v\f\r \x85\xa0\u1680" + "".join(chr(c) for c in range(0x2000, 0x200B))
          + "\u2028\u2029\u202f\u205f\u3000\ufeff")


def _fold_char(ch: str) -> str:
    code = ord(ch)
    if ch in SPACES:
        return " "
    if _FULLWIDTH_FIRST <= code <= _FULLWIDTH_LAST:
        ch = chr(code - _FULLWIDTH_SHIFT)
    # ASCII only: Unicode-wide lowercasing differs between Python and JavaScript.
    return ch.lower() if "A" <= ch <= "Z" else ch


_TABLE = {code: _fold_char(chr(code)) for code in range(0x10000)
          if _fold_char(chr(code)) != chr(code)}


def fold(text: str) -> str:
    """Fold full-width ASCII to ASCII, ASCII capitals to lowercase, any space to ' '."""
    return text.translate(_TABLE)


def query_terms(query: str) -> list[str]:
    """The distinct space-separated terms of a query, folded, in order."""
    seen: dict[str, None] = {}
    for term in fold(query).split(" "):
        if term:
            seen.setdefault(term)
    return list(seen)


@functools.cache
def _lookup() -> np.ndarray:
    # Made and numpy imported on first use: the synonyms check folds with fold() on
    # every build, before the index builder needs either.
    import numpy as np
    lookup = np.arange(0x110000, dtype=np.uint32)
    for code, folded in _TABLE.items():
        lookup[code] = ord(folded)
    return lookup


def fold_codes(codes: np.ndarray) -> np.ndarray:
    """fold() for an array of code points; the index builder's fast path."""
    return _lookup()[codes]
