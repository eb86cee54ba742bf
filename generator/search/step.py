"""The build step that indexes the staged site for gongkai's own search."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..problems import Problem
from .build import build_search_index
from .synonyms import read_synonyms

if TYPE_CHECKING:
    from ..context import BuildContext


def index_site(build: "BuildContext") -> list[Problem]:
    # Validation has reported any problem with the synonyms file; none stops the index.
    synonyms, _ = read_synonyms(build.root)
    # A build without a cache keeps nothing: hashing every page for keys would be waste.
    cache = build.file_store("search-pages") if build.cache_dir is not None else None
    build_search_index(build.site_dir, build.site.config.base_url, cache=cache, synonyms=synonyms)
    if cache is not None:
        cache.save()
    return []
