"""Hooks into rendering: the files for MkDocs to copy, and the pages that list them.

`Page` is imported inside the functions: render/pages.py registers these
providers, so importing it at the top would be circular.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .files import FOLDER, PACKAGE, build_files

if TYPE_CHECKING:
    from ..render.pages import Page, RenderContext


def opendata_files(ctx: RenderContext) -> dict[str, bytes]:
    """FILE_PROVIDER: opendata/*.csv, *.json and datapackage.json."""
    files, _ = build_files(ctx)
    return files


def opendata_page(ctx: RenderContext) -> list[Page]:
    """PAGE_PROVIDER: /opendata/, with each file's rows, size and data date.

    The files are built again here (the page is planned before the files are
    collected); they are small and deterministic, so both builds agree.
    """
    from ..render.pages import Page

    _, entries = build_files(ctx)
    return [Page(f"{FOLDER}/index.md", "opendata.md.j2", {"title": "开放数据"},
                 {"entries": entries, "package": f"{FOLDER}/{PACKAGE}"})]


def catalog_print_page(ctx: RenderContext) -> list[Page]:
    """PAGE_PROVIDER: /catalog/print/, the 信息公开目录 as one plain table to print."""
    from ..render.pages import Page

    states = sorted(ctx.states, key=lambda s: (s.item.meta.created, s.item.slug), reverse=True)
    return [Page("catalog/print/index.md", "catalog_print.md.j2", {"title": "信息公开目录（打印版）"},
                 {"states": states})]
