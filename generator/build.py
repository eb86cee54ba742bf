"""The whole pipeline: load → validate → select → render → mkdocs → checks → swap.

Nothing is written before the data validates, and build/site is replaced
only by a complete, checked new site: a failed build leaves the last good
one exactly as it was.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from typing import Callable

from .checks.links import check_links
from .load.site_loader import SiteData, load_site
from .problems import Problem, ProblemsError
from .render import RenderContext, make_context, render_context
from .render.writer import WriteStats, write_tree
from .site.mkdocs_build import run_mkdocs
from .site.stamp import BuildStamp, make_stamp
from .validate import validate_site

BUILD_DIR = "build"


@dataclass(frozen=True)
class BuildResult:
    site_dir: Path
    pages: int
    docs: WriteStats
    warnings: list[Problem]
    seconds: float


@dataclass(frozen=True)
class BuildContext:
    """What a step after `mkdocs build` sees: the finished, not yet published site."""

    root: Path
    site: SiteData
    render: RenderContext
    stamp: BuildStamp
    site_dir: Path       # the staging folder; becomes build/site if every step passes


# Steps run on the staged site (search index, PDFs, leak scan, link check); any
# error problem stops the build and the previous site stays.
# check_links stays last: links may point at files the other steps write.
POST_BUILD: list[Callable[[BuildContext], list[Problem]]] = [check_links]


def load_and_validate(root: Path) -> tuple[SiteData, list[Problem]]:
    """The loaded site and its warnings; raises ProblemsError on any error."""
    site, problems = load_site(root)
    if site is not None:
        problems += validate_site(site)
    errors = [p for p in problems if p.level == "error"]
    if errors or site is None:
        raise ProblemsError(sorted(set(errors), key=_order))
    return site, sorted(set(problems), key=_order)


def _order(problem: Problem):
    return (problem.file, problem.line or 0, problem.field, problem.message)


def _swap_in(new: Path, target: Path) -> None:
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old")
        if old.exists():
            shutil.rmtree(old)
        target.rename(old)
    new.rename(target)
    if old is not None:
        shutil.rmtree(old)


def build(root: Path, as_of: date) -> BuildResult:
    started = time.perf_counter()
    root = root.resolve()   # MkDocs resolves relative paths against mkdocs.yml's folder
    site, warnings = load_and_validate(root)
    ctx = make_context(site, as_of)
    files = render_context(ctx)
    build_dir = root / BUILD_DIR
    docs = write_tree(build_dir / "docs", files)
    stamp = make_stamp(root, as_of)
    build_dir.mkdir(exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=build_dir))
    try:
        problems = run_mkdocs(root, staging, stamp)
        if problems:
            raise ProblemsError(problems)
        step_context = BuildContext(root, site, ctx, stamp, staging)
        for step in POST_BUILD:
            found = step(step_context)
            warnings += [p for p in found if p.level == "warning"]
            errors = [p for p in found if p.level == "error"]
            if errors:
                raise ProblemsError(errors)
        _swap_in(staging, build_dir / "site")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    pages = sum(1 for _ in (build_dir / "site").rglob("index.html"))
    return BuildResult(build_dir / "site", pages, docs, warnings, time.perf_counter() - started)
