"""Read one built page: its searchable title, text and facets.

The contract with the page templates: the text is Material's
`<article class="md-content__inner">` minus elements marked `data-search-skip`;
the title is the first `<h1>` (else `<title>`); facets come from
`<meta name="gongkai:kind|date|status">`; `gongkai:of` names the page of the
document a version page belongs to, `gongkai:role` = "list" marks lists and
catalogues; `<meta name="robots" content="noindex">` keeps a page out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

DEFAULT_KIND = "其他"

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
         "source", "track", "wbr"}
_BLOCK = {"address", "article", "aside", "blockquote", "br", "caption", "dd", "details",
          "div", "dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4",
          "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
          "summary", "table", "td", "th", "tr", "ul"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}   # an h1 after the first is a heading
_NEVER_TEXT = {"script", "style", "svg", "template", "noscript", "button"}
# Material's permalink pilcrows and edit/view buttons are chrome, not content.
_CHROME_CLASSES = {"headerlink", "md-content__button"}
_SPACE_RUN = re.compile(r"\s+")
_META = re.compile(r"<meta\s[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r'([\w:-]+)\s*=\s*"([^"]*)"')
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_ATTRIBUTE_ANY = re.compile(r"""([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
# What is not text: a comment, a tag (closing?, name, attributes) or a stray "<".
# Every "<" starts one, so the text between two is all the text there.
_TOKENS = re.compile(r"""(<!--.*?(?:-->|$)|<(/?)([a-zA-Z][a-zA-Z0-9-]*)"""
                     r"""((?:[^>"']|"[^"]*"|'[^']*')*)>|<!?[^<]*)""", re.DOTALL)
_RAW_TEXT = {"script", "style", "textarea"}
_ARTICLE_OPEN = re.compile(r'<article\b[^>]*class="[^"]*\bmd-content__inner\b')


@dataclass(frozen=True)
class PageText:
    title: str
    body: str
    kind: str
    date: str
    status: str
    of: str = ""    # URL of the document's own page, on a version page
    headings: str = ""  # the other headings' text (also in the body), for ranking
    role: str = ""  # "list" on lists, catalogues and 更新记录


def _head(html: str) -> tuple[dict[str, str], str]:
    """Named meta tags and the <title>; a regex suffices for mkdocs' own output and
    is much faster than parsing Material's long head."""
    end = html.find("</head>")
    head = html[:end] if end >= 0 else html
    meta = {}
    for tag in _META.findall(head):
        attributes = {name.lower(): unescape(value) for name, value in _ATTRIBUTE.findall(tag)}
        if attributes.get("name"):
            meta[attributes["name"].lower()] = attributes.get("content", "").strip()
    title = _TITLE.search(head)
    return meta, unescape(title.group(1)) if title else ""


class _ArticleText:
    """The article's text; the first h1 goes to `title_parts` instead of the body, and
    the other headings' text to `heading_parts` as well as the body."""

    def __init__(self) -> None:
        self.title_parts: list[str] = []
        self.body_parts: list[str] = []
        self.heading_parts: list[str] = []
        self._open: list[str] = []
        self._hidden_from: int | None = None  # stack depth where a skipped element began
        self._h1_from: int | None = None
        self._h1_done = False
        self._heading_from: int | None = None

    def _sink(self) -> list[str]:
        return self.title_parts if self._h1_from is not None else self.body_parts

    def start(self, tag: str, attributes: str) -> None:
        if tag in _BLOCK:
            self._sink().append("\n")
        if tag in _VOID or attributes.endswith("/"):
            return
        self._open.append(tag)
        if self._hidden_from is None:
            if tag in _NEVER_TEXT or (("class" in attributes or "data-search-skip" in attributes)
                                      and _is_skipped(attributes)):
                self._hidden_from = len(self._open)
            elif tag == "h1" and not self._h1_done and self._h1_from is None:
                self._h1_from = len(self._open)
            elif tag in _HEADINGS and self._heading_from is None and self._h1_from is None:
                self._heading_from = len(self._open)
                self.heading_parts.append("\n")

    def end(self, tag: str) -> None:
        if tag not in self._open:
            return
        while self._open:
            depth = len(self._open)
            closed = self._open.pop()
            if self._hidden_from == depth:
                self._hidden_from = None
            if self._h1_from == depth:
                self._h1_from, self._h1_done = None, True
            if self._heading_from == depth:
                self._heading_from = None
            if closed == tag:
                break
        if tag in _BLOCK:
            self._sink().append("\n")

    def text(self, data: str) -> None:
        if self._hidden_from is None:
            data = unescape(data) if "&" in data else data
            self._sink().append(data)
            if self._heading_from is not None:
                self.heading_parts.append(data)

    def feed(self, html: str) -> None:
        # A regex tokenizer: mkdocs writes well-formed HTML, and html.parser was the
        # slowest part of indexing 10,000 pages. re.split finds the tags in C; a
        # raw-text element's content (script, style) is skipped, the rest split again.
        resume: int | None = 0
        while resume is not None:
            resume = self._feed_from(html, resume)

    def _feed_from(self, html: str, start: int) -> int | None:
        """The tokens of html from `start`; where to go on after a raw-text element's
        content, or None at the end."""
        pieces = _TOKENS.split(html[start:] if start else html)
        text, start_tag, end_tag = self.text, self.start, self.end
        if pieces[0]:
            text(pieces[0])
        at = start + len(pieces[0])
        for index in range(1, len(pieces), 5):
            whole, close, tag, attributes, data = pieces[index:index + 5]
            at += len(whole) + len(data)
            if tag is not None:
                tag = tag.lower()
                if close:
                    end_tag(tag)
                else:
                    start_tag(tag, attributes.strip())
                    if tag in _RAW_TEXT:
                        closing = html.lower().find(f"</{tag}", at - len(data))
                        return None if closing < 0 else closing
            if data:
                text(data)
        return None


def _is_skipped(attributes: str) -> bool:
    names = {name.lower(): value for name, value in _ATTRIBUTE_ANY.findall(attributes)}
    classes = set(names.get("class", "").strip("\"'").split())
    return "data-search-skip" in names or bool(classes & _CHROME_CLASSES)


def _squeeze(parts: list[str]) -> str:
    return _SPACE_RUN.sub(" ", "".join(parts)).strip()


def _article_html(html: str) -> str:
    """The article element's source, found by balancing its open and close tags."""
    match = _ARTICLE_OPEN.search(html)
    if match is None:
        return ""
    depth, cursor = 0, match.start()
    while True:
        next_open = html.find("<article", cursor + 1)
        next_close = html.find("</article>", cursor + 1)
        if next_close < 0:
            return html[match.start():]
        if 0 <= next_open < next_close:
            depth, cursor = depth + 1, next_open
        elif depth:
            depth, cursor = depth - 1, next_close
        else:
            return html[match.start():next_close + len("</article>")]


def read_page(html: str) -> PageText | None:
    """The page's searchable parts, or None when the page asks not to be indexed."""
    meta, head_title = _head(html)
    if "noindex" in meta.get("robots", "").lower():
        return None
    article = _ArticleText()
    article.feed(_article_html(html))
    return PageText(
        title=_squeeze(article.title_parts) or _squeeze([head_title]),
        body=_squeeze(article.body_parts),
        kind=meta.get("gongkai:kind") or DEFAULT_KIND,
        date=meta.get("gongkai:date", ""),
        status=meta.get("gongkai:status", ""),
        headings=_squeeze(article.heading_parts),
        of=meta.get("gongkai:of", ""),
        role=meta.get("gongkai:role", ""),
    )
