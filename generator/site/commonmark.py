"""The fast engine for the pages gongkai generates: CommonMark plus raw HTML, in Rust.

A generated page says `markup: commonmark` in its front matter; its Markdown is
written so that markdown-it-pyrs makes of it what Python-Markdown with the site's
extensions would (headings that need ids are raw `<h2 id="…">`), at a twentieth of
the cost. What MkDocs learns from Python-Markdown while converting — the table of
contents, the title from a leading h1, the ids a link may point to — is read here
from the HTML. Links are not rewritten: the templates write final URLs from the
page registry, and the link check reads the built site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

from markdown_it_pyrs import MarkdownIt

MARKER = ("markup", "commonmark")     # the front-matter entry that selects this engine

# Built once per process; forked workers inherit it. "commonmark" keeps raw HTML.
_ENGINE = MarkdownIt("commonmark").enable("table")
_HEADING = re.compile(r"<h([1-6])((?:\s[^>]*)?)>(.*?)</h\1\s*>", re.S | re.I)
_ID = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)
_ANCHOR_NAME = re.compile(r"""<a\s[^>]*?\bname\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.S)


@dataclass
class Converted:
    html: str
    toc: list[dict]              # Python-Markdown's toc tokens: level, id, name, children
    title: str | None            # the text of a leading h1 (HTML, entities kept)
    anchor_ids: set[str]


def is_marked(meta: dict) -> bool:
    return meta.get(MARKER[0]) == MARKER[1]


def convert(markdown: str) -> Converted:
    html = _ENGINE.render(markdown)
    headings = [(int(level), _attribute_id(attrs), _text(inner))
                for level, attrs, inner in _HEADING.findall(html)]
    leading = _HEADING.match(html.lstrip())
    title = _text(leading.group(3)) if leading and leading.group(1) == "1" else None
    return Converted(html, _nest([(level, id_, name) for level, id_, name in headings if id_]),
                     title, _anchor_ids(html))


def _attribute_id(attrs: str) -> str | None:
    found = _ID.search(attrs)
    return unescape(next(g for g in found.groups() if g is not None)) if found else None


def _text(inner: str) -> str:
    """As MkDocs gives a heading's text: tags dropped, entities kept, spaces collapsed."""
    return " ".join(_TAG.sub("", inner).split())


def _anchor_ids(html: str) -> set[str]:
    """Every id in the page, and <a name>: what a link's #fragment may point to."""
    found = {unescape(next(g for g in match.groups() if g is not None))
             for match in _ID.finditer(html)}
    return found | {unescape(match.group(1) or match.group(2) or "")
                    for match in _ANCHOR_NAME.finditer(html)}


def _nest(headings: list[tuple[int, str, str]]) -> list[dict]:
    """Headings as a tree, each under the nearest earlier one of a higher level."""
    top: list[dict] = []
    open_: list[dict] = []
    for level, id_, name in headings:
        token = {"level": level, "id": id_, "name": name, "children": []}
        while open_ and open_[-1]["level"] >= level:
            open_.pop()
        (open_[-1]["children"] if open_ else top).append(token)
        open_.append(token)
    return top
