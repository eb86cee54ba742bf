"""The build step: a print page for every public item, PDFs when asked.

It runs after `mkdocs build` on the staged site (a pipeline step) rather than as a
file provider: the sheet's small print carries the build stamp, which exists
only once the build runs, and PDFs are large binaries that have no business
in the Markdown tree MkDocs reads. The HTML goes straight to
print/<kind>/<slug>/index.html; MkDocs never sees it, so no theme touches it.
Sheets the cache holds are not rendered again (print/cache.py).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import escape

from ..cache.store import key
from ..problems import Problem
from ..render.lookups import noting
from ..render.pages import RenderContext
from ..output import put, remove_others
from ..versions import ItemState
from ..workers import forked_map
from . import targets
from .cache import KIND, PLACEHOLDER, SheetCache, pack, stamped
from .html import render_sheet
from .pdf import MissingFont, engine_key, font_problem, render_pdf, require_cjk_font
from .qrcodes import KIND as QR_KIND, qr_codes
from .sheet import make_sheet, online_url

if TYPE_CHECKING:
    from ..context import BuildContext

# A PDF takes about a second: a few are worth starting workers for.
PDF_WORKERS_AT = 8
# Threads overlap the writes of sheets taken from the cache.
WRITERS = 4


def sheet_html(ctx: RenderContext, state: ItemState, stamp: str, *, paper: str | None = None,
               name_list=None, with_pdf: bool = False) -> str:
    html = _unstamped(ctx, state, paper=paper, name_list=name_list, with_pdf=with_pdf)
    return html.replace(PLACEHOLDER, str(escape(stamp)))


def _unstamped(ctx: RenderContext, state: ItemState, **options) -> str:
    return render_sheet(ctx, make_sheet(ctx, state, PLACEHOLDER, **options))


def print_sheets(build: "BuildContext") -> list[Problem]:
    ctx, shown = build.render, build.stamp.shown
    wanted = [(state, bool(ctx.pdf and targets.wants_pdf(state, ctx.facts.get(state.item.slug))))
              for state in ctx.states]
    if any(with_pdf for _, with_pdf in wanted):
        try:
            require_cjk_font()
        except MissingFont as err:
            return [font_problem(err)]
    for name in targets.STYLESHEET_NAMES:     # the sheets' layout (print.html.j2 links them)
        _write(build.site_dir / "print" / name, (targets.STYLESHEETS / name).read_bytes())

    cache = SheetCache(ctx, build.store(KIND))
    keys = [cache.key(state, with_pdf) for state, with_pdf in wanted]
    packed = [cache.get(entry) for entry in keys]
    missing = [i for i, found in enumerate(packed) if found is None]

    def write(i: int, sheet: tuple[bytes, ...]) -> None:
        state, _ = wanted[i]
        _write(build.site_dir / targets.html_file(state.item), stamped(sheet, shown))

    # Every sheet's, not only the missing sheets': the store keeps only what a build used.
    qr_store = build.store(QR_KIND)
    codes = qr_codes(qr_store, [online_url(ctx, state) for state, _ in wanted])
    qr_store.save()

    def make(i: int) -> tuple[tuple[bytes, ...], set[str]]:
        """Render and write a sheet; it comes back packed, with the items it looked up."""
        state, with_pdf = wanted[i]
        with noting() as looked_up:
            sheet = pack(_unstamped(ctx, state, with_pdf=with_pdf,
                                    qr=codes[online_url(ctx, state)]))
        write(i, sheet)
        return sheet, looked_up

    for i, (sheet, looked_up) in zip(missing, forked_map(make, missing, chunksize=8)):
        packed[i] = sheet
        cache.put(keys[i], looked_up, sheet)
    made = set(missing)
    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        list(pool.map(lambda i: write(i, packed[i]), [i for i in range(len(wanted)) if i not in made]))
    cache.save()
    sheets = [(state, stamped(packed[i], shown).decode("utf-8"))
              for i, (state, with_pdf) in enumerate(wanted) if with_pdf]
    if sheets:
        # A PDF is made from its HTML, the stylesheets (gongkai's, in the fingerprint),
        # and the engine and fonts (engine_key); it is kept under their hash. The HTML
        # holds the build stamp, which the PDF prints: a new stamp is new text to lay
        # out and new glyphs in the PDF's font subsets, so only WeasyPrint's full run
        # gives the bytes, and a stamp-only change makes every PDF again.
        store, engine = build.store("pdf"), engine_key()
        pdfs = store.results([key(html, engine) for _, html in sheets], lambda missing: forked_map(
            _pdf_bytes, [sheets[i][1] for i in missing], chunksize=1, at_least=PDF_WORKERS_AT))
        for (state, _), pdf in zip(sheets, pdfs):
            _write(build.site_dir / targets.pdf_path(state.item), pdf)
        store.save()
    # The site folder may hold an older site (generator/output.py): its sheets and PDFs
    # that this build did not make (an item deleted, a period over, no --pdf) go.
    made = {*(f"print/{name}" for name in targets.STYLESHEET_NAMES),
            *(targets.html_file(state.item) for state, _ in wanted),
            *(targets.pdf_path(state.item) for state, with_pdf in wanted if with_pdf)}
    remove_others(build.site_dir / "print", {rel.removeprefix("print/") for rel in made})
    return []


def _pdf_bytes(html: str) -> bytes:
    return render_pdf(html)[0]


def _write(path: Path, data: bytes) -> None:
    put(path, data)
