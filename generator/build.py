"""The whole pipeline: load → validate → select → render → mkdocs → checks → swap.

Nothing is written before the data validates, and build/site is replaced
only by a complete, checked new site: a failed build leaves the last good
one exactly as it was.
"""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .cache.store import CACHE_DIR, Store, Stores
from .context import BuildContext
from .gcpause import collection_paused
from .output import made, record_of, remove_others
from .pipeline import PIPELINE, Pipeline
from .problems import Problem, ProblemsError
from .progress import Progress
from .replace import PARTIAL, exchanged
from .workers import in_child

if TYPE_CHECKING:
    from .render import RenderContext
    from .render.writer import WriteStats

BUILD_DIR = "build"
# One build at a time per site folder (build/docs is shared), so a staging
# folder found when a build starts is left by one that was killed.
STAGING = ".site-"
# The site build/site replaced: the next build writes into it (generator/output.py).
SPARE = ".site.spare"


@dataclass(frozen=True)
class BuildResult:
    site_dir: Path
    pages: int          # Markdown pages, each one HTML page of the site
    docs: WriteStats
    warnings: list[Problem]
    seconds: float
    incremental: bool = False
    context: BuildContext | None = None   # the steps' context, now about site_dir


def _staging(build_dir: Path) -> tuple[Path, bool]:
    """The folder to build the site in, and whether it holds an older site: the spare,
    the site replaced two builds ago, so that the files whose bytes this build makes
    again are not made again (generator/output.py). A staging folder found here was
    left by a killed build: it is taken as the spare when there is none, trusted no
    less and no more, and deleted otherwise, as is the record of what it made."""
    spare = build_dir / SPARE
    for leftover in build_dir.glob(STAGING + "*"):
        if not leftover.is_dir():
            leftover.unlink()
        elif spare.exists():
            discard(leftover)
        else:
            leftover.rename(spare)
    staging = build_dir / f"{STAGING}{time.time_ns()}"
    if spare.exists():
        spare.rename(staging)
        return staging, True
    staging.mkdir()
    staging.chmod(0o755)     # whatever the umask: a web server must read the site
    return staging, False


def _swap_in(new: Path, target: Path) -> None:
    """The new site in, the one it replaces kept as the spare; a reader of build/site
    (serve, a web server, rsync) finds one site or the other there, never none."""
    for leftover in target.parent.glob(f".{target.name}.old-*"):
        discard(leftover)   # left by an earlier gongkai's deletion, stopped
    if not target.exists():
        new.rename(target)
        return
    spare = target.with_name(SPARE)
    if exchanged(new, target):
        new.rename(spare)       # the old site, under the new one's name since the exchange
        return
    target.rename(spare)        # for a moment there is no build/site
    try:
        new.rename(target)
    except BaseException:
        spare.rename(target)    # the last good site stays
        raise


def _keep_as_spare(staging: Path) -> None:
    """A failed build's folder is as good a spare as any (nothing in one is trusted)."""
    spare = staging.with_name(SPARE)
    if spare.exists():
        discard(staging)
    else:
        staging.rename(spare)


def _remove_unmade(staging: Path, pipeline: Pipeline) -> None:
    """Remove the older site's files that MkDocs did not make, before any step reads
    the site: pages of deleted items, withdrawn name lists. Each step keeps what it
    writes (`Step.writes`) exact itself; a half-written file is nobody's."""
    files = tuple(area for step in pipeline.steps for area in step.writes if not area.endswith("/"))
    folders = tuple(area for step in pipeline.steps for area in step.writes if area.endswith("/"))
    remove_others(staging, made(staging), lambda rel: rel.endswith(PARTIAL) or not (
        rel in files or rel.startswith(folders)))


