"""No dead links: every internal link and #anchor of the built site resolves.

Runs after `mkdocs build` on the staged site. Each HTML file is parsed once
(html.parser) for its ids and its links; then every href/src that stays on
the site — relative, root-absolute, or absolute on base_url's host — must
name an existing file (a folder means its index.html) and, with a #fragment,
an id in that page. Other hosts, mailto:, tel: and the like are not checked.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from typing import TYPE_CHECKING, Callable
from urllib.parse import unquote, urlsplit

from ..filecache import CACHE_DIR, FileCache
from ..problems import Problem
from ..walk import files_under
from ..workers import forked_map
from .sources import data_source

if TYPE_CHECKING:
    from ..context import BuildContext

LINK_ATTRS = {"href", "src"}
# Anchors that browsers resolve without an element: the top of the page.
TOP_ANCHORS = {"", "top"}


@dataclass
class ParsedPage:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, int]] = field(default_factory=list)    # (url, line)


@dataclass
class LinkedPage:
    """A page's ids and its links that stay on the site: (url, line, target, fragment)."""

    ids: set[str]
    links: list[tuple[str, int, str, str]]

    def __setstate__(self, state: dict) -> None:
        # Pages arrive pickled (from the workers and the cache), each with copies of its
        # own; but the theme's links and ids repeat on every page. At 10,000 items there
        # are 1.6 million links, 384,000 of them distinct, and sharing those kept the
        # check's memory from growing by half a gigabyte.
        self.ids = {_shared(name) for name in state["ids"]}
        self.links = [_shared_link(link) for link in state["links"]]


_SHARED: dict = {}     # for the life of the process; a build checks links in a child of its own


def _shared(value):
    return _SHARED.setdefault(value, value)


def _shared_link(link: tuple) -> tuple:
    found = _SHARED.get(link)
    if found is None:
        found = _SHARED[link] = tuple(_shared(part) for part in link)
    return found


# A regex scan instead of html.parser: MkDocs writes well-formed HTML, and parsing
# every page of a 10,000-item site with html.parser took most of a minute.
_SKIP = re.compile(r"<!--.*?-->|<(script|style)\b[^>]*>.*?</\1\s*>", re.S | re.I)
_TAG = re.compile(r"<([a-zA-Z][\w:-]*)(\s[^>]*)?>")
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_NAMES = LINK_ATTRS | {"id", "name"}     # the attributes read
_HAS_NAMES = re.compile(r"(?<![\w:-])(?:href|src|id|name)\s*=", re.I)


def parse_html(text: str) -> ParsedPage:
    page = ParsedPage()
    # Blank out skipped spans but keep their newlines, so line numbers stay right.
    text = _SKIP.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    line, counted = 1, 0
    for tag in _TAG.finditer(text):
        attributes = tag.group(2)
        # Most tags (class, aria-…, data-…) hold none of the attributes wanted here.
        if not attributes or not _HAS_NAMES.search(attributes):
            continue
        name = tag.group(1).lower()
        for key, double, single, bare in _ATTR.findall(attributes):
            key = key.lower()
            if key not in _NAMES:
                continue
            value = unescape(double or single or bare)
            if key == "id" or (key == "name" and name == "a"):
                page.ids.add(value)
            elif key in LINK_ATTRS and name != "base":
                line += text.count("\n", counted, tag.start())
                counted = tag.start()
                page.links.append((value, line))
    return page


def parse_page(path: Path) -> ParsedPage:
    return parse_html(path.read_text(encoding="utf-8", errors="replace"))


def check_folder(site_dir: Path, base_url: str = "/",
                 source: Callable[[str], str] | None = None,
                 cache: Path | None = None) -> list[Problem]:
    """Dead links and anchors in every HTML file under site_dir, as Problems.
    `source` names the file the clerk edits for a built page (default: the page);
    `cache` keeps each page's links and ids between builds (see generator.filecache)."""
    source = source or (lambda page: f"site/{page}")
    pages = parse_all(site_dir, base_url, cache)
    exists: dict[str, str | None] = {}     # target → file; pages share most links
    problems = []
    for rel, page in pages.items():
        for url, line, target, fragment in page.links:
            if target not in exists:
                exists[target] = _existing(site_dir, target, pages)
            found = exists[target]
            if found is None:
                problems.append(_dead(source(rel), rel, line, url,
                                      f"指向的页面或文件「/{target}」不存在"))
            elif fragment not in TOP_ANCHORS and found in pages and fragment not in pages[found].ids:
                problems.append(_dead(source(rel), rel, line, url,
                                      f"指向的锚点「#{fragment}」在「{found}」里不存在"))
    return problems


