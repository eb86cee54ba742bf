"""The one place that says which parts make a site.

`PIPELINE` names every check, page provider, file provider and post-build step,
the core's and the features' alike, so no core module imports a feature and no
feature imports another. It is one immutable value handed to validate, render and
build as an argument: importing a module registers nothing, and code that runs a
stage without being handed the pipeline cannot quietly run only part of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from .context import BuildContext
    from .problems import Problem


def _function(where: str) -> Callable:
    module, _, function = where.partition(":")
    return getattr(import_module(module, __package__), function)


@dataclass(frozen=True)
class Part:
    """A check, page provider or file provider, named "module:function" (the module
    relative to this package) and imported when first called: a build imports the
    page providers' templates, calendar and feed libraries only where it renders,
    and `gongkai validate` none of them."""

    where: str

    @property
    def function(self) -> Callable:
        return _function(self.where)

    def __call__(self, *arguments):
        return self.function(*arguments)


@dataclass(frozen=True)
class Step:
    """A post-build step and what the progress line calls it. Its module is imported
    when the build asks for `run`, in the building process before the step's child is
    forked: a command that runs no step (validate, print) does not load the PDF,
    spreadsheet and array libraries the steps use."""

    where: str       # "module:function", the module relative to this package
    name: str
    # What it writes into the site: files, and folders (ending in "/") of which it removes
    # what it did not write, since the site folder may hold an older site (generator/output.py).
    writes: tuple[str, ...] = ()

    @property
    def run(self) -> Callable[[BuildContext], list[Problem]]:
        return _function(self.where)


@dataclass(frozen=True)
class Pipeline:
    checks: tuple[Part, ...]            # rules over the loaded site: SiteData → list[Problem]
    # Rules over one data file, (file, YamlDoc, public numbers) → list[Problem]: each
    # result is kept by the file's bytes (validate/__init__.py).
    file_checks: tuple[Part, ...]
    page_providers: tuple[Part, ...]    # RenderContext → list[Page]
    # Static files (feeds, calendars, open data) placed into the docs tree for MkDocs to
    # copy: RenderContext → {path: bytes}.
    file_providers: tuple[Part, ...]
    steps: tuple[Step, ...]      # after `mkdocs build`, on the staged site, in order


PIPELINE = Pipeline(
    checks=tuple(map(Part, (
        ".validate.uniqueness:check_unique", ".validate.references:check_references",
        ".validate.dates:check_dates", ".validate.content:check_content",
        ".validate.notices:check_notices", ".validate.timeliness:check_timeliness",
        ".validate.version_order:check_version_order", ".validate.personal:check_personal",
        ".report.load:check_reports", ".search.synonyms:check_synonyms"))),
    file_checks=tuple(map(Part, (
        ".validate.personal:personal_in_file", ".validate.placeholders:placeholders_in_file"))),
    page_providers=tuple(map(Part, (
        ".render.pages:core_pages", ".render.pages:catalog_pages", ".render.pages:list_pages",
        ".render.history:history_pages", ".opendata.provider:opendata_page",
        ".opendata.provider:catalog_print_page", ".report.provider:report_pages"))),
    file_providers=tuple(map(Part, (
        ".calendars.files:calendar_files", ".feeds:feed_files", ".opendata.provider:opendata_files",
        ".stubs:version_stubs"))),
    # Each step reads what the steps before it wrote, so the checks come last.
    steps=(
        Step(".print.step:print_sheets", "公开栏打印页和 PDF", ("print/",)),
        # The chunked Chinese index under search/.
        Step(".search.step:index_site", "全文检索索引", ("search/",)),
        # Dated by the data, not the build day.
        Step(".publish.sitemap:pin_sitemap", "站点地图", ("sitemap.xml.gz",)),
        # Commit and date, for gongkai publish.
        Step(".publish.buildinfo:write_build_info", "构建信息", (".gongkai-build.json",)),
        # The pages' policy for the nginx header.
        Step(".site.csp:write_header_policy", "内容安全策略", (".gongkai-csp.conf",)),
        Step(".checks.leaks:leak_scan", "个人信息泄露扫描"),  # no unmasked personal number in any file
        Step(".checks.links:check_links", "死链接检查"),     # PDFs and feeds included
    ),
)
