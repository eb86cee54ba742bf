"""Which data file a built file came from, so a check can say what to fix."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from ..print.targets import folder as print_folder

if TYPE_CHECKING:
    from ..context import BuildContext


def data_source(ctx: "BuildContext") -> Callable[[str], str | None]:
    """Built path (relative to the site) → the file a clerk edits: an item's YAML
    (for its page, versions, comparisons and print sheet), a notice's name list
    (for the list pages), a content/ page; None for anything else."""
    folders: dict[str, str] = {}
    for state in ctx.render.states:
        item = state.item
        folders[f"{item.kind.folder}/{item.slug}"] = item.file
        folders[print_folder(item)] = item.file
        fact = ctx.render.facts.get(item.slug)
        if fact and fact.list_source:
            folders[f"{item.kind.folder}/{item.slug}/list"] = fact.list_source
    content = ctx.root / "content"

    def source(relpath: str) -> str | None:
        parts = relpath.split("/")[:-1]
        # The deepest known folder wins: a list page before its notice.
        for depth in range(len(parts), 0, -1):
            found = folders.get("/".join(parts[:depth]))
            if found:
                return found
        folder = "/".join(parts)
        for doc in ([f"{folder}/index.md", f"{folder}.md"] if folder else ["index.md"]):
            if (content / doc).is_file():
                return f"content/{doc}"
        return None
    return source
