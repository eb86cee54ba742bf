"""Character folding shared by the index builder and the browser client.

Search compares folded text, so that Ｓ, S and s match each other. The fold maps
one character to one character, so positions in folded text are positions in
the text shown in excerpts. search.js implements exactly the same table.
"""

from __future__ import annotations

_FULLWIDTH_FIRST, _FULLWIDTH_LAST, _FULLWIDTH_SHIFT = 0xFF01, 0xFF5E, 0xFEE0

# Spelled out rather than str.isspace(): Python and JavaScript disagree on a few.
SPACES = ("\t\n\v\f\r \x85\xa0\u1680" + "".join(chr(c) for c in range(0x2000, 0x200B))
          + "\u2028\u2029\u202f\u205f\u3000\ufeff")


# Code point -> folded character, for every character the fold changes. Lowercasing
# is ASCII only: Unicode-wide lowercasing differs between Python and JavaScript.
TABLE = {
    **{code: chr(code + 32) for code in range(ord("A"), ord("Z") + 1)},
    **{code: chr(code - _FULLWIDTH_SHIFT).lower()
       for code in range(_FULLWIDTH_FIRST, _FULLWIDTH_LAST + 1)},
    **{ord(space): " " for space in SPACES if space != " "},
}


def fold(text: str) -> str:
    """Fold full-width ASCII to ASCII, ASCII capitals to lowercase, any space to ' '."""
    return text.translate(TABLE)


def query_terms(query: str) -> list[str]:
    """The distinct space-separated terms of a query, folded, in order."""
    seen: dict[str, None] = {}
    for term in fold(query).split(" "):
        if term:
            seen.setdefault(term)
    return list(seen)
