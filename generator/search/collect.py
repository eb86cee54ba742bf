"""Find a built site's indexable pages and put them in a stable order."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from generator.cache.files import file_results
from generator.cache.store import Store
from generator.search.extract import PageText, read_page
from generator.walk import files_under
from generator.workers import forked_map


@dataclass(frozen=True)
class Page:
    url: str  # relative to the site root, as the site links it ("fees/x/")
    text: PageText
    continues: bool = False  # of the same document as the page before it


def page_url(path: str) -> str:
    """The URL mkdocs serves a file under ("fees/x/index.html"): directory URLs end in '/'."""
    if path == "index.html":
        return ""
    return path[: -len("index.html")] if path.endswith("/index.html") else path


def _read(site_dir: Path, name: str) -> PageText | None:
    return read_page((site_dir / name).read_text(encoding="utf-8"))


def collect_pages(site_dir: Path, cache: Store | None = None) -> list[Page]:
    """Every indexable page in document order. With a `cache`, pages it has seen
    (same name, same bytes) are not read again.

    Documents come newest first (page numbers then mean recency), undated ones last and
    URL order among equals; a document's own page comes first, then its versions (pages
    whose `of` names it), newest first. So search finds a document's pages together, and
    the lowest-numbered page of a document it found is the one to show."""
    names = [name for name in files_under(site_dir, ".html") if name != "404.html"]
    texts = file_results(cache, site_dir, names,
                         lambda changed: forked_map(partial(_read, site_dir), changed))
    pages = [Page(page_url(name), text) for name, text in zip(names, texts) if text is not None]
    # Stable sorts: URL order survives among pages of the same date.
    pages.sort(key=lambda page: page.text.date, reverse=True)
    urls = {page.url for page in pages}

    def owner(page: Page) -> str | None:
        of = page.text.of
        return of if of and of != page.url and of in urls else None

    versions: dict[str, list[Page]] = {}
    for page in pages:
        if owner(page):
            versions.setdefault(owner(page), []).append(Page(page.url, page.text, True))
    return [member for page in pages if not owner(page)
            for member in [page, *versions.get(page.url, [])]]
