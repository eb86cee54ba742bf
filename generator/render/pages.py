"""Which pages the site has, and what each page's template is given."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from ..cache.store import Store, Stores
from ..calendars.reception import next_days
from ..load.site_loader import SiteData
from ..model import KINDS
from ..notices.period import Period, PeriodStatus, format_period, period_status, resolve_period
from ..notices.lists import list_key
from ..notices.workdays import NotCovered, WorkCalendar
from ..print import targets as print_targets
from ..privacy.namelist import NameList
from ..versions import EXPIRED, REPEALED, ItemState, is_public, select
from ..workers import forked_map
from .clerk import MERGED_CONTENT, STORE_KIND as CLERK_STORE, prepare as prepare_clerk
from .environment import compile_templates, render_markdown
from .version_tools import VersionTools
from .jsonld import jsonld_front
from .lookups import NotedDict, Whole, noting

if TYPE_CHECKING:
    from ..pipeline import Pipeline
    from .cache import RenderCache

LATEST_COUNT = 8
CATALOG_PAGE_ROWS = 200  # pages stay small however many items there are
LISTING_PAGE_ROWS = 50
GONE = (REPEALED, EXPIRED)
LIST_PAGE_ROWS = 200    # a 10,000-row list becomes 50 light pages, not one heavy one
# Search facets of a page that lists other pages (home, listings, catalogues, 更新记录):
# the site's search shows such a page only when no document matches (generator/search/).
LIST_SEARCH = {"role": "list"}


# Why a notice that has a name list does not show it on a page (notice.md.j2 says so).
LIST_PENDING = "pending"        # the period has not started
LIST_WITHDRAWN = "withdrawn"    # the period (and withdraw_after_days) is over
LIST_GONE = "gone"              # the notice is repealed or expired
LIST_ELSEWHERE = "elsewhere"    # a version page: the list is only on the notice's own page


@dataclass(frozen=True)
class NoticeFacts:
    period: Period | None
    status: PeriodStatus | None
    list_source: str | None = None        # the list file, when the notice has one
    name_list: NameList | None = None     # only while the list may be shown on this page
    list_hidden: str | None = None        # one of LIST_*, when there is a list not shown

    @property
    def withdrawn(self) -> bool:
        return self.list_hidden in (LIST_WITHDRAWN, LIST_GONE)

    def list_pages(self) -> list[list[list[str]]]:
        rows = self.name_list.rows if self.name_list else []
        return [rows[i:i + LIST_PAGE_ROWS] for i in range(0, len(rows), LIST_PAGE_ROWS)]

    @property
    def text(self) -> str:
        return format_period(self.period) if self.period else ""


@dataclass
class Page:
    path: str                       # docs-relative: fees/shehui-fuyangfei/index.md
    template: str
    front: dict
    context: dict = field(default_factory=dict)
    # The item whose page this is (its page, versions, comparisons, list pages): such a
    # page shows only that item, settings and what it looks up (see render/cache.py).
    owner: str | None = None
    # Costly additions to front and context, made where the page is rendered (on a
    # worker core) rather than while every page is planned in one process.
    finish: Callable[["Page"], None] | None = None
    # The names of `context` its provider gave, before plan_pages added the shared
    # ones (None before): what the render cache keys a page of no item by.
    own: tuple[str, ...] | None = None


def served_path(doc_path: str) -> str:
    """Where a docs file is served, relative to the site root. Pages are folders:
    fees/x/index.md → fees/x/, about.md → about/, and so are HTML files that MkDocs
    copies as they are (a version's stub: fees/x/v/2/index.html → fees/x/v/2/);
    other files keep their path."""
    for index in ("index.md", "index.html"):
        if doc_path == index or doc_path.endswith("/" + index):
            return doc_path[: -len(index)]
    if doc_path.endswith(".md"):
        return doc_path[: -len(".md")] + "/"
    return doc_path


def item_path(state_or_item) -> str:
    item = getattr(state_or_item, "item", state_or_item)
    return f"{item.kind.folder}/{item.slug}/index.md"


def _hidden_because(state: ItemState, status: PeriodStatus, own_page: bool) -> str | None:
    """Why the list is not shown, or None while it may be: during its period (and
    withdraw_after_days), on the notice's own page, while the notice is in force."""
    if state.status in GONE:
        return LIST_GONE
    if status.list_withdrawn:
        return LIST_WITHDRAWN
    if status.state == "未开始":
        return LIST_PENDING
    return None if own_page else LIST_ELSEWHERE


def notice_facts(site: SiteData, state: ItemState, own_page: bool = True) -> NoticeFacts:
    """A notice's period and list as of the state's date; `own_page` is False for its
    version pages, which never show the list (an old version's would outlive a correction)."""
    content = state.shown.content
    spec = content.get("period")
    if spec is None:
        return NoticeFacts(None, None)
    try:
        period = resolve_period(spec.start, spec.days, spec.working_days, spec.end,
                                calendar=site.calendar)
    except (NotCovered, ValueError):
        # Validation has already reported it; render the page without a period.
        return NoticeFacts(None, None)
    withdraw = content.get("withdraw_after_days")
    if withdraw is None:
        withdraw = site.config.withdraw_after_days
    status = period_status(period, state.as_of, withdraw)
    if not content.get("list"):
        return NoticeFacts(period, status)
    source, key = list_key(state.item, content["list"])
    hidden = _hidden_because(state, status, own_page)
    return NoticeFacts(period, status, source, None if hidden else site.name_lists.get(key), hidden)


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


# Characters JSON leaves as they are but YAML reads as line breaks or refuses.
_NOT_YAML = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_PLAIN_KEY = re.compile(r"[a-z_][a-z0-9_]*")
_YAML_WORDS = {"y", "n", "yes", "no", "true", "false", "on", "off", "null"}   # not strings in YAML 1.1


def _key(key: str) -> str:
    if _PLAIN_KEY.fullmatch(key) and key not in _YAML_WORDS:
        return key
    return json.dumps(key, ensure_ascii=False)


def dump_front(front: dict) -> str:
    """YAML front matter, one key a line with its value written as JSON (which YAML
    reads as the same value): PyYAML's representer was a fifth of rendering a page."""
    lines = "".join(f"{_key(key)}: {json.dumps(value, ensure_ascii=False)}\n"
                    for key, value in front.items())
    return "---\n" + _NOT_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", lines) + "---\n\n"


# Every generated page is CommonMark plus raw HTML, which MkDocs converts with a fast
# engine (issue 23); pages copied from content/ are the clerk's Markdown and keep theirs.
MARKUP = "commonmark"
# First in the front matter, so that a page's first line says what it is.
_GENERATED_START = f"---\nmarkup: {json.dumps(MARKUP)}\n"
FRONT_MATTER_READ = len(_GENERATED_START)


def is_generated(head: str) -> bool:
    """Whether a docs page that starts with `head` is a generated page (dump_front)."""
    return head.startswith(_GENERATED_START)


@dataclass
class RenderContext:
    """What every page provider may use: the site as of one date."""

    site: SiteData
    as_of: date
    states: list[ItemState]
    facts: dict[str, NoticeFacts]
    by_kind: dict[str, list[ItemState]]
    pdf: bool = False        # `gongkai build --pdf`: PDFs of the bulletin-board sheets
    # Derived data a provider computes once per render and another reuses.
    memo: dict = field(default_factory=dict, repr=False, compare=False)
    # Where providers keep results by their inputs (build/cache); by default nowhere.
    stores: Stores = field(default_factory=lambda: Stores(None, ""), repr=False, compare=False)

    @cached_property     # asked for once per item and version: built once
    def public(self) -> NotedDict:
        return NotedDict((s.item.slug, s) for s in self.states)

    def shared(self) -> dict:
        """Names every template can use. Those that reach other items note what a
        page reads of them (render/lookups.py)."""
        site = self.site
        return {"site": Whole(site), "config": site.config, "as_of": self.as_of, "kinds": KINDS,
                "orgs": site.organizations, "contacts": site.contacts,
                "by_kind": Whole(self.by_kind), "facts": self.facts, "item_path": item_path,
                "public": self.public, "pdf": self.pdf,
                "history": VersionTools(site, self.states)}


def make_context(site: SiteData, as_of: date, pdf: bool = False,
                 stores: Stores | None = None) -> RenderContext:
    states = [select(item, as_of) for item in site.items if is_public(item, as_of)]
    facts = NotedDict((s.item.slug, notice_facts(site, s))
                      for s in states if s.item.kind.name == "notice")
    by_kind = {name: [s for s in states if s.item.kind.name == name] for name in KINDS}
    for group in by_kind.values():
        group.sort(key=lambda s: (s.updated, s.item.slug), reverse=True)
    return RenderContext(site, as_of, states, facts, by_kind, pdf,
                         stores=stores or Stores(None, ""))


def core_pages(ctx: RenderContext) -> list[Page]:
    """Home, guide, catalogue, contacts, one listing per kind, one page per item."""
    site, states, by_kind, facts = ctx.site, ctx.states, ctx.by_kind, ctx.facts
    content = site.root / "content"
    latest = sorted(states, key=lambda s: (s.updated, s.item.slug), reverse=True)[:LATEST_COUNT]
    current_notices = [s for s in by_kind["notice"]
                       if facts[s.item.slug].status and facts[s.item.slug].status.state == "公示中"]
    pages = [
        # The home page lists the latest items, notices and hotlines.
        Page(MERGED_CONTENT["home.md"], "home.md.j2", {"title": site.config.name, "search": LIST_SEARCH},
             {"intro": _read(content / "home.md"), "latest": latest, "notices": current_notices}),
        Page(MERGED_CONTENT["guide.md"], "guide.md.j2", {"title": "信息公开指南"},
             {"intro": _read(content / "guide.md")}),
        Page("contacts/index.md", "contacts.md.j2", {"title": "联系我们与监督渠道"},
             {"next_days": next_days(site.contacts.values(), site.calendar or WorkCalendar(),
                                     ctx.as_of)}),
    ]
    for kind in KINDS.values():
        pages.extend(listing_pages(kind, by_kind[kind.name]))
    for state in states:
        fact = facts.get(state.item.slug)
        pages.append(Page(item_path(state), f"{state.item.kind.name}.md.j2", _front(state, fact),
                          {"state": state, "item": state.item, "meta": state.item.meta,
                           "v": full_content(state), "notice": fact}, owner=state.item.slug))
    return pages


@dataclass(frozen=True)
class Pager:
    """Where one page of a paged listing sits among its siblings."""

    number: int
    paths: tuple[str, ...]        # docs path of every page, first one first

    @property
    def total(self) -> int:
        return len(self.paths)

    def window(self, around: int = 2) -> list[int | None]:
        """Page numbers to link: the first, the last and those near this one, with
        None where numbers are left out; a 100-page listing links 7 pages, not 100."""
        near = range(self.number - around, self.number + around + 1)
        kept = sorted(n for n in {1, self.total, *near} if 1 <= n <= self.total)
        shown: list[int | None] = []
        for n in kept:
            if shown and n > shown[-1] + 1:
                shown.append(None)
            shown.append(n)
        return shown


def paginate(first_path: str, rows: list, size: int) -> list[tuple[str, list, Pager]]:
    """Split `rows` into pages: first_path, then <folder>/page/2/index.md, …"""
    folder = first_path.rsplit("/", 1)[0]
    chunks = [rows[i:i + size] for i in range(0, len(rows), size)] or [[]]
    paths = tuple([first_path] + [f"{folder}/page/{n}/index.md" for n in range(2, len(chunks) + 1)])
    return [(paths[n], chunk, Pager(n + 1, paths)) for n, chunk in enumerate(chunks)]


def listing_pages(kind, states: list[ItemState]) -> list[Page]:
    """One kind's listing: in force first, then repealed or expired, paged."""
    ordered = [s for s in states if s.status not in GONE] + [s for s in states if s.status in GONE]
    pages = []
    for path, chunk, pager in paginate(f"{kind.folder}/index.md", ordered, LISTING_PAGE_ROWS):
        title = kind.label if pager.number == 1 else f"{kind.label} 第 {pager.number} 页"
        pages.append(Page(path, "listing.md.j2", {"title": title, "search": LIST_SEARCH},
                          {"kind": kind, "states": chunk, "pager": pager, "count": len(ordered)}))
    return pages


def catalog_pages(ctx: RenderContext) -> list[Page]:
    """信息公开目录: every public item, newest first, paged, and again per year."""
    rows = sorted(ctx.states, key=lambda s: (s.item.meta.created, s.item.slug), reverse=True)
    years = sorted({s.item.meta.created.year for s in rows}, reverse=True)
    groups = [("catalog/index.md", None, rows)] + [
        (f"catalog/{year}/index.md", year, [s for s in rows if s.item.meta.created.year == year])
        for year in years]
    pages = []
    for first, year, group in groups:
        title = "信息公开目录" + (f"（{year}年）" if year else "")
        for path, chunk, pager in paginate(first, group, CATALOG_PAGE_ROWS):
            shown = title if pager.number == 1 else f"{title} 第 {pager.number} 页"
            pages.append(Page(path, "catalog.md.j2", {"title": shown, "search": LIST_SEARCH},
                              {"rows": chunk, "pager": pager, "year": year, "years": years,
                               "count": len(group)}))
    return pages


def list_pages(ctx: RenderContext) -> list[Page]:
    """Pages 2… of long name lists (page 1 is on the notice itself)."""
    pages = []
    for state in ctx.by_kind["notice"]:
        fact = ctx.facts[state.item.slug]
        chunks = fact.list_pages()
        for number in range(2, len(chunks) + 1):
            pages.append(Page(f"{state.item.kind.folder}/{state.item.slug}/list/{number}/index.md",
                              "namelist_page.md.j2",
                              # Masked lists still stay out of search engines.
                              {"title": f"{state.item.meta.title}（名单第 {number} 页）",
                               "robots": "noindex"},
                              {"state": state, "notice": fact, "page_number": number},
                              owner=state.item.slug))
    return pages


# Each adds front-matter keys to a planned page (e.g. structured data); {} when it has none.
FRONT_EXTRAS: tuple[Callable[[RenderContext, Page], dict], ...] = (jsonld_front,)


def plan_pages(ctx: RenderContext, pipeline: Pipeline) -> list[Page]:
    """Every page of the pipeline's page providers, each made from the same context."""
    pages = [page for provider in pipeline.page_providers for page in provider(ctx)]
    _complete(ctx, pages)
    return pages


def _complete(ctx: RenderContext, pages: list[Page]) -> None:
    """The pages given what every page has: the shared context, the markup and the
    front matter's extras (structured data)."""
    shared = ctx.shared()
    for page in pages:
        page.own = tuple(page.context)
        page.context = {**shared, **page.context}
        page.front = {"markup": MARKUP, **page.front}
        for extra in FRONT_EXTRAS:
            page.front.update(extra(ctx, page))


def full_content(state: ItemState) -> dict:
    """Every content field of the kind, None where no version set it."""
    return {name: None for name in state.item.kind.content_fields} | state.shown.content


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def _render_page(page: Page, registry: frozenset[str], clerk: dict[str, str]) -> bytes:
    if page.finish:
        page.finish(page)
    body = render_markdown(page.template, page.path, registry, clerk, page=page, **page.context)
    return (dump_front(page.front) + body).encode("utf-8")


def _render_noted(page: Page, keep: Callable[[str, bytes], Any], registry: frozenset[str],
                  clerk: dict[str, str],
                  pack: Callable[[bytes], bytes] | None) -> tuple[Any, set[str], bytes | None]:
    """keep's value for the rendered page, the items the page looked up, and the
    page packed for a cache (when given `pack`)."""
    with noting() as looked_up:
        content = _render_page(page, registry, clerk)
    packed = pack(content) if pack is not None else None
    return keep(page.path, content), looked_up, packed


def print_outputs(ctx: RenderContext) -> set[str]:
    """What the print step will write that item pages link to: a print page for every
    public item, and its PDF when the build makes one (generator/print/step.py)."""
    found = {print_targets.page_path(s.item) for s in ctx.states}
    if ctx.pdf:
        found |= {print_targets.pdf_path(s.item) for s in ctx.states
                  if print_targets.wants_pdf(s, ctx.facts.get(s.item.slug))}
    return found


def render_context(ctx: RenderContext, pipeline: Pipeline,
                   keep: Callable[[str, bytes], Any] = lambda path, content: content,
                   cache: RenderCache | None = None,
                   clerk_store: Store | None = None,
                   templates: Store | None = None) -> dict[str, Any]:
    """Every file of the docs tree (rendered pages, copied content and attachments):
    path → keep(path, content), which is the content unless `keep` says otherwise.
    Pages are kept in the workers that render them, so with a `keep` that writes the
    file they never gather in this process (over 200 MB at 10,000 items): they
    come back only packed, for the cache. A page the cache holds is not
    rendered: its Markdown comes from the cache.
    Every file is known before the first page renders: a page links only to those.
    Clerk texts are converted first, once each; `clerk_store` keeps them (the caller
    saves it), and `templates` the compiled templates."""
    pages = plan_pages(ctx, pipeline)
    others = _other_files(ctx, pipeline)
    registry = frozenset(page.path for page in pages) | frozenset(others) | print_outputs(ctx)
    clerk = prepare_clerk(ctx, clerk_store or Store(None, CLERK_STORE, ""))
    compile_templates(templates)
    files: dict[str, Any] = {}
    todo = []
    for page in pages:
        markdown = cache.markdown(page) if cache is not None else None
        if markdown is None:
            todo.append(page)
        else:
            files[page.path] = keep(page.path, markdown)
    render = partial(_render_noted, keep=keep, registry=registry, clerk=clerk,
                     pack=cache.pack if cache is not None else None)
    for page, (value, looked_up, packed) in zip(todo, forked_map(render, todo, chunksize=64)):
        files[page.path] = value
        if cache is not None and packed is not None:
            cache.rendered(page, looked_up, packed)
    for rel, read in others.items():
        if rel not in files:
            files[rel] = keep(rel, read())
    return files


def _other_files(ctx: RenderContext, pipeline: Pipeline) -> dict[str, Callable[[], bytes]]:
    """The docs tree's files that are not rendered pages: path → how to read it.
    Copied content/ pages, attachments and the file providers' files."""
    site = ctx.site
    files: dict[str, Callable[[], bytes]] = {}
    content = site.root / "content"
    if content.is_dir():
        for path in sorted(content.rglob("*")):
            rel = path.relative_to(content).as_posix()
            if path.is_file() and rel not in MERGED_CONTENT:
                files[rel] = path.read_bytes
    # Only attachments of items already public: a file waiting in the folder
    # for a later item is not published by accident.
    attachments = site.root / "data" / "attachments"
    for state in ctx.states:
        for attachment in state.item.meta.attachments:
            path = attachments / attachment.file
            if path.is_file():
                files["attachments/" + attachment.file] = path.read_bytes
    for provider in pipeline.file_providers:
        for rel, data in provider(ctx).items():
            files[rel] = partial(bytes, data)
    return files


def render_some(ctx: RenderContext, pipeline: Pipeline, paths: set[str], clerk_store: Store,
                known: frozenset[str]) -> dict[str, bytes]:
    """The pages at `paths` (docs paths) of the render of `ctx`, as render_context makes
    them while the docs tree holds the files `known` (the last full render's): `gongkai
    serve` shows the pages open in a browser before the whole site is rendered again.
    Page providers are asked in order until every page at `paths` is planned (the
    version pages and the open data take longer than all the others); only those
    pages are completed (at 10,000 items the others' structured data took a second)."""
    pages: list[Page] = []
    for provider in pipeline.page_providers:
        pages += provider(ctx)
        if paths <= {page.path for page in pages}:
            break
    registry = frozenset(page.path for page in pages) | known | print_outputs(ctx)
    wanted = [page for page in pages if page.path in paths]
    _complete(ctx, wanted)
    clerk = prepare_clerk(ctx, clerk_store)
    return {page.path: _render_page(page, registry, clerk) for page in wanted}