def parse_all(site_dir: Path, base_url: str = "/",
              cache: Path | None = None) -> dict[str, LinkedPage]:
    """Every HTML file parsed once and its links resolved, on all CPU cores; pages
    unchanged since the cache was written are not parsed again."""
    names = files_under(site_dir, ".html")
    base = urlsplit(base_url)
    resolve = _resolver(base, base.path if base.path.endswith("/") else base.path + "/")

    def linked(rel: str) -> LinkedPage:
        parsed = parse_page(site_dir / rel)
        folder = posixpath.dirname(rel)
        resolved = [(url, line, resolve(rel, folder, url)) for url, line in parsed.links]
        return LinkedPage(parsed.ids, [(url, line, *target) for url, line, target in resolved
                                       if target is not None])

    # Resolved links depend on the base URL too.
    found = FileCache(cache, [Path(__file__)], settings=base_url).results(
        site_dir, names, lambda changed: forked_map(linked, changed, chunksize=64))
    return dict(zip(names, found))


def check_links(ctx: "BuildContext") -> list[Problem]:
    return check_folder(ctx.site_dir, ctx.site.config.base_url, _sources(ctx),
                        ctx.root / CACHE_DIR / "links.pickle")


def _sources(ctx: "BuildContext") -> Callable[[str], str]:
    """Built page → the file to fix: its data file, else the rendered Markdown."""
    data = data_source(ctx)

    def source(page: str) -> str:
        found = data(page)
        if found:
            return found
        folder = page.removesuffix("index.html").rstrip("/")
        for doc in ([f"{folder}/index.md", f"{folder}.md"] if folder else ["index.md"]):
            if (ctx.root / "build/docs" / doc).is_file():
                return f"build/docs/{doc}"
        return f"site/{page}"
    return source


def _resolver(base, base_path: str) -> Callable[[str, str, str], tuple[str, str] | None]:
    """_resolve, remembering the links that repeat on many pages (the theme's).
    A page's links to itself and its own folder are not kept: remembering every
    link of a 10,000-item site grew each worker by 150 MB."""
    known: dict[tuple, tuple[str, str] | None] = {}

    def resolve(page: str, folder: str, url: str) -> tuple[str, str] | None:
        parts = urlsplit(url.strip())
        depth = folder.count("/") + 1 if folder else 0
        if not parts.path:
            return _resolve(page, url, base, base_path)     # "#top": its own page
        if parts.scheme or parts.netloc or parts.path.startswith("/"):
            key: tuple = (None, url)        # the same from every page
        elif url.startswith("../" * depth):
            key = (depth, url)              # climbs to the root: the same from this depth
        else:
            return _resolve(page, url, base, base_path)
        if key not in known:
            known[key] = _resolve(page, url, base, base_path)
        return known[key]
    return resolve


def _resolve(page: str, url: str, base, base_path: str) -> tuple[str, str] | None:
    """(site-relative target, fragment) of a link on `page`; None when it leaves the site.
    A target outside the site's folder is kept with a leading "../" so it counts as dead."""
    parts = urlsplit(url.strip())
    if parts.scheme or parts.netloc:
        if parts.scheme not in ("http", "https", "") or parts.netloc != base.netloc:
            return None
    path, fragment = unquote(parts.path), unquote(parts.fragment)
    if path.startswith("/"):
        if not (path + "/").startswith(base_path):
            return "../" + path.lstrip("/"), fragment
        target = path[len(base_path):]
    elif path:
        target = posixpath.join(posixpath.dirname(page), path)
    else:
        return page, fragment       # "#anchor" or "?query": this page
    folder = target.endswith("/")
    target = posixpath.normpath(target) if target else "."
    if target == ".":
        return "", fragment
    return target + ("/" if folder else ""), fragment


def _existing(site_dir: Path, target: str, pages: dict[str, LinkedPage]) -> str | None:
    """The site-relative file a target names, or None; a folder means its index.html.
    Most targets are pages, which need no look at the disk."""
    page = target.rstrip("/") + "/index.html" if target else "index.html"
    if target in pages or page in pages:
        return target if target in pages else page
    if target.startswith("../") or target == "..":
        return None
    path = site_dir / target if target else site_dir
    if path.is_dir():
        path = path / "index.html"
    if not path.is_file():
        return None
    return path.relative_to(site_dir).as_posix()


def _dead(source: str, page: str, line: int, url: str, what: str) -> Problem:
    return Problem(source, None, "链接",
                   f"网页 {page}（第{line}行）的死链接「{url}」：{what}",
                   "请修改这个文件里的链接，让它指向存在的页面、文件和标题")
