"""A content/ page's link to a version in force reaches that version's address.

The version of an item in force is served at its citation address `…/v/N/` by a
ready-made page, `…/v/N/index.html` (generator/stubs), not from Markdown. A clerk
links to it from content/*.md as to any page, by its Markdown (`…/v/N/index.md`),
and MkDocs, finding no such Markdown, failed the build. Asked for a page's Markdown
that the site serves ready-made, this collection answers with the served file,
whose address the link then takes (MkDocs checks no anchors in such a file; the
link check follows the stub to its page).
"""

from __future__ import annotations

from pathlib import PurePath

from mkdocs.structure.files import File, Files

_MARKDOWN, _READY = "index.md", "index.html"


class ServedPages(Files):
    def get_file_from_path(self, path: str) -> File | None:
        found = super().get_file_from_path(path)
        uri = PurePath(path).as_posix()
        if found is not None or not (uri == _MARKDOWN or uri.endswith("/" + _MARKDOWN)):
            return found
        ready = super().get_file_from_path(uri[:-len(_MARKDOWN)] + _READY)
        return ready if ready is not None and not ready.is_documentation_page() else None
