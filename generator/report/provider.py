"""PAGE_PROVIDER: /reports/ and one page per data/report/YEAR.yaml.

A report is published when the office writes its YAML (sections 一, 五 and
the application figures cannot come from the catalogue). The files were
checked by `validate_site` before rendering, so a file that fails to load
here cannot happen in a build; it would simply be left out.
"""

from __future__ import annotations

from ..render.pages import LIST_SEARCH, Page, RenderContext
from .build import report_context, report_title
from .load import load_reports


def report_pages(ctx: RenderContext) -> list[Page]:
    reports, _ = load_reports(ctx.site)
    pages = []
    listed = []
    for report in sorted(reports, key=lambda r: r.year, reverse=True):
        title = report_title(ctx.site, report.year, report)
        path = f"reports/{report.year}/index.md"
        listed.append((title, path))
        # The forms need the page's full width: no sidebars beside them (Material's `hide`).
        pages.append(Page(path, "report.md.j2", {"title": title, "hide": ["navigation", "toc"]},
                          {**report_context(ctx.site, report.year, report), "title": title}))
    pages.append(Page("reports/index.md", "reports.md.j2", {"title": "政府信息公开工作年度报告",
                                                         "search": LIST_SEARCH},
                      {"reports": listed}))
    return pages
