"""MkDocs' warnings about links, in the clerk's words and at the file the clerk wrote.

The links a clerk writes in a body or in content/ are checked by MkDocs, which
speaks English and names the generated page; the common cases are said again in
Chinese at the data file (or content/ page) the link came from, the rest is
kept as MkDocs wrote it after a Chinese lead.
"""

from __future__ import annotations

import re
from pathlib import Path

_ITEM_PAGE = re.compile(r"^(policies|fees|subsidies|services|notices)/([a-z0-9-]+)/")
_PAGE = re.compile(r"^Doc file '([^']*)'")
_SUGGESTION = re.compile(r" Did you mean '(?P<suggest>[^']*)'\?$")
_PATTERNS = [
    (re.compile(r"Doc file '(?P<page>[^']*)' contains a link '(?P<link>[^']*)', but the target"
                r"(?: '[^']*')? is not found among documentation files\."),
     "链接「{link}」指向的页面不存在"),
    (re.compile(r"Doc file '(?P<page>[^']*)' contains a link '(?P<link>[^']*)', but the doc "
                r"'(?P<doc>[^']*)' does not contain an anchor '#(?P<anchor>[^']*)'\."),
     "链接「{link}」要跳到的小标题「{anchor}」在 {doc} 里不存在"),
    (re.compile(r"Doc file '(?P<page>[^']*)' contains a link '(?P<link>[^']*)', but there is no "
                r"such anchor on this page\."),
     "链接「{link}」要跳到的小标题在本页不存在"),
    (re.compile(r"Doc file '(?P<page>[^']*)' contains an unrecognized relative link '(?P<link>[^']*)', "
                r"it was left as is\."),
     "链接「{link}」认不出指向哪一页"),
]


def source_file(message: str, root: Path) -> str:
    """The file a page's text came from: an item's data file, a page in content/, or
    (for a generated list page) the generated page itself."""
    page = _PAGE.match(message)
    if page is None:
        return "build/docs"
    item = _ITEM_PAGE.match(page[1])
    if item:
        return f"data/{item[1]}/{item[2]}.yaml"
    return f"content/{page[1]}" if (root / "content" / page[1]).is_file() else f"build/docs/{page[1]}"


def in_chinese(message: str) -> str:
    suggestion = _SUGGESTION.search(message)
    text = message[:suggestion.start()] if suggestion else message
    for pattern, template in _PATTERNS:
        found = pattern.fullmatch(text)
        if found:
            chinese = template.format(**found.groupdict())
            return chinese + (f"（是不是想写「{suggestion['suggest']}」？）" if suggestion else "")
    return f"MkDocs 警告：{message}"
