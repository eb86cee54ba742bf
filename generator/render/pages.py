"""Which pages the site has, and what each page's template is given."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable

import yaml

from ..load.site_loader import SiteData
from ..model import KINDS
from ..model.items import VERSION_META
from ..notices.period import Period, PeriodStatus, format_period, period_status, resolve_period
from ..notices.workdays import NotCovered
from ..versions import ItemState, is_public, select
from .environment import make_environment
from .jsonld import jsonld_front

CONTENT_SPECIAL = ("home.md", "guide.md")   # merged into generated pages, not copied
LATEST_COUNT = 8


@dataclass(frozen=True)
class NoticeFacts:
    period: Period | None
    status: PeriodStatus | None

    @property
    def text(self) -> str:
        return format_period(self.period) if self.period else ""


@dataclass
class Page:
    path: str                       # docs-relative: fees/shehui-fuyangfei/index.md
    template: str
    front: dict
    context: dict = field(default_factory=dict)


def item_path(state_or_item) -> str:
    item = getattr(state_or_item, "item", state_or_item)
    return f"{item.kind.folder}/{item.slug}/index.md"


def notice_facts(site: SiteData, state: ItemState) -> NoticeFacts:
    spec = state.shown.content.get("period")
    if spec is None:
        return NoticeFacts(None, None)
    try:
        period = resolve_period(spec.start, spec.days, spec.working_days, spec.end,
                                calendar=site.calendar)
    except (NotCovered, ValueError):
        # Validation has already reported it; render the page without a period.
        return NoticeFacts(None, None)
    withdraw = state.shown.content.get("withdraw_after_days")
    if withdraw is None:
        withdraw = site.config.withdraw_after_days
    return NoticeFacts(period, period_status(period, state.as_of, withdraw))


def search_status(state: ItemState, facts: NoticeFacts | None) -> str:
    if facts and facts.status:
        return facts.status.state if facts.status.state != "已结束" else "历史"
    return "现行有效" if state.in_force else state.status


def _front(state: ItemState, facts: NoticeFacts | None) -> dict:
    meta, shown = state.item.meta, state.shown
    front = {
        "title": meta.title,
        "kind": state.item.kind.name,
        "slug": state.item.slug,
        "version": shown.number,
        "effective_from": shown.effective_from.isoformat(),
        "status": state.status,
        "published": meta.published.isoformat(),
        "updated": state.updated.isoformat(),
        "search": {"kind": state.item.kind.label, "date": state.updated.isoformat(),
                   "status": search_status(state, facts)},
    }
    if meta.index_no:
        front["index_no"] = meta.index_no
    return front


def _dump_front(front: dict) -> str:
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n"


@dataclass
class RenderContext:
    """What every page provider may use: the site as of one date."""

    site: SiteData
    as_of: date
    states: list[ItemState]
    facts: dict[str, NoticeFacts]
    by_kind: dict[str, list[ItemState]]

    @property
    def public(self) -> dict[str, ItemState]:
        return {s.item.slug: s for s in self.states}

    def shared(self) -> dict:
        """Names every template can use."""
        site = self.site
        return {"site": site, "config": site.config, "as_of": self.as_of, "kinds": KINDS,
                "orgs": site.organizations, "contacts": site.contacts, "by_kind": self.by_kind,
                "facts": self.facts, "item_path": item_path, "public": self.public}


def make_context(site: SiteData, as_of: date) -> RenderContext:
    states = [select(item, as_of) for item in site.items if is_public(item, as_of)]
    facts = {s.item.slug: notice_facts(site, s) for s in states if s.item.kind.name == "notice"}
    by_kind = {name: [s for s in states if s.item.kind.name == name] for name in KINDS}
    for group in by_kind.values():
        group.sort(key=lambda s: (s.updated, s.item.slug), reverse=True)
    return RenderContext(site, as_of, states, facts, by_kind)


def core_pages(ctx: RenderContext) -> list[Page]:
    """Home, guide, catalogue, contacts, one listing per kind, one page per item."""
    site, states, by_kind, facts = ctx.site, ctx.states, ctx.by_kind, ctx.facts
    content = site.root / "content"
    latest = sorted(states, key=lambda s: (s.updated, s.item.slug), reverse=True)[:LATEST_COUNT]
    current_notices = [s for s in by_kind["notice"]
                       if facts[s.item.slug].status and facts[s.item.slug].status.state == "公示中"]
    pages = [
        Page("index.md", "home.md.j2", {"title": site.config.name},
             {"intro": _read(content / "home.md"), "latest": latest, "notices": current_notices}),
        Page("guide/index.md", "guide.md.j2", {"title": "信息公开指南"},
             {"intro": _read(content / "guide.md")}),
        Page("catalog/index.md", "catalog.md.j2", {"title": "信息公开目录"},
             {"states": sorted(states, key=lambda s: (s.item.meta.created, s.item.slug), reverse=True)}),
        Page("contacts/index.md", "contacts.md.j2", {"title": "联系我们与监督渠道"}),
    ]
    for kind in KINDS.values():
        pages.append(Page(f"{kind.folder}/index.md", "listing.md.j2", {"title": kind.label},
                          {"kind": kind, "states": by_kind[kind.name]}))
    for state in states:
        fact = facts.get(state.item.slug)
        pages.append(Page(item_path(state), f"{state.item.kind.name}.md.j2", _front(state, fact),
                          {"state": state, "item": state.item, "meta": state.item.meta,
                           "v": full_content(state), "notice": fact}))
    return pages


# Each provider adds pages from the same context; later features add theirs here.
PAGE_PROVIDERS: list[Callable[[RenderContext], list[Page]]] = [core_pages]

# Each adds front-matter keys to a planned page (e.g. structured data); {} when it has none.
FRONT_EXTRAS: list[Callable[[RenderContext, Page], dict]] = [jsonld_front]


def plan_pages(ctx: RenderContext) -> list[Page]:
    shared = ctx.shared()
    pages = [page for provider in PAGE_PROVIDERS for page in provider(ctx)]
    for page in pages:
        page.context = {**shared, **page.context}
        for extra in FRONT_EXTRAS:
            page.front.update(extra(ctx, page))
    return pages


def full_content(state: ItemState) -> dict:
    """Every content field of the kind, None where no version set it."""
    fields = state.item.kind.model.model_fields["versions"].annotation.__args__[0].model_fields
    return {name: None for name in fields if name not in VERSION_META} | state.shown.content


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def render_site(site: SiteData, as_of: date) -> dict[str, bytes]:
    """Every file of the docs tree: rendered pages, copied content and attachments."""
    return render_context(make_context(site, as_of))


def render_context(ctx: RenderContext) -> dict[str, bytes]:
    site, as_of = ctx.site, ctx.as_of
    env = make_environment()
    files: dict[str, bytes] = {}
    for page in plan_pages(ctx):
        body = env.get_template(page.template).render(page_path=page.path, page=page, **page.context)
        files[page.path] = (_dump_front(page.front) + body).encode("utf-8")
    content = site.root / "content"
    if content.is_dir():
        for path in sorted(content.rglob("*")):
            rel = path.relative_to(content).as_posix()
            if path.is_file() and rel not in CONTENT_SPECIAL and rel not in files:
                files[rel] = path.read_bytes()
    # Only attachments of items already public: a file waiting in the folder
    # for a later item is not published by accident.
    attachments = site.root / "data" / "attachments"
    for state in ctx.states:
        for attachment in state.item.meta.attachments:
            path = attachments / attachment.file
            if path.is_file():
                files["attachments/" + attachment.file] = path.read_bytes()
    for provider in FILE_PROVIDERS:
        files.update(provider(ctx))
    return files


# Static files (feeds, calendars, open data) placed into the docs tree for MkDocs to copy.
FILE_PROVIDERS: list[Callable[[RenderContext], dict[str, bytes]]] = []
