"""Find a built site's indexable pages and put them in a stable order."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.filecache import FileCache
from generator.search import extract
from generator.search.extract import PageText, read_page
from generator.walk import files_under
from generator.workers import forked_map


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


def _read(file: Path) -> PageText | None:
    return read_page(file.read_text(encoding="utf-8"))


def collect_pages(site_dir: Path, cache: Path | None = None) -> list[Page]:
    """Every indexable page, newest first (page numbers then mean recency), URL to break ties.
    With a `cache` file, pages unchanged since the last build are not read again."""
    files = [f for f in files_under(site_dir, ".html")
             if f.relative_to(site_dir).as_posix() != "404.html"]
    texts = FileCache(cache, [Path(extract.__file__)]).results(
        site_dir, files, lambda changed: forked_map(_read, changed))
    pages = [Page(page_url(file.relative_to(site_dir)), text)
             for file, text in zip(files, texts) if text is not None]
    # Stable sorts: URL order survives among pages of the same date; undated last.
    pages.sort(key=lambda page: page.text.date, reverse=True)
    return pages
