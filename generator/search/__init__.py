"""Exact Chinese full-text search for the built site.

After `mkdocs build`, in the staged site folder, generator.search.build's

    stats = build_search_index(site_dir, base_url)

writes a static, sharded, positional character-gram index under site_dir/search/.
The header search box (generator/site/theme/partials/search.html and
assets/gongkai/search.js) reads it; generator/search/query.py is the same query
algorithm in Python, for tests and the benchmark. The package imports nothing
itself: validation reads the synonyms file (synonyms.py) without the builder's numpy.
"""
