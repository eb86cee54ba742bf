"""What the sanitiser will take out of a clerk's Markdown, said before the build.

The sanitiser (generator/sanitise.py) makes every page harmless whatever its
source; this check reads the same allowlists so that a clerk learns, with the
line, why some text will vanish. Everything is a warning (issue 18): the sanitiser
removes it from every output anyway; constructs that could run script are named as
such, other HTML the site does not allow (pasted <font>, style="", target="") as
layout that will not show.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

from ..sanitise import (ATTRIBUTE_PREFIXES, ATTRIBUTES, DROPPED_WITH_CONTENT, GENERIC_ATTRIBUTES,
                        RESERVED_ID, RESERVED_PREFIX, TAGS, URL_ATTRIBUTES, URL_SCHEMES)

Finding = tuple[int, str, bool]     # (line within the text, what, could it run script)

# Elements that run, load or submit something, beyond those the sanitiser drops with
# their content.
SCRIPT_TAGS = DROPPED_WITH_CONTENT | {"frame", "frameset", "applet", "link", "meta", "base",
                                      "input", "button", "portal", "animate", "set"}
_ALL_ATTRIBUTES = GENERIC_ATTRIBUTES.union(*ATTRIBUTES.values())
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
# Browsers ignore these inside a scheme: "java\tscript:" is "javascript:".
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")
# attr_list: {: onmouseover="x" } or { #id .class key=value } after a block or a span.
_ATTR_LIST = re.compile(r"\{:?[ \t]*((?:[#.]?[\w\-:]+(?:=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s}]*))?[ \t]*)+)\}")
_ATTR_PAIR = re.compile(r"([\w\-:]+)=(?:\"([^\"\n]*)\"|'([^'\n]*)'|([^\s}]*))")
_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_MD_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)", re.M)
_MD_AUTOLINK = re.compile(r"<([a-z][a-z0-9+.\-]*:[^\s<>]*)>", re.I)
_UNCLOSED_COMMENT = re.compile(r"<!--(?!>|->)(?!.*?-->)", re.S)


def url_problem(url: str) -> tuple[str, bool] | None:
    """(why, could it run script) for a URL the sanitiser drops, or None."""
    plain = _IGNORED_IN_URL.sub("", unescape(url)).lower()
    scheme = _SCHEME.match(plain)
    if scheme is None or scheme.group(1) in URL_SCHEMES:
        return None
    name = scheme.group(1)
    return f"链接地址用了 {name}: 协议（{url.strip()[:30]}）", name in ("javascript", "vbscript", "data")


def attribute_problem(tag: str, name: str, value: str | None) -> Finding | None:
    name = name.lower()
    if name.startswith("on"):
        return 0, f"事件属性 {name}", True
    if name == "id" and value and RESERVED_ID.match(value):
        return 0, f"编号 id=\"{value[:20]}\"（与网页自己的元素同名）", False
    if name in URL_ATTRIBUTES | {"action", "formaction", "xlink:href", "srcdoc", "background"} and value:
        found = url_problem(value)
        if found:
            return 0, found[0], found[1]
        if name in ("srcdoc", "action", "formaction"):
            return 0, f"属性 {name}", True
    allowed = name in GENERIC_ATTRIBUTES or name in ATTRIBUTES.get(tag, ()) \
        or any(name.startswith(prefix) for prefix in ATTRIBUTE_PREFIXES) \
        and not name.startswith(RESERVED_PREFIX)
    if tag == "*":
        allowed = allowed or name in _ALL_ATTRIBUTES
    return None if allowed else (0, f"属性 {name}", False)


class _Finder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Finding] = []

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        if tag in SCRIPT_TAGS:
            self.found.append((line, f"<{tag}> 标签", True))
        elif tag not in TAGS:
            self.found.append((line, f"<{tag}> 标签", False))
        for name, value in attrs:
            found = attribute_problem(tag, name, value)
            if found:
                self.found.append((line, found[1], found[2]))


def unsafe_html(markdown_text: str) -> list[Finding]:
    """Everything in the text that the sanitiser will remove, by line."""
    finder = _Finder()
    # Browsers end a comment at "<!-->" (and "<!--->"); Python's parser would read on.
    # The closing ">" lets it see a tag left open at the very end of the text.
    finder.feed(markdown_text.replace("<!--->", "<!---->").replace("<!-->", "<!---->") + "\n>")
    finder.close()
    found = list(finder.found)

    def line_of(offset: int) -> int:
        return markdown_text.count("\n", 0, offset) + 1

    for match in _UNCLOSED_COMMENT.finditer(markdown_text):
        found.append((line_of(match.start()), "没有结束的注释「<!--」（它后面的文字都不会显示）", False))

    for pattern in (_MD_LINK, _MD_REFERENCE, _MD_AUTOLINK):
        for match in pattern.finditer(markdown_text):
            problem = url_problem(match.group(1))
            if problem:
                found.append((line_of(match.start()), *problem))
    for match in _ATTR_LIST.finditer(markdown_text):
        for pair in _ATTR_PAIR.finditer(match.group(1)):
            value = next((v for v in pair.group(2, 3, 4) if v is not None), "")
            problem = attribute_problem("*", pair.group(1), value)
            if problem:
                found.append((line_of(match.start()), problem[1], problem[2]))
    return sorted(set(found))
