"""The `gongkai` MkDocs plugin: fits gongkai's theme and identity into MkDocs.

It puts the package's theme folder between the site's own overrides and
Material, adds gongkai's stylesheet, and hands site.yaml's identity and the
build stamp to the templates; the pages outside the navigation it has built
on every core or taken from the page cache (site/parallel.py), and pages that
ask for it converted by the fast engine (site/commonmark.py). `mkdocs build` on
its own works with it too, without the cache.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import yaml
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin

from ..cache.bytecode import StoredBytecode
from ..cache.store import Store
from ..output import put
from ..today import today
from ..sanitise import clean_page
from ..workers import cores
from .csp import with_policy
from .mkdocs_adapter import (convert_here, is_read_elsewhere, link_static_files, read_elsewhere,
                             require_tested_versions, skip_pages_built_elsewhere)
from .navmemo import install as install_nav_memo
from .pagecache import PageCache
from .templateload import install as install_template_load
from .parallel import ParallelPages
from .served_pages import ServedPages
from .stamp import BuildStamp, make_stamp
from .titles import escape_nav_titles, escape_page_titles, escape_site_strings

THEME_DIR = Path(__file__).parent / "theme"
THEME_TEMPLATES = "theme-templates"   # a store of its own: render keeps gongkai's as "templates"
OVERRIDES = "site_config/overrides"     # the site's own templates, first in line when there
STYLESHEETS = tuple(f"assets/gongkai/{name}.css"
                    for name in ("gongkai", "tables", "touch", "care", "search", "versions",
                                 "report", "print"))
SCRIPTS = tuple(f"assets/gongkai/{name}.js" for name in ("gongkai", "care", "read-aloud", "search"))


class GongkaiConfig(Config):
    site_file = config_options.Type(str, default="site_config/site.yaml")
    # Processes that build the pages outside the navigation; 0: one per core.
    jobs = config_options.Type(int, default=0)


class GongkaiPlugin(BasePlugin[GongkaiConfig]):
    stamp: BuildStamp | None = None     # set by `gongkai build`; computed otherwise
    cache_dir: Path | None = None       # set by `gongkai build`: build/cache
    fingerprint = ""                    # set by `gongkai build`: the one all caches share
    parallel: ParallelPages | None = None
    templates: Store | None = None   # Material's templates compiled (cache/bytecode.py)

    def on_config(self, config):
        require_tested_versions()
        skip_pages_built_elsewhere()
        root = Path(config.config_file_path).parent
        dirs = config.theme.dirs
        position = 1 if config.theme.custom_dir else 0
        if str(THEME_DIR) not in dirs:
            dirs.insert(position, str(THEME_DIR))
        # Not custom_dir in mkdocs.yml: MkDocs rejects a custom_dir that does not exist,
        # and git keeps no empty folder, so a fresh checkout of a new site has none.
        overrides = str(root / OVERRIDES)
        if not config.theme.custom_dir and Path(overrides).is_dir() and overrides not in dirs:
            dirs.insert(0, overrides)
        site = yaml.safe_load((root / self.config.site_file).read_text(encoding="utf-8")) or {}
        config.site_name = site.get("name", config.site_name)
        config.site_url = site.get("base_url", config.site_url)
        config.site_description = site.get("description", config.site_description)
        escape_site_strings(config)
        # Material's first inline script names the site's root, by default relative to
        # each page ("../.."): one script, so one hash, for every page at any depth, and
        # a Content-Security-Policy that new, deeper pages do not change (site/csp.py).
        config.extra.setdefault("scope", urlsplit(config.site_url or "/").path or "/")
        stamp = self.stamp = self.stamp or make_stamp(root, today(site.get("timezone")))
        config.extra["gongkai"] = {"identity": site.get("identity") or {}, "stamp": stamp.text,
                                   "as_of": stamp.as_of.isoformat(),
                                   "short_name": site.get("short_name") or site.get("name")}
        for sheet in STYLESHEETS:
            if sheet not in config.extra_css:
                config.extra_css.append(sheet)
        for script in SCRIPTS:
            if script not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append(script)
        # Material says lang="zh"; mainland pages are zh-CN (partials/languages/zh-CN.html).
        if config.theme["language"] == "zh":
            config.theme["language"] = "zh-CN"
        return config

    def on_files(self, files, config):
        link_static_files(files, config)
        return ServedPages(files)

    def on_nav(self, nav, config, files):
        self.parallel = ParallelPages(self.config.jobs or cores())
        self.parallel.choose(nav, files)
        escape_nav_titles(nav)
        self.nav = nav
        return nav

    def on_pre_page(self, page, config, files):
        if self.parallel and self.parallel.defers(page):
            read_elsewhere(page)
        else:
            convert_here(page)
        return page

    def on_page_content(self, html, page, config, files):
        # Runs in whichever process builds the page, before any template sees it; a page
        # built elsewhere has no content or title yet in this pass.
        if is_read_elsewhere(page):
            return html
        escape_page_titles(page)
        return clean_page(html)

    def on_post_page(self, output, page, config):
        # Empty for a page built elsewhere, which MkDocs then does not write.
        return with_policy(output) if output else output

    def on_post_build(self, config):
        self.templates.save()

    def on_post_template(self, output_content, template_name, config):
        if template_name == "sitemap.xml":
            # Written here, as MkDocs would; returned empty, MkDocs writes neither it nor
            # sitemap.xml.gz, which it writes again in place every build with another date
            # in the header. `gongkai build` makes that file (publish/sitemap.py).
            put(Path(config.site_dir) / template_name, output_content.encode("utf-8"))
            return ""
        return with_policy(output_content) if template_name.endswith(".html") else output_content

    def on_env(self, env, config, files):
        install_nav_memo(env, self.nav, config)
        install_template_load(env, config.plugins)
        # Nothing is compiled yet: every template this build renders passes through it.
        self.templates = Store(self.cache_dir, THEME_TEMPLATES, self.fingerprint)
        env.bytecode_cache = StoredBytecode(self.templates)
        # Every navigation page is complete here, as a page outside it may show.
        cache = PageCache(self.cache_dir, self.fingerprint, self.stamp.shown, self.nav)
        self.parallel.build_all(config, files, self.nav, env, cache)
        return env
