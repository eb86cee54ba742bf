"""Every use gongkai makes of MkDocs' and Material's private parts, in one place.

MkDocs offers no public way to build one page, to skip reading a page, or to
convert a page with another Markdown engine; Material's templates are wrapped
by file name. Those parts change between releases without notice, so they are
used here only, and only under the versions they were tested with (pinned in
pyproject.toml): the `gongkai` plugin refuses to start under any other.
"""

from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Iterator

import material
import mkdocs.commands.build
from mkdocs import utils as mkdocs_utils
from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .. import output
from .commonmark import convert, is_marked
from .frontmatter import read_front_matter

TESTED = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.1"}
# Material's own templates, for the theme's partials that wrap them (site/navmemo.py).
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
# A template that renders nothing: MkDocs skips writing a page whose output is empty,
# which keeps its own pass from overwriting a page built elsewhere (site/parallel.py).
SKIP_TEMPLATE = "gongkai-built-elsewhere.html"
_PAGES_LOG = logging.getLogger("mkdocs.structure.pages")    # where MkDocs' Page logs


def _installed(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "未安装"


def untested_versions() -> str | None:
    """What is wrong with the installed MkDocs and Material, in Chinese; None if they
    are the versions this module was tested with."""
    found = {name: _installed(name) for name in TESTED}
    if found == TESTED:
        return None
    return ("已安装的 MkDocs 是 " + found["mkdocs"] + "，Material 主题（mkdocs-material）是 "
            + found["mkdocs-material"] + "；gongkai 只在 MkDocs " + TESTED["mkdocs"]
            + " 和 mkdocs-material " + TESTED["mkdocs-material"] + " 下测试过，用到了它们的内部接口，"
            "换了版本生成的网页可能出错")


INSTALL_HINT = ("请安装 gongkai 指定的版本：pip install mkdocs==" + TESTED["mkdocs"]
                + " mkdocs-material==" + TESTED["mkdocs-material"] + "（或重新安装 gongkai）")


def require_tested_versions() -> None:
    """Called as the plugin starts: `mkdocs build` alone stops here too."""
    problem = untested_versions()
    if problem:
        raise PluginError(f"{problem}。{INSTALL_HINT}")


def _build_page_here(page: Page, *args, **kwargs) -> None:
    """MkDocs' `_build_page`, for the pages not built elsewhere: for those it only
    rendered the empty template, after working out the links of the page's frame,
    a few milliseconds each for thousands of pages, in one process after the workers."""
    if page.meta.get("template") != SKIP_TEMPLATE:
        _build_page(page, *args, **kwargs)


def skip_pages_built_elsewhere() -> None:
    """MkDocs' own pass over the pages leaves out those built elsewhere (site/parallel.py).
    Their template still renders nothing, wherever else a page is rendered with it."""
    mkdocs.commands.build._build_page = _build_page_here


class CommonMarkPage(Page):
    """A page MkDocs converts with the fast engine when its front matter asks for it
    (site/commonmark.py), and with Python-Markdown otherwise."""

    def read_source(self, config) -> None:
        """MkDocs' own, with the front matter of generated pages read faster (site/frontmatter.py)."""
        source = config.plugins.on_page_read_source(page=self, config=config)
        if source is None:
            try:
                source = self.file.content_string
            except OSError:
                _PAGES_LOG.error(f"File not found: {self.file.src_path}")
                raise
            except ValueError:
                _PAGES_LOG.error(f"Encoding error reading file: {self.file.src_path}")
                raise
        self.markdown, self.meta = read_front_matter(source)

    def render(self, config, files) -> None:
        if not is_marked(self.meta):
            return super().render(config, files)
        converted = convert(self.markdown)
        self.content = converted.html
        self.toc = get_toc(converted.toc)
        self._title_from_render = converted.title
        self.present_anchor_ids = converted.anchor_ids
        # Its links are final URLs from the page registry: nothing for MkDocs to check.
        self.links_to_anchors = {}
        return None


class ReadElsewhere(Page):
    """A page outside the navigation as MkDocs' own pass sees it: not read, not
    converted, rendered with a template that writes nothing. For a big site,
    reading and converting even empty pages one by one took most of a minute."""

    def read_source(self, config) -> None:
        self.markdown, self.meta = "", {"template": SKIP_TEMPLATE}

    def render(self, config, files) -> None:
        self.content, self.toc = "", get_toc([])
        self.present_anchor_ids, self.links_to_anchors = set(), {}


class CopiedElsewhere(File):
    """A static file MkDocs' own pass leaves alone: copied already (site/parallel.py)."""

    def copy_file(self, dirty: bool = False) -> None:
        return None


class LinkedFile(File):
    """A file of build/docs, hard-linked into the site rather than copied: making a
    file costs this disk about a millisecond, a link a fraction of it. Safe because
    nothing writes into either file in place: gongkai writes build/docs and every
    file after MkDocs by renaming a new file over the old (generator/replace.py),
    and the files MkDocs itself writes into (pages, theme and extra templates) are
    never linked (`link_static_files`)."""

    def copy_file(self, dirty: bool = False) -> None:
        if self._content is not None or self.abs_src_path is None:
            return super().copy_file(dirty)
        if dirty and not self.is_modified():
            return None
        output.link(self.abs_src_path, self.abs_dest_path)
        return None


@contextmanager
def into_older_site(site_dir: Path) -> Iterator[None]:
    """MkDocs empties its site folder first and then writes every file; gongkai's
    build hands it an older site to write into (generator/output.py). There, what
    MkDocs writes or copies goes through `output`, which leaves a file with the same
    bytes untouched and records it, and the folder is not emptied: the build removes
    what MkDocs did not make. Elsewhere (serve's previews) MkDocs' own functions run."""
    base = os.path.join(os.path.abspath(site_dir), "")
    write_file, copy_file, clean_directory = originals = (
        mkdocs_utils.write_file, mkdocs_utils.copy_file, mkdocs_utils.clean_directory)

    def write(content: bytes, output_path: str) -> None:
        if output_path.startswith(base):
            output.put(output_path, content)
        else:
            write_file(content, output_path)

    def copy(source_path: str, output_path: str) -> None:
        if output_path.startswith(base):
            output.copy(source_path, output_path)
        else:
            copy_file(source_path, output_path)

    def clean(directory: str) -> None:
        if os.path.join(os.path.abspath(directory), "") != base:
            clean_directory(directory)

    mkdocs_utils.write_file, mkdocs_utils.copy_file, mkdocs_utils.clean_directory = write, copy, clean
    try:
        yield
    finally:
        mkdocs_utils.write_file, mkdocs_utils.copy_file, mkdocs_utils.clean_directory = originals


def link_static_files(files: Files, config) -> None:
    """The static files of build/docs are linked, not copied (`LinkedFile`), unless
    MkDocs writes into them (a page's, a theme or extra template's address), or the
    site runs another plugin, which might."""
    if set(config.plugins) != {"gongkai"}:
        return
    written = {f.dest_uri for f in files.documentation_pages()}
    written.update(config.theme.static_templates, config.extra_templates)
    docs = os.path.join(os.path.abspath(config.docs_dir), "")
    for file in files:
        if (not file.is_documentation_page() and file.dest_uri not in written
                and (file.abs_src_path or "").startswith(docs)):
            file.__class__ = LinkedFile


def static_files(files: Files) -> list[File]:
    """The files MkDocs' pass would copy into the site; one whose address is also a
    page's is left to that pass, so which of the two the site gets stays its choice."""
    pages = {f.dest_uri for f in files.documentation_pages()}
    return [f for f in files if not f.is_documentation_page() and f.inclusion.is_included()
            and f.dest_uri not in pages]


def copied_elsewhere(file: File) -> None:
    file.__class__ = CopiedElsewhere


def convert_here(page: Page) -> None:
    """MkDocs' own pass converts this page, with the engine its front matter asks for."""
    page.__class__ = CommonMarkPage


def read_elsewhere(page: Page) -> None:
    page.__class__ = ReadElsewhere


def is_read_elsewhere(page: Page) -> bool:
    return isinstance(page, ReadElsewhere)


def build_page(page: Page, config, files, doc_files, nav, env) -> None:
    """Read, convert, render and write one page as MkDocs' own pass would."""
    page.__class__ = CommonMarkPage
    _populate_page(page, config, files)
    _build_page(page, config, doc_files, nav, env)


def empty_toc():
    return get_toc([])


def title_from_heading(page: Page) -> bool:
    """Whether the page's title comes from its first heading (HTML) rather than from
    mkdocs.yml's nav or front matter (plain text): MkDocs keeps a title given by the nav
    in the instance, where its property would otherwise compute one."""
    return "title" not in vars(page) and "title" not in page.meta
