"""Exact Chinese full-text search for the built site.

After `mkdocs build`, in the staged site folder:

    stats = build_search_index(site_dir, base_url)

writes a static, sharded, positional character-gram index under site_dir/search/.
The header search box (generator/site/theme/partials/search.html and
assets/gongkai/search.js) reads it; generator/search/query.py is the same query
algorithm in Python, for tests and the benchmark.
"""

from __future__ import annotations

__all__ = ["SearchStats", "build_search_index"]


def __getattr__(name: str):
    # Imported on first use: the synonyms check is run on every build and needs none
    # of the index builder's array library.
    if name in __all__:
        from generator.search import build
        return getattr(build, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
