"""Markdown bodies may hold simple HTML, but nothing that can run script."""

from __future__ import annotations

import re
from html.parser import HTMLParser

UNSAFE_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "form",
               "input", "button", "textarea", "select", "style", "link", "meta", "base", "svg",
               "math", "template"}
UNSAFE_URL = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.I)
MD_LINK_URL = re.compile(r"\]\(\s*<?\s*((?:javascript|vbscript|data)\s*:[^)\s]*)", re.I)


class _Finder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        if tag in UNSAFE_TAGS:
            self.found.append((line, f"<{tag}> 标签"))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((line, f"事件属性 {name}"))
            elif name in ("href", "src", "action", "formaction", "xlink:href") and value \
                    and UNSAFE_URL.match(value):
                self.found.append((line, f"{name}=\"{value[:20]}…\" 脚本链接"))


def unsafe_html(markdown_text: str) -> list[tuple[int, str]]:
    """(line within the text, what) for every construct that could run script."""
    finder = _Finder()
    finder.feed(markdown_text)
    finder.close()
    found = list(finder.found)
    for match in MD_LINK_URL.finditer(markdown_text):
        line = markdown_text.count("\n", 0, match.start()) + 1
        found.append((line, f"链接地址 {match.group(1)[:20]}…"))
    return sorted(set(found))