def discard(folder: Path) -> None:
    """Delete a folder in a process of its own that outlives this one: deleting the
    files of a 10,000-item site took 16 s, and nothing waits for it."""
    subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], True)",
                      str(folder)], start_new_session=True, stdin=subprocess.DEVNULL,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _write_docs(build_dir: Path, ctx: RenderContext, pipeline: Pipeline, cache_dir: Path | None,
                fingerprint: str) -> tuple[WriteStats, int]:
    """Render and write build/docs; returns what was written and how many pages there
    are. Each file is written as it is rendered, and not kept: MkDocs reads them, and
    10,000 items make over 200 MB of Markdown (counting the built pages instead took 6 s).
    Item pages the cache holds are not rendered (render/cache.py)."""
    from .render.cache import KIND as RENDER_KIND, render_into
    from .render.clerk import STORE_KIND as CLERK_STORE
    from .render.environment import TEMPLATES_KIND
    from .render.writer import tree_stats

    docs = build_dir / "docs"
    existed = docs.exists()
    written, _ = render_into(ctx, pipeline, docs, Store(cache_dir, RENDER_KIND, fingerprint),
                             Store(cache_dir, CLERK_STORE, fingerprint),
                             Store(cache_dir, TEMPLATES_KIND, fingerprint))
    return (tree_stats(docs, written, existed=existed),
            sum(path.endswith(".md") for path in written))


def build(root: Path, as_of: date | None = None, *, incremental: bool = False, pdf: bool = False,
          cache: bool = True, progress: Progress | None = None,
          pipeline: Pipeline = PIPELINE) -> BuildResult:
    """Build the site; `pdf` adds the bulletin-board PDFs. Without `as_of`, the site
    is built as of today in its time zone. With `cache`, results of pure steps are
    kept in build/cache and taken from it (generator/cache/, site/pagecache.py): the
    site is byte for byte the one a build without it makes. `incremental` is kept
    for scripts written before every build used the cache."""
    started = time.perf_counter()
    progress = progress or Progress(enabled=False)
    root = root.resolve()   # MkDocs resolves relative paths against mkdocs.yml's folder
    cache_dir = root / CACHE_DIR if cache else None
    # Each stage imports what it runs when it starts, so that the command starts at
    # once and a step's libraries are loaded only by the stage that uses them.
    with progress.stage("读取并检查数据"), collection_paused():
        from .validated import load_and_validate
        site, warnings = load_and_validate(root, pipeline, cache_dir)
    from .cache.fingerprint import fingerprint as fingerprint_of
    from .today import today
    from .validate.personal import public_numbers
    as_of = as_of or today(site.config.timezone)
    allowed = public_numbers(site)
    # One fingerprint for every cache: the office's public numbers are in it, so a
    # number no longer declared public sends every file through the leak scan again.
    fingerprint = fingerprint_of(root, allowed)
    with progress.stage("生成 Markdown 页面", len(site.items)):
        from .render import make_context
        with collection_paused():
            ctx = make_context(site, as_of, pdf, Stores(cache_dir, fingerprint))
        build_dir = root / BUILD_DIR
        docs, pages = in_child(_write_docs, build_dir, ctx, pipeline, cache_dir, fingerprint)
    from .site.stamp import make_stamp
    stamp = make_stamp(root, as_of)
    build_dir.mkdir(exist_ok=True)
    staging, older = _staging(build_dir)
    from .site.mkdocs_build import run_mkdocs
    try:
        with progress.stage("MkDocs 生成网页", docs.written + docs.unchanged):
            problems = in_child(run_mkdocs, root, staging, stamp, cache_dir, fingerprint)
        if problems:
            raise ProblemsError(problems)
        if older:
            _remove_unmade(staging, pipeline)
        step_context = BuildContext(root, site, ctx, stamp, staging, cache_dir, fingerprint,
                                    tuple(step.name for step in PIPELINE.steps
                                          if step not in pipeline.steps))
        for step in pipeline.steps:
            with progress.stage(step.name):
                found = in_child(step.run, step_context)
            warnings += [p for p in found if p.level == "warning"]
            errors = [p for p in found if p.level == "error"]
            if errors:
                raise ProblemsError(errors)
        _swap_in(staging, build_dir / "site")
    except BaseException:
        _keep_as_spare(staging)
        raise
    finally:
        record_of(staging).unlink(missing_ok=True)
    return BuildResult(build_dir / "site", pages, docs, warnings, time.perf_counter() - started,
                       incremental, replace(step_context, site_dir=build_dir / "site"))
