"""`gongkai serve`: rebuild when data/, content/ or site_config/ change, and reload the page.

A clerk looks at the browser, not the terminal: while the last build failed,
every page they open (or have open: it reloads) shows its problems instead,
and the site comes back by itself once the data is fixed.

The page is what the clerk waits for. A save of an item's file is checked, and
the pages open in a browser and the item's own page are built alone with MkDocs
kept open in this process (preview.py), served from memory and reloaded;
then the whole site is built in a thread of its own, given up at its next stage
when a newer save comes, and replaces them. Any other change (settings, a new or
deleted file) builds the whole site before the reload. The steps that change
nothing a previewed page shows (the search index, the nginx header file) run
after the browsers reload, and the leak scan then reads what they wrote.
"""

from __future__ import annotations

import os
import sys
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from ..build import BUILD_DIR, build
from ..cache.store import Store
from ..checks.leaks import leak_scan
from ..context import BuildContext
from ..gcpause import collection_paused
from ..load.site_loader import SiteData, load_site
from ..model import KINDS
from ..notices.lists import STORE_KIND as LISTS_KIND
from ..pipeline import PIPELINE
from ..problems import Problem, ProblemsError
from ..progress import Progress
from ..render.pages import item_path, served_path
from ..search.step import index_site
from ..site.csp import write_header_policy
from ..site.stamp import BuildStamp, make_stamp
from ..today import site_timezone, today
from ..validate import STORE_KIND as CHECKS_KIND, validate_site
from ..validated import load_and_validate, named, read_lists, settled
from ..workers import in_child, start_method
from .parsed import ParsedFiles
from .pause import children_stopped
from .preview import PagePreview
from .server import PreviewServer

WATCHED = ("data", "content", "site_config", "mkdocs.yml")
# Steps whose output no previewed page shows: they run once the browsers have reloaded.
AFTER_RELOAD = tuple(step for step in PIPELINE.steps if step.run in (index_site, write_header_policy))
PREVIEW = replace(PIPELINE, steps=tuple(step for step in PIPELINE.steps if step not in AFTER_RELOAD))
LEAK_SCAN = next(step for step in PIPELINE.steps if step.run is leak_scan)
# Item files whose pages are previewed alone; anything else changes what every page shows.
ITEM_FOLDERS = tuple(f"data/{kind.folder}/" for kind in KINDS.values())


class Superseded(Exception):
    """A newer save came while the whole site was being built: that build is given up."""


class Abandoning(Progress):
    """Progress that gives the build up at its next stage once `superseded` says so."""

    def __init__(self, superseded) -> None:
        super().__init__()
        self.superseded = superseded

    @contextmanager
    def stage(self, name: str, count: int | None = None):
        if self.superseded():
            raise Superseded
        with super().stage(name, count):
            yield


def after_reload(context: BuildContext, progress: Progress) -> list[Problem]:
    """The steps the preview left out, on the published site, then the leak scan (files
    it read before come from its cache); their errors (warnings do not stop a preview)."""
    found = []
    for step in (*AFTER_RELOAD, LEAK_SCAN):
        with progress.stage("刷新后：" + step.name):
            found += in_child(step.run, context)
    return [problem for problem in found if problem.level == "error"]


def item_files(root: Path, changed: set[str], docs: frozenset[str]) -> list[str] | None:
    """The site-relative paths of the changed files when each is the file of an item
    whose page is among `docs` and is still there (its pages can be built alone); None
    otherwise (a new item, one deleted, or one not public before, say)."""
    found = []
    for path in changed:
        rel = Path(path).relative_to(root).as_posix()
        page = rel.removeprefix("data/").rsplit(".", 1)[0] + "/index.md"   # item_path's
        if not (rel.startswith(ITEM_FOLDERS) and (root / rel).is_file() and page in docs):
            return None
        found.append(rel)
    return found


