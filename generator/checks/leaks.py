"""The leak scan: no unmasked ID, mobile or bank number in any built file."""

from __future__ import annotations

import json
from typing import Callable

from ..privacy.scan import scan_site
from ..problems import Problem
from ..search.layout import SEARCH_DIR, doc_path
from ..validate.personal import public_numbers
from .sources import data_source

_SEARCH_DOCS = f"{SEARCH_DIR}/{doc_path(0).rsplit('/', 1)[0]}/"


def leak_scan(ctx) -> list[Problem]:
    # The store's fingerprint holds the public numbers (build.py): each file's findings
    # are kept only under the numbers they were found with.
    cache = ctx.file_store("leaks")
    problems = scan_site(ctx.site_dir, public_numbers(ctx.site), _with_search_docs(ctx),
                         display_root="build/site", cache=cache)
    cache.save()
    return problems


def _with_search_docs(ctx) -> Callable[[str], str | None]:
    """`data_source`, and for a search excerpt file the source of the document it
    excerpts (its first page's: the others are versions of it, from the same data file),
    so a number found there is traced to the data file the clerk edits."""
    source = data_source(ctx)

    def origin(relpath: str) -> str | None:
        if not relpath.startswith(_SEARCH_DOCS):
            return source(relpath)
        try:
            page = json.loads((ctx.site_dir / relpath).read_bytes())[0]["u"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return source(f"{page}index.html") if isinstance(page, str) else None
    return origin
