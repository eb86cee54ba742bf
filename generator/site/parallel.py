"""Pages outside the navigation, built by MkDocs' own functions on every core.

MkDocs builds one page after another, and a site's item, version and
comparison pages are nearly all of its pages (about 8 ms each, on one core of
a machine that has more). None of them is in the navigation and no page shows
another's content, so the `gongkai` plugin has MkDocs hold them as pages that
are neither read nor converted and builds them here instead, once the
navigation pages are complete (`on_env`): each from the page cache when its
inputs are unchanged (site/pagecache.py), the rest split across forked worker
processes, each running MkDocs' own read → Markdown → template → write steps
(through site/mkdocs_adapter.py). The workers also write the pages taken from
the cache and copy the site's static files, which MkDocs' own pass then skips.
What MkDocs still needs from them afterwards — front matter for the sitemap,
anchors for its link validation, the warnings they raised — comes back to the
main process, which also keeps them in the cache.
Pages are dropped from memory once written.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from ..workers import forked_map
from .mkdocs_adapter import SKIP_TEMPLATE, build_page, copied_elsewhere, empty_toc, static_files
from .mkdocs_build import WarningLog
from .pagecache import Built, PageCache

MANY_HITS = 64     # cached pages worth forking workers to write


@dataclass
class Hit:
    """A page the cache holds, to be written to its place in the site."""

    built: Built
    path: str


@dataclass
class Outcome:
    """One page built in a worker."""

    pid: int             # of the process that built it
    src_uri: str
    built: Built
    warnings: list[str]


class ParallelPages:
    """Builds the pages outside the navigation; one instance per MkDocs build."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.deferred: set[str] = set()    # src_uris MkDocs reads as empty pages
        self.building = False              # True while pages are built for real

    def choose(self, nav, files) -> None:
        in_nav = {page.file.src_uri for page in nav.pages}
        self.deferred = {f.src_uri for f in files.documentation_pages() if f.src_uri not in in_nav}

    def defers(self, page: Page) -> bool:
        return not self.building and page.file.src_uri in self.deferred

    def build_all(self, config, files, nav, env, cache: PageCache) -> None:
        pages = [f.page for f in files.documentation_pages() if f.src_uri in self.deferred]
        keys = {page.file.src_uri: cache.key(page.file.src_uri,
                                             Path(page.file.abs_src_path).read_bytes())
                for page in pages}
        mkdocs_log = logging.getLogger("mkdocs")
        missing, hits = [], []
        for page in pages:
            built = cache.get(keys[page.file.src_uri])
            if built is None:
                missing.append(page)
            else:
                hits.append(Hit(built, page.file.abs_dest_path))
                _take_back(page, built, files)
        doc_files = files.documentation_pages()

        def build(page: Page) -> Outcome | str:
            """One page, in a worker; an error comes back as its message, since
            exceptions do not always survive the trip."""
            collect = WarningLog()
            mkdocs_log.addHandler(collect)
            try:
                build_page(page, config, files, doc_files, nav, env)
                packed = b""
                if cache.keeps:
                    with open(page.file.abs_dest_path, "rb") as written:
                        packed = cache.packed(written.read())
            except Exception as err:   # noqa: BLE001 — reported by the main process
                return f"生成页面 {page.file.src_uri} 时出错：{err}"
            finally:
                mkdocs_log.removeHandler(collect)
            # Written: MkDocs' own pass must not write it again.
            page.meta["template"] = SKIP_TEMPLATE
            built = Built(packed, page.meta, set(page.present_anchor_ids or ()),
                          {f.src_uri: links for f, links in (page.links_to_anchors or {}).items()})
            page.markdown, page.content, page.toc = "", "", empty_toc()
            return Outcome(os.getpid(), page.file.src_uri, built, collect.messages)

        def job(item: Page | Hit | File) -> Outcome | str | None:
            """A page to build, one from the cache to write, or a static file to copy."""
            if isinstance(item, Page):
                return build(item)
            if isinstance(item, Hit):
                cache.write(item.built, item.path)
            else:
                item.copy_file()
            return None

        # Where there are workers, they copy the static files too, alongside; forking
        # them for those alone cost more than it saved, but not for the pages of a warm
        # build: writing them is most of its time, and the disk's time, not the CPU's.
        spread = bool(missing[1:]) or len(hits) >= MANY_HITS
        statics = static_files(files) if spread else []
        self.building = True
        try:
            # The first page here: Jinja compiles Material's templates as a page first
            # includes them (a third of a worker's time), so workers forked after it inherit
            # them compiled instead of compiling them each.
            outcomes = [build(page) for page in missing[:1]]
            # However few the pages: workers are forked with all MkDocs has gathered so
            # far (not spread: a few hits alone, written here).
            outcomes += forked_map(job, [*missing[1:], *hits, *statics], processes=self.jobs,
                                   at_least=1 if spread else MANY_HITS, chunksize=16)
        finally:
            self.building = False
        for file in statics:
            copied_elsewhere(file)
        by_uri = {page.file.src_uri: page for page in missing}
        for outcome in outcomes:
            if outcome is None:
                continue
            if isinstance(outcome, str):
                raise PluginError(outcome)
            _take_back(by_uri[outcome.src_uri], outcome.built, files)
            if cache.keeps and not outcome.warnings:
                cache.put(keys[outcome.src_uri], outcome.built)
            # A page built here logged its warnings to MkDocs already; a worker's did not.
            if outcome.pid != os.getpid():
                for message in outcome.warnings:
                    mkdocs_log.warning(message)
        cache.save()


def _take_back(page: Page, built: Built, files) -> None:
    page.meta = built.meta
    page.present_anchor_ids = built.anchors
    page.links_to_anchors = {files.get_file_from_path(uri): links
                             for uri, links in built.links_to_anchors.items()}
