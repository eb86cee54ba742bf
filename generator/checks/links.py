"""No dead links: every internal link and #anchor of the built site resolves.

Runs after `mkdocs build` on the staged site. Each HTML file is parsed once
(html.parser) for its ids and its links; then every href/src that stays on
the site — relative, root-absolute, or absolute on base_url's host — must
name an existing file (a folder means its index.html) and, with a #fragment,
an id in that page. Other hosts, mailto:, tel: and the like are not checked.

What the generator's templates link is right by construction: they make every
relative link from the pages and files the site has (render/environment.py's url()
fails the render otherwise). So in a generated page's content the check reads only
what a clerk wrote: a body or introduction (in its `gk-body` box), and a link no
template made (an absolute address from the data, such as a contact's website). The
theme around the content, the clerk's own content/ pages and every page not rendered
from the data are read whole.

A page that forwards elsewhere (a version's stub, generator/stubs) carries the
fragment along, so an anchor into it must be an id of the page it forwards to.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass, field
from html import unescape
from itertools import accumulate, compress
from pathlib import Path
from typing import TYPE_CHECKING, Callable
from urllib.parse import unquote, urlsplit

from ..cache.files import read_results
from ..cache.store import Store
from ..problems import Problem
from ..render.pages import FRONT_MATTER_READ, is_generated
from ..walk import files_under
from .sources import Origin, origins, written_at

if TYPE_CHECKING:
    from ..context import BuildContext

LINK_ATTRS = {"href", "src"}
# Anchors that browsers resolve without an element: the top of the page.
TOP_ANCHORS = {"", "top"}


@dataclass
class ParsedPage:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, int]] = field(default_factory=list)    # (url, line)
    forward: str | None = None      # the URL a meta refresh goes to


@dataclass
class LinkedPage:
    """A page's ids, its links that stay on the site: (url, line, target, fragment),
    and the target it forwards to, if it does."""

    ids: set[str]
    links: list[tuple[str, int, str, str]]
    forward: str | None = None

    def __setstate__(self, state: dict) -> None:
        # Pages arrive pickled (from the workers and the cache), each with copies of its
        # own; but the theme's links and ids repeat on every page. At 10,000 items there
        # are 1.6 million links, 384,000 of them distinct, and sharing those kept the
        # check's memory from growing by half a gigabyte.
        self.ids = {_shared(name) for name in state["ids"]}
        self.links = [_shared_link(link) for link in state["links"]]
        self.forward = state["forward"]


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
# Where Material puts a page's content, and the box of a clerk's text in it (_macros.md.j2).
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_CLERK_BOX = re.compile(r'<div class="gk-body">')
_DIV = re.compile(r"<(/?)div\b", re.I)
_ADDRESS = re.compile(r"^\s*(?:[a-zA-Z][\w+.-]*:|/)")    # a scheme, or the site's root
_REFRESH = re.compile(r"""<meta\s+http-equiv=["']?refresh["']?\s+content=["']\d+\s*;\s*url=([^"']*)""",
                      re.I)


def _generated_spans(text: str) -> list[tuple[int, int]]:
    """The stretches of a generated page's content that templates wrote: its article
    without the clerk boxes."""
    article = _ARTICLE.search(text)
    if not article:
        return []
    spans, start = [], article.start(1)
    for box in _CLERK_BOX.finditer(text, article.start(1), article.end(1)):
        if box.start() < start:
            continue            # a box inside a box
        depth, end = 0, article.end(1)
        for div in _DIV.finditer(text, box.start(), article.end(1)):
            depth += -1 if div.group(1) else 1
            if depth == 0:
                end = div.end()
                break
        spans.append((start, box.start()))
        start = end
    spans.append((start, article.end(1)))
    return spans


def _made_by_template(value: str, position: int, spans: list[tuple[int, int]]) -> bool:
    return not _ADDRESS.match(value) and any(a <= position < b for a, b in spans)


class TagPieces:
    """The ids and links of each distinct piece of a page, parsed once.

    A page is cut after each ">\\n". A tag (`_TAG`) ends at the first ">" after its "<",
    so none reaches across a cut, and the tag scan, resuming after each tag's ">", meets
    the same tags in a piece as in the whole page: a page's tags are its pieces' tags, in
    order. Most pieces are the theme's, the same on every page of a folder depth.
    """

    CUT = ">\n"
    REMEMBERED = 16_384     # characters: longer pieces rarely repeat

    def __init__(self) -> None:
        self.seen: dict[str, tuple[tuple[int, bool, str], ...]] = {}

    def tags(self, text: str) -> list[tuple[int, bool, str]]:
        """(position, whether an id (else a link), value) of each wanted attribute."""
        parts = text.split(self.CUT)
        last = parts.pop()
        found = list(map(self.seen.get, parts))
        if None in found:
            found = [self._parsed(parts[index]) if known is None else known
                     for index, known in enumerate(found)]
        parts.append(last)
        found.append(_piece_tags(last))
        # Where each piece starts; only the pieces with tags are visited (most have none).
        starts = list(accumulate(map(len, parts), initial=0))
        return [(starts[index] + index * len(self.CUT) + offset, is_id, value)
                for index in compress(range(len(found)), found)
                for offset, is_id, value in found[index]]

    def _parsed(self, part: str) -> tuple[tuple[int, bool, str], ...]:
        known = _piece_tags(part + self.CUT)
        if len(part) <= self.REMEMBERED:
            self.seen[part] = known
        return known


def _piece_tags(text: str) -> tuple[tuple[int, bool, str], ...]:
    found = []
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
                found.append((tag.start(), True, value))
            elif key in LINK_ATTRS and name != "base":
                found.append((tag.start(), False, value))
    return tuple(found)


def parse_html(text: str, generated: bool = False, pieces: TagPieces | None = None) -> ParsedPage:
    """A page's ids and links; of a `generated` page's content, only the links
    templates did not make (see the module's note). `pieces` remembers what pages share."""
    page = ParsedPage()
    refresh = _REFRESH.search(text, 0, max(text.find("</head>"), 0))
    if refresh:
        page.forward = unescape(refresh.group(1))
    # Blank out skipped spans but keep their newlines, so line numbers stay right.
    text = _SKIP.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    spans = _generated_spans(text) if generated else []
    line, counted = 1, 0
    for position, is_id, value in (pieces or TagPieces()).tags(text):
        if is_id:
            page.ids.add(value)
        elif not (spans and _made_by_template(value, position, spans)):
            line += text.count("\n", counted, position)
            counted = position
            page.links.append((value, line))
    return page


def _text(data: bytes) -> str:
    """A page's text as a file opened in text mode reads it: line numbers count
    "\r\n" and a lone "\r" as one line break each."""
    text = data.decode("utf-8", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


Locate = Callable[[str, str], "tuple[int, int, str, str] | None"]


def check_folder(site_dir: Path, base_url: str = "/",
                 source: Callable[[str], str] | None = None,
                 cache: Store | None = None,
                 generated: Callable[[str], bool] = lambda page: False,
                 locate: Locate = lambda page, url: None) -> list[Problem]:
    """Dead links and anchors in every HTML file under site_dir, as Problems.
    `source` names the file the clerk edits for a built page (default: the page);
    `cache` keeps each page's links and ids by its name and bytes (cache/files.py);
    `generated` says which pages the templates wrote (their links are not read again);
    `locate` finds where in that file a link the page shows was written (line, column,
    as written, the line), so a mistake shown on several pages is reported once there."""
    source = source or (lambda page: f"site/{page}")
    pages = parse_all(site_dir, base_url, cache, generated)
    exists: dict[str, str | None] = {}     # target → file; pages share most links
    problems: dict[tuple, Problem] = {}

    def dead(rel: str, line: int, url: str, what: str) -> None:
        where = locate(rel, url)
        if where is None:
            problems[(rel, line, url)] = _dead(source(rel), rel, line, url, what)
            return
        row, column, written, text = where
        problems.setdefault((source(rel), row, column), Problem(
            source(rel), row, "链接", f"死链接「{written}」：{what}（网页 {rel} 上）", _FIX,
            column=column, source=text))

    for rel, page in pages.items():
        for url, line, target, fragment in page.links:
            if target not in exists:
                exists[target] = _existing(site_dir, target, pages)
            found = exists[target]
            if found is None:
                dead(rel, line, url, f"指向的页面或文件「/{target}」不存在")
            elif fragment not in TOP_ANCHORS and found in pages:
                shown = _forwarded(site_dir, found, pages)
                if shown is not None and fragment not in pages[shown].ids:
                    dead(rel, line, url, f"指向的锚点「#{fragment}」在「{shown}」里不存在")
    return list(problems.values())


def _forwarded(site_dir: Path, found: str, pages: dict[str, LinkedPage]) -> str | None:
    """The page a reader of `found` ends on: itself, or the page it forwards to (one
    step: stubs forward to pages). None when that is not a page of the site, which
    the forwarding page's own link to it reports."""
    forward = pages[found].forward
    if forward is None:
        return found
    shown = _existing(site_dir, forward, pages)
    return shown if shown in pages else None


def parse_all(site_dir: Path, base_url: str = "/", cache: Store | None = None,
              generated: Callable[[str], bool] = lambda page: False) -> dict[str, LinkedPage]:
    """Every HTML file parsed once and its links resolved, on all CPU cores; pages
    the cache has seen (same name, same bytes) are not parsed again."""
    names = files_under(site_dir, ".html")
    base = urlsplit(base_url)
    resolve = _resolver(base, base.path if base.path.endswith("/") else base.path + "/")

    flags = {rel: generated(rel) for rel in names}
    pieces = TagPieces()        # each worker remembers the theme's pieces it parsed

    def linked(rel: str, data: bytes) -> LinkedPage:
        parsed = parse_html(_text(data), flags[rel], pieces)
        folder = posixpath.dirname(rel)
        resolved = [(url, line, resolve(rel, folder, url)) for url, line in parsed.links]
        forward = resolve(rel, folder, parsed.forward) if parsed.forward is not None else None
        return LinkedPage(parsed.ids, [(url, line, *target) for url, line, target in resolved
                                       if target is not None], forward and forward[0])

    # Resolved links depend on the base URL too, and what is read of a page on
    # whether the templates wrote it.
    found: dict[str, LinkedPage] = {}
    for flag in (False, True):
        group = [rel for rel in names if flags[rel] is flag]
        found.update(zip(group, read_results(cache, site_dir, group, linked,
                                             f"{base_url}\0{flag}", chunksize=64)))
    return {rel: found[rel] for rel in names}


def check_links(ctx: "BuildContext") -> list[Problem]:
    cache = ctx.file_store("links")
    origin = origins(ctx)

    def locate(page: str, url: str) -> tuple[int, int, str, str] | None:
        found = origin(page)
        return written_at(ctx.root, found, page, url) if found else None
    problems = check_folder(ctx.site_dir, ctx.site.config.base_url, _sources(origin, ctx.root), cache,
                            _generated(ctx.root / "build/docs"), locate)
    cache.save()
    return problems


def _generated(docs: Path) -> Callable[[str], bool]:
    """Built page → whether the templates wrote it: its Markdown in build/docs says so
    in its front matter (pages copied from content/ do not)."""
    def generated(page: str) -> bool:
        folder = page.removesuffix("index.html").rstrip("/")
        for doc in ([f"{folder}/index.md", f"{folder}.md"] if folder else ["index.md"]):
            try:
                # Bytes, unbuffered (a text file's decoder cost more than the read): the
                # front matter's start is ASCII, as many bytes as characters.
                with open(os.path.join(docs, doc), "rb", buffering=0) as file:
                    head = file.read(FRONT_MATTER_READ)
            except (FileNotFoundError, NotADirectoryError):
                continue
            return is_generated(head.decode("utf-8", errors="replace"))
        return False
    return generated


def _sources(origin: Callable[[str], Origin | None], root: Path) -> Callable[[str], str]:
    """Built page → the file to fix: its data file, else the rendered Markdown."""
    def source(page: str) -> str:
        found = origin(page)
        if found:
            return found.file
        folder = page.removesuffix("index.html").rstrip("/")
        for doc in ([f"{folder}/index.md", f"{folder}.md"] if folder else ["index.md"]):
            if (root / "build/docs" / doc).is_file():
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


_FIX = "请修改这个文件里的链接，让它指向存在的页面、文件和标题"


def _dead(source: str, page: str, line: int, url: str, what: str) -> Problem:
    return Problem(source, None, "链接", f"网页 {page}（第{line}行）的死链接「{url}」：{what}", _FIX)
