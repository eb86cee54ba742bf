"""Find a built site's indexable pages and put them in a stable order."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
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


def page_url(path: str) -> str:
    """The URL mkdocs serves a file under ("fees/x/index.html"): directory URLs end in '/'."""
    if path == "index.html":
        return ""
    return path[: -len("index.html")] if path.endswith("/index.html") else path


def _read(site_dir: Path, name: str) -> PageText | None:
    return read_page((site_dir / name).read_text(encoding="utf-8"))


def collect_pages(site_dir: Path, cache: Path | None = None) -> list[Page]:
    """Every indexable page, newest first (page numbers then mean recency), URL to break ties.
    With a `cache` file, pages unchanged since the last build are not read again."""
    names = [name for name in files_under(site_dir, ".html") if name != "404.html"]
    texts = FileCache(cache, [Path(extract.__file__)]).results(
        site_dir, names, lambda changed: forked_map(partial(_read, site_dir), changed))
    pages = [Page(page_url(name), text) for name, text in zip(names, texts) if text is not None]
    # Stable sorts: URL order survives among pages of the same date; undated last.
    pages.sort(key=lambda page: page.text.date, reverse=True)
    return pages
