"""Find a built site's indexable pages and put them in a stable order."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.search.extract import PageText, read_page

@dataclass(frozen=True)
class Page:
    url: str  # relative to the site root, as the site links it ("fees/x/")
    text: PageText


def page_url(relative: Path) -> str:
    """The URL mkdocs serves a file under: directory URLs end in '/'."""
    path = relative.as_posix()
    if path == "index.html":
        return ""
    return path[: -len("index.html")] if path.endswith("/index.html") else path


def collect_pages(site_dir: Path) -> list[Page]:
    """Every indexable page, newest first (page numbers then mean recency), URL to break ties."""
    pages = []
    for file in sorted(site_dir.rglob("*.html")):
        relative = file.relative_to(site_dir)
        if relative.as_posix() == "404.html":
            continue
        text = read_page(file.read_text(encoding="utf-8"))
        if text is not None:
            pages.append(Page(page_url(relative), text))
    # Stable sorts: URL order survives among pages of the same date; undated last.
    pages.sort(key=lambda page: page.text.date, reverse=True)
    return pages
