"""Exact Chinese full-text search for the built site.

After `mkdocs build`, in the staged site folder:

    stats = build_search_index(site_dir, base_url)

writes a static, sharded, positional character-gram index under site_dir/search/.
The header search box (generator/site/theme/partials/search.html and
assets/gongkai/search.js) reads it; generator/search/query.py is the same query
algorithm in Python, for tests and the benchmark.
"""

from generator.search.build import SearchStats, build_search_index

__all__ = ["SearchStats", "build_search_index"]
