"""Pages built alone for `gongkai serve`, with MkDocs held open between saves.

A save of an item changes the pages a clerk looks at long before the whole site
is built again: the preview renders just those pages from the new data and has
MkDocs build them in this process, from a configuration, file list, navigation
and templates opened once. They stay valid while no docs file is added or
removed and no setting changes; serve opens MkDocs anew after any other change,
and the whole site, built after the reload, replaces what the preview showed.

The pages come out as a full build makes them but for what they show of the
pages in the navigation (their titles, which item edits do not change) and the
footer's build stamp; serve reloads again if the built page differs.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from datetime import date
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation

from ..cache.fingerprint import fingerprint as fingerprint_of
from ..cache.store import CACHE_DIR, Store
from ..pipeline import Pipeline
from ..render import make_context
from ..render.clerk import STORE_KIND as CLERK_STORE
from ..render.pages import render_some
from ..site.mkdocs_adapter import build_page
from ..site.mkdocs_build import WarningLog
from ..site.navmemo import install as install_nav_memo
from ..site.stamp import BuildStamp
from ..site.titles import escape_nav_titles
from ..validate.personal import public_numbers
from ..load.site_loader import SiteData


class PagePreview:
    """MkDocs opened on the site's last full build (build/docs), for building pages alone."""

    def __init__(self, root: Path, stamp: BuildStamp) -> None:
        self.root = root
        self.scratch = Path(tempfile.mkdtemp(prefix="gongkai-preview-"))
        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(self.scratch))
        config.plugins["gongkai"].stamp = stamp
        config = config.plugins.on_config(config)
        files = get_files(config)
        # The docs tree as the last full render wrote it.
        self.docs = frozenset(file.src_uri for file in files)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        nav = get_navigation(files, config)
        # What the gongkai plugin does to the navigation, without its building of every
        # page outside it (site/plugin.py): pages here are built one at a time.
        escape_nav_titles(nav)
        install_nav_memo(env, nav, config)
        self.config, self.files, self.nav, self.env = config, files, nav, env
        self.doc_files = files.documentation_pages()
        self.by_url = {file.url.removeprefix("./"): file.src_uri for file in self.doc_files}

        # Pages show the navigation's titles: every page in it is read and converted first.
        for page in nav.pages:
            page.read_source(config)
        for page in nav.pages:
            build_page(page, config, files, self.doc_files, nav, env)
        self.clerk: Store | None = None
        self.clerk_fingerprint = ""

    def close(self) -> None:
        shutil.rmtree(self.scratch, ignore_errors=True)

    def source(self, url: str) -> str | None:
        """The docs path of the page served at `url` (site-relative: "", "fees/x/")."""
        return self.by_url.get(url)

    def build(self, site: SiteData, as_of: date, pipeline: Pipeline, paths: set[str],
              stamp: BuildStamp) -> dict[str, bytes] | None:
        """The HTML of the pages at `paths` (docs paths of pages MkDocs knows), by their
        site-relative URL, built from `site` with `stamp` in their footers; None when one
        of them cannot be shown alone (MkDocs warned about it: the full build says why)."""
        self.config.extra["gongkai"]["stamp"] = stamp.text     # as the plugin set it
        fingerprint = fingerprint_of(self.root, public_numbers(site))
        if self.clerk is None or self.clerk_fingerprint != fingerprint:
            # Read once, kept in memory: the clerk texts' HTML the full builds store.
            self.clerk = Store(self.root / CACHE_DIR, CLERK_STORE, fingerprint)
            self.clerk_fingerprint = fingerprint
        markdown = render_some(make_context(site, as_of), pipeline, paths, self.clerk,
                               self.docs)
        collect = WarningLog()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(collect)
        built = {}
        try:
            for path, text in markdown.items():
                file = self.files.get_file_from_path(path)
                file.content_bytes = text     # build/docs stays the full build's
                build_page(file.page, self.config, self.files, self.doc_files, self.nav, self.env)
                built[file.url.removeprefix("./")] = Path(file.abs_dest_path).read_bytes()
        finally:
            logger.removeHandler(collect)
        return None if collect.messages else built

