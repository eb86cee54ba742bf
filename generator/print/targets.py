"""Where an item's print page and PDF live, and which items get a PDF.

Imported by the Markdown templates (item pages link here) as well as by the
print step, so it depends on nothing but the item and its notice facts.
"""

from __future__ import annotations

from pathlib import Path

PAPERS = ("A4", "A3")
# print.css and paper-<size>.css: written to print/ beside the sheets.
STYLESHEETS = Path(__file__).parent / "templates"
STYLESHEET_NAMES = ("print.css",) + tuple(f"paper-{paper}.css" for paper in PAPERS)
# Notices go on the board where they are read from a step away; guides are
# handed out at the counter as a leaflet.
DEFAULT_PAPER = {"notice": "A3"}
PDF_KINDS = ("notice", "service")


def paper_for(kind_name: str) -> str:
    return DEFAULT_PAPER.get(kind_name, "A4")


def folder(item) -> str:
    return f"print/{item.kind.name}/{item.slug}"


def page_path(item) -> str:
    """Docs-style path (…/index.md) so the templates' url() turns it into a folder URL."""
    return f"{folder(item)}/index.md"


def html_file(item) -> str:
    return f"{folder(item)}/index.html"


def pdf_path(item) -> str:
    return f"{folder(item)}/{item.slug}.pdf"


def wants_pdf(state, facts) -> bool:
    """Current notices and service guides: what a notice board or counter hands out today."""
    if state.item.kind.name not in PDF_KINDS or not state.in_force:
        return False
    status = facts.status if facts is not None else None
    return status is None or status.state != "已结束"
