"""Hooks into rendering: the files for MkDocs to copy, and the pages that list them."""

from __future__ import annotations

from ..render.pages import LIST_SEARCH, Page, RenderContext
from .files import FOLDER, PACKAGE, build_files


def _built(ctx: RenderContext):
    """The files and their listing, built once per render for the page and the files."""
    if "opendata" not in ctx.memo:
        ctx.memo["opendata"] = build_files(ctx)
    return ctx.memo["opendata"]


def opendata_files(ctx: RenderContext) -> dict[str, bytes]:
    """FILE_PROVIDER: opendata/*.csv, *.json and datapackage.json."""
    files, _ = _built(ctx)
    return files


def opendata_page(ctx: RenderContext) -> list[Page]:
    """PAGE_PROVIDER: /opendata/, with each file's rows, size and data date."""
    _, entries = _built(ctx)
    return [Page(f"{FOLDER}/index.md", "opendata.md.j2", {"title": "开放数据"},
                 {"entries": entries, "package": f"{FOLDER}/{PACKAGE}"})]


def catalog_print_page(ctx: RenderContext) -> list[Page]:
    """PAGE_PROVIDER: /catalog/print/, the 信息公开目录 as one plain table to print."""
    states = sorted(ctx.states, key=lambda s: (s.item.meta.created, s.item.slug), reverse=True)
    return [Page("catalog/print/index.md", "catalog_print.md.j2", {"title": "信息公开目录（打印版）",
                                                                "search": LIST_SEARCH},
                 {"states": states})]
