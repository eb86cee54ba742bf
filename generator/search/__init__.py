"""Exact Chinese full-text search for the built site: a static, sharded, positional
character-gram index (build.py) and the browser client that reads it
(generator/site/theme/assets/gongkai/search.js)."""

from generator.search.build import SearchStats, build_search_index

__all__ = ["SearchStats", "build_search_index"]
