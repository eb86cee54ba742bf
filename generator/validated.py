"""A site folder read and checked by every rule: what build, changes and the
commands start from.

Below build.py, so a command or a publishing step that only needs checked data
does not import the build.
"""

from __future__ import annotations

from pathlib import Path

from .cache.fingerprint import fingerprint
from .cache.store import Store
from .load.field_names import name_fields
from .load.site_loader import PARSED_KIND, Load, Parse, SiteData, load_item, load_site
from .notices.lists import STORE_KIND as LISTS_KIND, load_name_lists
from .pipeline import PIPELINE, Pipeline
from .problems import Problem, ProblemsError
from .validate import STORE_KIND as CHECKS_KIND, validate_site


def load_and_validate(root: Path, pipeline: Pipeline = PIPELINE,
                      cache: Path | None = None, parse: Parse | None = None,
                      lists: Store | None = None, load: Load = load_item,
                      checks: Store | None = None) -> tuple[SiteData, list[Problem]]:
    """The loaded site and its warnings; raises ProblemsError on any error. With
    `cache` (build/cache), item files parsed, name lists read and files checked before
    are taken from there; the rules across files run all the same. `parse`, when given,
    reads and parses item files instead and `load` makes their items (load/site_loader.py),
    and `lists` and `checks` keep name lists and file checks' results instead (serve
    keeps all four in memory between saves)."""
    # Without the public numbers, which are read from the data: a list's key has them.
    kept = fingerprint(root) if cache is not None else ""
    site, problems = load_site(root, Store(cache, PARSED_KIND, kept), parse, load)
    if site is not None:
        checked = checks if checks is not None else Store(cache, CHECKS_KIND, kept)
        found = validate_site(site, pipeline, checked)
        checked.save()
        found += read_lists(site, lists if lists is not None else Store(cache, LISTS_KIND, kept))
        problems += named(site, found)
    return settled(site, problems)


def read_lists(site: SiteData, lists: Store) -> list[Problem]:
    """The notices' name lists read into `site` (from `lists` where held); their problems."""
    site.name_lists, listed = load_name_lists(site, lists)
    lists.save()
    return listed


def named(site: SiteData, found: list[Problem]) -> list[Problem]:
    """The rules' problems named by the fields as the clerk wrote them, none about a
    field whose schema failed."""
    return name_fields(_not_about_dropped(found, site.salvaged), site.docs)


def settled(site: SiteData | None, problems: list[Problem]) -> tuple[SiteData, list[Problem]]:
    """The site and its warnings, in order; raises ProblemsError on any error."""
    errors = [p for p in problems if p.level == "error"]
    if errors or site is None:
        raise ProblemsError(sorted(set(errors), key=_order))
    return site, sorted(set(problems), key=_order)


def _not_about_dropped(problems: list[Problem], salvaged: dict[str, tuple[str, ...]]) -> list[Problem]:
    """A field that failed its schema was dropped for the later checks: what they say
    about its absence would only repeat the first problem."""
    def about_dropped(problem: Problem) -> bool:
        return any(problem.field == name or problem.field.startswith((name + ".", name + "["))
                   or ("." not in name and problem.field.endswith("." + name))
                   for name in salvaged.get(problem.file, ()))
    return [p for p in problems if not about_dropped(p)]


def _order(problem: Problem):
    return (problem.file, problem.line or 0, problem.field, problem.message)
