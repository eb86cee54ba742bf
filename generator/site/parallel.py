"""Pages outside the navigation, built by MkDocs' own functions on every core.

MkDocs builds one page after another, and a site's item, version and
comparison pages are nearly all of its pages (about 8 ms each, on one core of
a machine that has more). None of them is in the navigation and no page shows
another's content, so the `gongkai` plugin has MkDocs hold them as pages that
are neither read nor converted (`ReadElsewhere`) and builds them here instead,
split across forked worker processes, once the navigation pages are complete
(`on_env`). Each worker runs MkDocs' own read → Markdown → template → write
steps; what MkDocs still needs from them afterwards — front matter for the
sitemap, anchors for its link validation, the warnings they raised — comes back
to the main process. Pages are dropped from memory once written.

The two MkDocs functions used are private; mkdocs is pinned in pyproject.toml.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..workers import forked_map
from .mkdocs_build import WarningLog

# A template that renders nothing: MkDocs skips writing a page whose output is empty,
# which keeps its own pass from overwriting what a worker wrote.
SKIP_TEMPLATE = "gongkai-built-elsewhere.html"


class ReadElsewhere(Page):
    """A page outside the navigation as MkDocs' own pass sees it: not read, not
    converted, rendered with a template that writes nothing. For a big site,
    reading and converting even empty pages one by one took most of a minute."""

    def read_source(self, config) -> None:
        self.markdown, self.meta = "", {"template": SKIP_TEMPLATE}

    def render(self, config, files) -> None:
        self.content, self.toc = "", get_toc([])
        self.present_anchor_ids, self.links_to_anchors = set(), {}


@dataclass
class Outcome:
    """What the main process needs back from one built page."""

    pid: int             # of the process that built it
    src_uri: str
    meta: dict
    anchors: set[str]
    links_to_anchors: dict[str, dict[str, str]]
    warnings: list[str]


class ParallelPages:
    """Builds the pages outside the navigation; one instance per MkDocs build."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.deferred: set[str] = set()    # src_uris MkDocs reads as empty pages
        self.building = False              # True while pages are built for real

    def choose(self, nav, files, dirty: bool) -> None:
        in_nav = {page.file.src_uri for page in nav.pages}
        self.deferred = {
            f.src_uri for f in files.documentation_pages()
            if f.src_uri not in in_nav and (not dirty or f.is_modified())
        }

    def defers(self, page: Page) -> bool:
        return not self.building and page.file.src_uri in self.deferred

    def build_all(self, config, files, nav, env) -> None:
        pages = [f.page for f in files.documentation_pages() if f.src_uri in self.deferred]
        doc_files = files.documentation_pages()
        mkdocs_log = logging.getLogger("mkdocs")

        def build(page: Page) -> Outcome | str:
            """One page, in a worker; an error comes back as its message, since
            exceptions do not always survive the trip."""
            collect = WarningLog()
            mkdocs_log.addHandler(collect)
            try:
                page.__class__ = Page
                _populate_page(page, config, files)
                _build_page(page, config, doc_files, nav, env)
            except Exception as err:   # noqa: BLE001 — reported by the main process
                return f"生成页面 {page.file.src_uri} 时出错：{err}"
            finally:
                mkdocs_log.removeHandler(collect)
            # Written: MkDocs' own pass must not write it again.
            page.meta["template"] = SKIP_TEMPLATE
            outcome = Outcome(os.getpid(), page.file.src_uri, page.meta,
                              set(page.present_anchor_ids or ()),
                              {f.src_uri: links for f, links in (page.links_to_anchors or {}).items()},
                              collect.messages)
            page.markdown, page.content, page.toc = "", "", get_toc([])
            return outcome

        self.building = True
        try:
            # However few the pages: workers are forked with all MkDocs has gathered so far.
            outcomes = forked_map(build, pages, processes=self.jobs, at_least=1, chunksize=16)
        finally:
            self.building = False
        by_uri = {page.file.src_uri: page for page in pages}
        for outcome in outcomes:
            if isinstance(outcome, str):
                raise PluginError(outcome)
            page = by_uri[outcome.src_uri]
            page.meta = outcome.meta
            page.present_anchor_ids = outcome.anchors
            page.links_to_anchors = {files.get_file_from_path(uri): links
                                     for uri, links in outcome.links_to_anchors.items()}
            # A page built here logged its warnings to MkDocs already; a worker's did not.
            if outcome.pid != os.getpid():
                for message in outcome.warnings:
                    mkdocs_log.warning(message)
