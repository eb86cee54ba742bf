"""What one printed sheet shows: an item as of a date, ready for print.html.j2."""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass
from datetime import date
from typing import Protocol, Sequence

import markdown
import segno
from markupsafe import Markup

from ..render.clerk import EXTENSION_CONFIGS
from ..render.clerk_links import relink
from ..render.pages import NoticeFacts, RenderContext, full_content, item_path
from ..render.version_tools import VersionTools
from ..sanitise import clean_page
from ..versions import ItemState
from ..versions.diff import FieldChange
from . import targets
from .signoff import Signoff, split_signoff


class NameListLike(Protocol):
    """A name list as published: headers and rows, already masked."""

    headers: Sequence[str]
    rows: Sequence[Sequence[str]]


@dataclass(frozen=True)
class Coming:
    """A later version already announced: a sheet posted today must say what changes when."""

    effective_from: date
    number: int
    change_note: str | None
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class Sheet:
    """The template's input for one item; `paper` is A4 or A3."""

    state: ItemState
    v: dict
    notice: NoticeFacts | None
    issuer: str
    issued: date
    signoff: Signoff | None      # the body's own 落款, printed in place of the generated one
    coming: tuple[Coming, ...]
    body_html: Markup | None
    name_list: NameListLike | None
    list_withdrawn: bool
    online_url: str
    qr_svg: Markup
    paper: str
    stamp: str
    online_href: str      # relative, for the screen toolbar
    pdf_href: str | None


@functools.cache
def _converter() -> markdown.Markdown:
    # One per process, reset for each text: setting up the extensions was a third of
    # converting a body.
    return markdown.Markdown(extensions=["tables", "sane_lists", "toc"],
                             extension_configs=EXTENSION_CONFIGS)


def render_markdown(text: str, item) -> Markup:
    """The sheet is a page of the site too: the same sanitiser as every other page, and
    the body's links, written at the item's page, made relative to the sheet."""
    html = clean_page(_converter().reset().convert(text))
    return Markup(relink(html, item_path(item), targets.page_path(item)))


def qr_svg(url: str) -> Markup:
    # omitsize: the SVG scales to the box print.css gives it; border 4 is the quiet zone.
    # A fixed mask: any of the eight decodes, and scoring all eight for the best one
    # was three quarters of the time of printing a site's sheets.
    return Markup(segno.make(url, error="m", mask=2).svg_inline(omitsize=True, border=4))


def online_url(ctx: RenderContext, state: ItemState) -> str:
    """The item's page on the published site, which the sheet's QR code holds."""
    return ctx.site.config.base_url + state.item.url


def make_sheet(ctx: RenderContext, state: ItemState, stamp: str, *, paper: str | None = None,
               name_list: NameListLike | None = None, with_pdf: bool = False,
               qr: Markup | None = None) -> Sheet:
    """`qr`: the QR code of online_url, when drawn already (qrcodes.py)."""
    item, meta, shown = state.item, state.item.meta, state.shown
    v = full_content(state)
    facts = ctx.facts.get(item.slug)
    withdrawn = bool(facts and facts.withdrawn)
    if name_list is None and facts is not None:
        name_list = facts.name_list     # the notice's own list, already masked
    url = online_url(ctx, state)
    here = targets.folder(item)
    signoff = split_signoff(v["body"]) if v.get("body") else None
    body = signoff.body if signoff else v.get("body")
    return Sheet(
        state=state, v=v, notice=facts,
        issuer=ctx.site.organizations[meta.publisher].name,
        # The 落款's date: the 成文日期 of the document, or for a later version the
        # day it took effect.
        issued=meta.created if shown.number == 1 else shown.effective_from,
        signoff=signoff,
        coming=coming_changes(ctx, state),
        body_html=render_markdown(body, item) if body else None,
        # Not shown on the notice's page (withdrawn, not yet started, repealed): not printed.
        name_list=None if facts and facts.list_hidden else name_list,
        list_withdrawn=withdrawn,
        online_url=url,
        qr_svg=qr_svg(url) if qr is None else qr,
        paper=paper or targets.paper_for(item.kind.name),
        stamp=stamp,
        online_href=posixpath.relpath(item.url, here) + "/",
        pdf_href=posixpath.basename(targets.pdf_path(item)) if with_pdf else None,
    )


def coming_changes(ctx: RenderContext, state: ItemState) -> tuple[Coming, ...]:
    later = [v for v in state.upcoming if v.number > state.shown.number]
    if not later or not state.in_force:
        return ()
    tools = VersionTools(ctx.site)
    return tuple(Coming(v.effective_from, v.number, v.change_note,
                        tools.changes(state.item, v.number - 1, v.number)) for v in later)
