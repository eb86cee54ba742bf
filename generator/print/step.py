"""The build step: a print page for every public item, PDFs when asked.

It runs after `mkdocs build` on the staged site (a pipeline step) rather than as a
file provider: the sheet's small print carries the build stamp, which exists
only once the build runs, and PDFs are large binaries that have no business
in the Markdown tree MkDocs reads. The HTML goes straight to
print/<kind>/<slug>/index.html; MkDocs never sees it, so no theme touches it.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from ..problems import Problem
from ..render.pages import RenderContext, item_path
from ..replace import replace_file
from ..versions import ItemState
from ..workers import forked_map
from . import targets
from .html import render_sheet
from .pdf import MissingFont, font_problem, require_cjk_font, write_pdf
from .sheet import make_sheet

if TYPE_CHECKING:
    from ..context import BuildContext


def sheet_html(ctx: RenderContext, state: ItemState, stamp: str, *, paper: str | None = None,
               name_list=None, with_pdf: bool = False) -> str:
    sheet = make_sheet(ctx, state, stamp, paper=paper, name_list=name_list, with_pdf=with_pdf)
    return render_sheet(ctx, sheet)


def print_sheets(build: "BuildContext") -> list[Problem]:
    ctx, stamp = build.render, build.stamp.text
    pdf_slugs = {s.item.slug for s in ctx.states
                 if ctx.pdf and targets.wants_pdf(s, ctx.facts.get(s.item.slug))}
    if pdf_slugs:
        try:
            require_cjk_font()
        except MissingFont as err:
            return [font_problem(err)]
    _drop_stale(build)
    for name in targets.STYLESHEET_NAMES:     # the sheets' layout (print.html.j2 links them)
        _write(build.site_dir / "print" / name,
               (targets.STYLESHEETS / name).read_text(encoding="utf-8"))

    def make(state: ItemState) -> None:
        with_pdf = state.item.slug in pdf_slugs
        html = sheet_html(ctx, state, stamp, with_pdf=with_pdf)
        _write(build.site_dir / targets.html_file(state.item), html)
        pdf = build.site_dir / targets.pdf_path(state.item)
        if with_pdf:
            write_pdf(html, pdf)
        else:   # one an earlier build made (period since over, or built without --pdf)
            pdf.unlink(missing_ok=True)

    forked_map(make, [state for state in ctx.states
                      if not _still_current(build, state, state.item.slug in pdf_slugs)],
               chunksize=8)
    return []


def _drop_stale(build: "BuildContext") -> None:
    """The step owns print/: an incremental build starts from the last site, whose
    sheets for items since removed must not linger."""
    folder = build.site_dir / "print"
    if build.reused_before is None:
        shutil.rmtree(folder, ignore_errors=True)
        return
    wanted = {targets.folder(state.item) for state in build.render.states}
    for sheet in sorted(folder.glob("*/*")):
        if sheet.relative_to(build.site_dir).as_posix() not in wanted:
            shutil.rmtree(sheet)


def _still_current(build: "BuildContext", state: ItemState, with_pdf: bool) -> bool:
    """In an incremental build, a sheet whose item page did not change is kept,
    like the page itself (with the stamp of the build that made it)."""
    if build.reused_before is None or item_path(state) in build.changed_docs:
        return False
    html = build.site_dir / targets.html_file(state.item)
    pdf = build.site_dir / targets.pdf_path(state.item)
    return html.exists() and pdf.exists() == with_pdf


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_file(path, text.encode("utf-8"))