class Site:
    """One site being previewed: its server, MkDocs kept open, and the whole-site builds."""

    def __init__(self, root: Path, as_of: date | None, host: str, port: int) -> None:
        self.root, self.as_of = root.resolve(), as_of
        watched = [self.root / name for name in WATCHED if (self.root / name).exists()]
        self.server = PreviewServer(builder=self.rebuild, host=host, port=port,
                                    root=str(self.root / "build" / "site"), watched=watched)
        self.preview: PagePreview | None = None
        self.parsed = ParsedFiles()
        # Name lists read, by their bytes, declarations and public numbers: in one
        # process nothing else changes them, so memory holds them between saves.
        self.lists = Store(None, LISTS_KIND, "")
        # The file checks' results, by file name and bytes (validate/__init__.py), likewise.
        self.checks = Store(None, CHECKS_KIND, "")
        self.checker = ThreadPoolExecutor(1, thread_name_prefix="gongkai-checks")
        self.previewing = threading.Lock()   # held while self.preview builds or is replaced
        self.lock = threading.Condition()    # over the counts and flags below, and the pages
        self.saves = 0                   # bursts of saves seen
        self.wanted = self.done = 0      # whole-site builds asked for and finished
        self.renew = True                # MkDocs to be opened anew after the next one
        self.unshown = False             # a save whose pages were not previewed
        self.stopping = False
        self.warm = False                # a page built once in this process

    def show(self, problems) -> None:
        self.server.problems = problems
        for problem in problems:
            print(problem, flush=True)
        print(f"发现 {len(problems)} 个问题，浏览器里打开的页面会显示它们；改好后自动刷新。", flush=True)

    def rebuild(self, changed: set[str]) -> None:
        """A burst of saves: the pages open in a browser first when they can be built
        alone, then the whole site."""
        with self.lock:
            self.saves += 1      # a whole-site build still going is given up
        preview = self.preview
        items = item_files(self.root, changed, preview.docs) if preview is not None else None
        try:
            previewed = items is not None and self.quick(items)
        except Exception:   # noqa: BLE001 — the whole build that follows shows what is wrong
            traceback.print_exc()
            previewed = False
        with self.lock:
            if previewed is None:
                self.done = self.wanted   # the data has errors, shown: nothing to build
                return
            self.wanted += 1
            self.renew = self.renew or items is None
            self.unshown = self.unshown or not previewed
            self.lock.notify_all()

    def quick(self, items: list[str]) -> bool | None:
        """Check the data and show the pages of `items` and those open in a browser,
        built alone, with the whole-site build held still; whether they are shown
        (None: the data has errors, shown)."""
        # No collection either: serve holds the whole site and MkDocs' navigation, and
        # each full collection walked all of it (0.4 s, several times a save at 10,000 items).
        with children_stopped(), collection_paused():
            return self._quick(items)

    def _quick(self, items: list[str]) -> bool | None:
        started = time.perf_counter()
        site, problems = load_site(self.root, parse=self.parsed, load=self.parsed.load)
        pages = failure = None
        if site is not None:
            # The rules run in a process of their own (on the other core) while the
            # pages are built here; the pages are shown only if they pass.
            checks = self.checker.submit(_checked, site, self.checks)
            try:
                listed = read_lists(site, self.lists)
                pages = self._pages(site, items)
            except Exception as err:   # noqa: BLE001 — data with errors may break a page
                failure = err
            finally:
                found, learned = checks.result()
                self.checks.entries.update(learned)
            problems += named(site, found + (listed if failure is None else []))
        try:
            settled(site, problems)
        except ProblemsError as err:
            self.show(err.problems)
            self.server.reload_browsers()
            return None
        if failure is not None:
            raise failure     # not explained by the data: the whole build that follows runs
        if pages is None:
            return False
        with self.lock:
            self.server.pages = {**self.server.pages, **pages}
            self.server.problems = ()
        print(f"已预览改过的页面（{time.perf_counter() - started:.1f} 秒），整个网站随后生成", flush=True)
        self.server.reload_browsers()
        return True

    def _pages(self, site: SiteData, items: list[str]) -> dict[str, bytes] | None:
        """The pages of `items` and those open in a browser, built alone (None: they
        cannot be)."""
        as_of = self.as_of or today(site.config.timezone)
        with self.previewing:
            wanted = {self.preview.source(url) for url in self.server.open_pages()}
            wanted |= {self.preview.source(served_path(item_path(item)))
                       for item in site.items if item.file in items}
            return self.preview.build(site, as_of, PREVIEW, wanted - {None},
                                      make_stamp(self.root, as_of))

    def settle(self) -> None:
        """Whole-site builds, one after another, each for the latest save. The first at
        full speed; the others at low priority: the next save's preview goes first."""
        self.settle_once()
        if hasattr(os, "setpriority") and sys.platform.startswith("linux"):
            # On Linux the priority is the thread's, and its build processes inherit it.
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
        while not self.stopping:
            self.settle_once()

    def settle_once(self) -> None:
        with self.lock:
            self.lock.wait_for(lambda: self.wanted > self.done or self.stopping)
            if self.stopping:
                return
            saves, build_for = self.saves, self.wanted
        try:
            self.build_all(lambda: self.saves != saves or self.stopping)
        except Superseded:
            return
        except Exception:   # noqa: BLE001 — as MkDocs' own loop: serve goes on
            traceback.print_exc()
        with self.lock:
            self.done = max(self.done, build_for)

    def open_last_build(self) -> None:
        """MkDocs opened on the docs the last run's build left, while the first build goes
        on: a save before that build ends is previewed all the same."""
        try:
            as_of = self.as_of or today(site_timezone(self.root))
            self.open_preview(make_stamp(self.root, as_of), newest=False)
        except Exception:   # noqa: BLE001 — the first build opens MkDocs and says what is wrong
            traceback.print_exc()

    def open_preview(self, stamp: BuildStamp, newest: bool) -> None:
        """MkDocs opened anew on build/docs (unless, not `newest`, the first build opened
        it already); the first time, one item page built and dropped, so that the first
        save finds templates, name lists and parsed files loaded (it took seconds more)."""
        opened = PagePreview(self.root, stamp)
        with self.previewing:
            if not newest and self.preview is not None:
                old = opened
            else:
                old, self.preview = self.preview, opened
        if old is not None:
            old.close()
        if self.warm:
            return
        try:
            site, _ = load_and_validate(self.root, PREVIEW, parse=self.parsed, lists=self.lists,
                                        load=self.parsed.load, checks=self.checks)
        except ProblemsError:
            return    # the build shows them
        as_of = self.as_of or today(site.config.timezone)
        # git is asked before the lock is taken: a save's preview, which waits for the
        # lock, stops every child of this process while it runs (pause.py).
        stamp = make_stamp(self.root, as_of)
        with self.previewing:
            page = next((path for path in (self.preview.source(served_path(item_path(item)))
                                           for item in site.items) if path is not None), None)
            if page is not None:
                self.preview.build(site, as_of, PREVIEW, {page}, stamp)
        self.warm = True

    def build_all(self, superseded) -> None:
        """The whole site, then the browsers reloaded where it shows them something new."""
        progress = Abandoning(superseded)   # stage lines on a terminal or with GONGKAI_PROGRESS=1
        try:
            result = build(self.root, self.as_of, incremental=True, progress=progress,
                           pipeline=PREVIEW)
        except ProblemsError as err:
            if not superseded():
                self.show(err.problems)   # the last good site stays on disk
                self.server.reload_browsers()
            return
        # A page added or removed (a new version, say) is not in the open MkDocs' files.
        if (self.renew or result.docs.removed_paths or self.preview is None
                or not self.preview.docs.issuperset(result.docs.written_paths)):
            self.open_preview(result.context.stamp, newest=True)
        with self.lock:
            if superseded():
                raise Superseded      # its pages are older than those shown
            shown, self.server.pages = self.server.pages, {}
            self.server.problems = ()
            unshown, self.unshown, self.renew = self.unshown, False, False
        print(f"已重新生成（{result.seconds:.1f} 秒）", flush=True)
        if unshown or any(_differs(result.site_dir, url, page) for url, page in shown.items()):
            self.server.reload_browsers()
        problems = after_reload(result.context, progress)
        if problems:
            self.show(problems)
            self.server.reload_browsers()

    def run(self) -> None:
        with self.lock:
            self.wanted, self.unshown = 1, True    # the first build: open pages reload after it
        threading.Thread(target=self.settle, name="gongkai-settle", daemon=True).start()
        if (self.root / BUILD_DIR / "docs").is_dir():
            threading.Thread(target=self.open_last_build, name="gongkai-open", daemon=True).start()
        print(f"预览地址：{self.server.url} （按 Ctrl+C 停止）", flush=True)
        try:
            self.server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            with self.lock:
                self.stopping = True
                self.lock.notify_all()
            self.server.shutdown()
            self.checker.shutdown(wait=False)
            if self.preview is not None:
                self.preview.close()


def _checked(site: SiteData, checks: Store) -> tuple[list[Problem], dict[bytes, Any]]:
    """The preview's rules over `site`, with the file checks' results `checks` holds, in
    a forked process where there is fork (a spawned one would be sent the whole site);
    and the results it added, for this process to keep (at 10,000 items, checking every
    file again took 4 seconds a save)."""
    def check() -> tuple[list[Problem], dict[bytes, Any]]:
        before = set(checks.entries)
        found = validate_site(site, PREVIEW, checks)
        return found, {entry: value for entry, value in checks.entries.items()
                       if entry not in before}
    return in_child(check) if start_method() == "fork" else check()


def _differs(site: Path, url: str, page: bytes) -> bool:
    try:
        return (site / url / "index.html").read_bytes() != page
    except OSError:
        return True


def serve(root: Path, as_of: date | None, host: str, port: int) -> None:
    Site(root, as_of, host, port).run()
