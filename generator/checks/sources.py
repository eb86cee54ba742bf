"""Which data file a built file came from, so a check can say what to fix, and
where in it a clerk wrote a link the link check found dead."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..print.targets import folder as print_folder
from ..render.clerk_links import address
from ..render.clerk import MERGED_CONTENT

if TYPE_CHECKING:
    from ..context import BuildContext

# content/ texts merged into generated pages: their pages' folders.
_MERGED = {posixpath.dirname(page): name for name, page in MERGED_CONTENT.items()}
# A link's address as a clerk writes it, in one line: Markdown's [text](address "title"),
# a reference "[name]: address", an <autolink>, or an HTML attribute.
_WRITTEN = re.compile(r"""\]\(\s*<?([^\s)>]+)|^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)|<(https?://[^\s>]*)>"""
                      r"""|\b(?:href|src)\s*=\s*["']([^"']*)""")


@dataclass(frozen=True)
class Origin:
    file: str       # the file a clerk edits, relative to the site's root
    base: str       # the docs path its links are written at (render/clerk_links.py)


def origins(ctx: "BuildContext") -> Callable[[str], Origin | None]:
    """Built path (relative to the site) → the file a clerk edits: an item's YAML
    (for its page, versions, comparisons and print sheet), a notice's name list
    (for the list pages), a content/ page; None for anything else."""
    folders: dict[str, Origin] = {}
    for state in ctx.render.states:
        item = state.item
        own = Origin(item.file, f"{item.kind.folder}/{item.slug}/index.md")
        folders[f"{item.kind.folder}/{item.slug}"] = own
        folders[print_folder(item)] = own
        fact = ctx.render.facts.get(item.slug)
        if fact and fact.list_source:
            folders[f"{item.kind.folder}/{item.slug}/list"] = Origin(fact.list_source, own.base)
    content = ctx.root / "content"

    def origin(relpath: str) -> Origin | None:
        parts = relpath.split("/")[:-1]
        # The deepest known folder wins: a list page before its notice.
        for depth in range(len(parts), 0, -1):
            found = folders.get("/".join(parts[:depth]))
            if found:
                return found
        folder = "/".join(parts)
        if folder in _MERGED and (content / _MERGED[folder]).is_file():
            return Origin(f"content/{_MERGED[folder]}", "index.md")
        for doc in ([f"{folder}/index.md", f"{folder}.md"] if folder else ["index.md"]):
            if (content / doc).is_file():
                return Origin(f"content/{doc}", doc)
        return None
    return origin


def data_source(ctx: "BuildContext") -> Callable[[str], str | None]:
    """Built path → the file a clerk edits (`origins`), or None."""
    origin = origins(ctx)

    def source(relpath: str) -> str | None:
        found = origin(relpath)
        return found.file if found else None
    return source


def written_at(root: Path, origin: Origin, page: str, url: str) -> tuple[int, int, str, str] | None:
    """Where the link that `page` (a built path) shows as `url` was written in the
    origin's file: (line, column, the address as written, the line); None when no
    link written there shows so (a template's, or a file that changed since)."""
    try:
        text = (root / origin.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    here = posixpath.dirname(page)
    for number, line in enumerate(text.splitlines(), 1):
        for found in _WRITTEN.finditer(line):
            group = next(g for g in range(1, 5) if found.group(g) is not None)
            written = found.group(group)
            if written == url or address(written, origin.base, here) == url:
                return number, found.start(group) + 1, written, line
    return None
