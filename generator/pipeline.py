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

from .calendars.files import calendar_files
from .feeds import feed_files
from .opendata import catalog_print_page, opendata_files, opendata_page
from .render.history import history_pages
from .render.pages import catalog_pages, core_pages, list_pages
from .report import report_pages
from .report.load import check_reports
from .search.synonyms import check_synonyms
from .validate.content import check_content
from .validate.dates import check_dates
from .validate.notices import check_notices
from .validate.personal import check_personal
from .validate.placeholders import check_placeholders
from .validate.references import check_references
from .validate.timeliness import check_timeliness
from .validate.uniqueness import check_unique
from .validate.version_order import check_version_order
from .stubs import version_stubs

if TYPE_CHECKING:
    from .context import BuildContext
    from .load.site_loader import SiteData
    from .problems import Problem
    from .render.pages import Page, RenderContext


@dataclass(frozen=True)
class Step:
    """A post-build step and what the progress line calls it. Its module is imported
    when the build asks for `run`, in the building process before the step's child is
    forked: a command that runs no step (validate, print) does not load the PDF,
    spreadsheet and array libraries the steps use."""

    where: str       # "module:function", the module relative to this package
    name: str

    @property
    def run(self) -> Callable[[BuildContext], list[Problem]]:
        module, _, function = self.where.partition(":")
        return getattr(import_module(module, __package__), function)


@dataclass(frozen=True)
class Pipeline:
    checks: tuple[Callable[[SiteData], list[Problem]], ...]          # rules over the loaded site
    page_providers: tuple[Callable[[RenderContext], list[Page]], ...]
    # Static files (feeds, calendars, open data) placed into the docs tree for MkDocs to copy.
    file_providers: tuple[Callable[[RenderContext], dict[str, bytes]], ...]
    steps: tuple[Step, ...]      # after `mkdocs build`, on the staged site, in order


PIPELINE = Pipeline(
    checks=(check_unique, check_references, check_dates, check_content, check_notices,
            check_timeliness, check_version_order, check_personal, check_placeholders,
            check_reports, check_synonyms),
    page_providers=(core_pages, catalog_pages, list_pages,
                    history_pages, opendata_page, catalog_print_page, report_pages),
    file_providers=(calendar_files, feed_files, opendata_files, version_stubs),
    # Each step reads what the steps before it wrote, so the checks come last.
    steps=(
        Step(".print.step:print_sheets", "公开栏打印页和 PDF"),
        Step(".search.step:index_site", "全文检索索引"),   # the chunked Chinese index under search/
        Step(".publish.sitemap:pin_sitemap", "站点地图"),  # dated by the data, not the build day
        Step(".publish.buildinfo:write_build_info", "构建信息"),  # commit and date, for gongkai publish
        Step(".site.csp:write_header_policy", "内容安全策略"),  # the pages' policy for the nginx header
        Step(".checks.leaks:leak_scan", "个人信息泄露扫描"),  # no unmasked personal number in any file
        Step(".checks.links:check_links", "死链接检查"),     # PDFs and feeds included
    ),
)
