"""Rules across files (DESIGN.md, "Rules the validator enforces").

Per-file schema checks happen while loading (`load/`); `validate_site` runs
every rule of the pipeline it is handed (generator.pipeline: the core's rules in
this package and the features'), and returns all problems at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..cache.store import MISSING, Store, key
from ..problems import Problem
from .personal import public_numbers

if TYPE_CHECKING:
    from ..load.site_loader import SiteData
    from ..pipeline import Pipeline

STORE_KIND = "file-checks"


def validate_site(site: SiteData, pipeline: Pipeline, store: Store | None = None) -> list[Problem]:
    """Every problem the pipeline's checks find. A file check's result is a function
    of the file's name and bytes and of the public numbers: `store` keeps it under
    them, so an unchanged file is not read through again (the caller saves it)."""
    allowed = public_numbers(site)
    numbers = "\0".join(sorted(allowed))
    store = store or Store(None, STORE_KIND, "")
    problems: list[Problem] = []
    for file, doc in sorted(site.docs.items()):
        bytes_key = site.doc_keys.get(file)
        for check in pipeline.file_checks:
            entry = key(check.where, bytes_key, numbers) if bytes_key is not None else None
            found = store.get(entry) if entry is not None else MISSING
            if found is MISSING:
                found = check(file, doc, allowed)
                if entry is not None:
                    store.put(entry, found)
            problems.extend(found)
    for check in pipeline.checks:
        problems.extend(check(site))
    return problems
