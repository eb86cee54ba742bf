"""The build step: a print page for every public item, PDFs when asked.

It runs after `mkdocs build` on the staged site (a pipeline step) rather than as a
file provider: the sheet's small print carries the build stamp, which exists
only once the build runs, and PDFs are large binaries that have no business
in the Markdown tree MkDocs reads. The HTML goes straight to
print/<kind>/<slug>/index.html; MkDocs never sees it, so no theme touches it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..cache.store import key
from ..problems import Problem
from ..render.pages import RenderContext
from ..replace import replace_file
from ..versions import ItemState
from ..workers import forked_map
from . import targets
from .html import render_sheet
from .pdf import MissingFont, engine_key, font_problem, render_pdf, require_cjk_font
from .sheet import make_sheet

if TYPE_CHECKING:
    from ..context import BuildContext

# A PDF takes about a second: a few are worth starting workers for.
PDF_WORKERS_AT = 8


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
    for name in targets.STYLESHEET_NAMES:     # the sheets' layout (print.html.j2 links them)
        _write(build.site_dir / "print" / name,
               (targets.STYLESHEETS / name).read_text(encoding="utf-8"))

    def make(state: ItemState) -> str | None:
        """Write the sheet's HTML; its HTML again if it needs a PDF."""
        with_pdf = state.item.slug in pdf_slugs
        html = sheet_html(ctx, state, stamp, with_pdf=with_pdf)
        _write(build.site_dir / targets.html_file(state.item), html)
        if not with_pdf:    # drop one an earlier build made (period since over, or no --pdf)
            (build.site_dir / targets.pdf_path(state.item)).unlink(missing_ok=True)
        return html if with_pdf else None

    sheets = [(state, html) for state, html in zip(ctx.states, forked_map(make, ctx.states, chunksize=8))
              if html is not None]
    if sheets:
        # A PDF is made from its HTML, the stylesheets (gongkai's, in the fingerprint),
        # and the engine and fonts (engine_key); it is kept under their hash.
        cache, engine = build.store("pdf"), engine_key()
        pdfs = cache.results([key(html, engine) for _, html in sheets], lambda missing: forked_map(
            _pdf_bytes, [sheets[i][1] for i in missing], chunksize=1, at_least=PDF_WORKERS_AT))
        for (state, _), pdf in zip(sheets, pdfs):
            _write_bytes(build.site_dir / targets.pdf_path(state.item), pdf)
        cache.save()
    return []


def _pdf_bytes(html: str) -> bytes:
    return render_pdf(html)[0]


def _write(path: Path, text: str) -> None:
    _write_bytes(path, text.encode("utf-8"))


def _write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_file(path, data)
