"""The Jinja2 environment for Markdown pages: filters for dates, money, links."""

from __future__ import annotations

import functools
import posixpath
import re
from datetime import date

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from markdown.extensions.toc import unique

from ..cache.bytecode import StoredBytecode
from ..cache.store import Store
from ..calendars.schedule import WEEKDAY_CN, describe_schedule
from ..model.labels import CONTACT_KIND_LABELS, label
from ..notices.period import format_date_cn
from ..print import targets as print_targets
from ..sanitise import heading_slug
from .clerk_links import relink

_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
# A line break inside Chinese text is no space; between Latin words it is one.
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t]*\n\s*|\s*\n[ \t]*(?=[{_CJK}])")
# What Markdown (CommonMark or Python-Markdown with the site's extensions) could read
# as markup, written as character references: they mean the same in a Markdown
# paragraph and inside raw HTML, so one escaped text fits either place. "{" is
# attr_list's, "!" an admonition's or an image's.
_MARKUP = {c: f"&#{ord(c)};" for c in "\\`*_[]{}|#!~"} | {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MARKUP_CHAR = re.compile("[" + re.escape("".join(_MARKUP)) + "]")
# At the start of a block: a list item ("-", "+", "1." or "1)") or a thematic break.
_BLOCK_START = re.compile(r"^([-+=]|\d{1,9}[.)])")


def md_text(value: object) -> str:
    """Plain text placed into a generated page, in Markdown or in raw HTML: no
    accidental emphasis, links, lists, tables or tags, with either engine."""
    text = _CJK_BREAK.sub("", str(value).strip()).replace("\n", " ")
    text = _MARKUP_CHAR.sub(lambda m: _MARKUP[m.group()], text)
    return _BLOCK_START.sub(lambda m: m.group()[:-1] + f"&#{ord(m.group()[-1])};", text)


def money(amount: float | int) -> str:
    return f"{amount:,.2f}".rstrip("0").rstrip(".") if amount % 1 else f"{int(amount):,}"


def tel_uri(number: str) -> str:
    """tel: wants digits (and a leading +); 0886-3621234 → tel:0886-3621234 keeps dashes."""
    return "tel:" + re.sub(r"[^\d+\-]", "", number)


def schedule_text(schedule) -> str:
    return describe_schedule(schedule.freq, schedule.byday, schedule.bymonthday,
                             schedule.opens, schedule.closes)


class UnplannedLink(LookupError):
    """A template linked to a page or file the site does not have: a fault of gongkai's
    templates or page plan, caught while rendering instead of by the link check."""


@pass_context
def url(context, target: str) -> str:
    """The final relative URL, from the page being rendered, of a docs path the site
    has (its pages, copied files and the print step's pages): pages are folders
    (fees/x/index.md is served as fees/x/). A path the site does not have raises."""
    registry = context["registry"]
    # A version's stub (generator/stubs) stands at a page's address as a static file.
    if target not in registry and target.removesuffix(".md") + ".html" not in registry:
        raise UnplannedLink(f"页面 {context['page_path']} 链接到「{target}」，但网站没有这个页面或文件")
    relative = _relative(target, posixpath.dirname(context["page_path"]) or ".")
    return relative[: -len("index.md")] if relative.endswith("index.md") else relative


# Pages link to the same few folders thousands of times.
@functools.lru_cache(maxsize=65536)
def _relative(target: str, here: str) -> str:
    """posixpath.relpath for docs paths, without its two abspath calls (each asks the
    system for the working folder): a fifth of rendering a big site's pages."""
    to = target.split("/")
    start = [] if here == "." else here.split("/")
    if "" in to[:-1] or "." in to or ".." in to or "" in start or "." in start or ".." in start:
        return posixpath.relpath(target, here)
    common = 0
    for a, b in zip(to, start):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(start) - common) + [part for part in to[common:] if part]) or "."


@pass_context
def heading_id(context, text: str) -> str:
    """The id Python-Markdown's toc gave a heading with this text: the site's slug
    (mkdocs.yml), made unique in the page as toc does (第一条, 第一条_1)."""
    return unique(heading_slug(text, "-"), context["anchors"])


@pass_context
def clerk_html(context, text: str, base: str) -> str:
    """A clerk's Markdown as HTML, converted before the pages render (render/clerk.py),
    its links written at docs path `base` made relative to this page."""
    return relink(context["converted"][text], base, context["page_path"])


def iso(d: date | None) -> str:
    return d.isoformat() if d else ""


TEMPLATES_KIND = "templates"     # compiled templates in build/cache


# One environment per process: compiling the templates costs more than rendering
# them, and `gongkai changes` renders a site once per compared day.
@functools.cache
def make_environment() -> Environment:
    env = Environment(loader=PackageLoader("generator.render", "templates"),
                      undefined=StrictUndefined, keep_trailing_newline=True,
                      trim_blocks=True, lstrip_blocks=True, autoescape=False,
                      auto_reload=False)   # templates ship with the package; no stat per include
    env.filters.update(md=md_text, money=money, tel=tel_uri,
                       cn_date=format_date_cn, iso=iso,
                       schedule_text=schedule_text, label=label,
                       weekday=lambda d: WEEKDAY_CN[d.weekday()],
                       contact_kind=lambda kind: CONTACT_KIND_LABELS.get(kind, kind))
    env.globals.update(url=url, heading_id=heading_id, clerk_html=clerk_html,
                       printing=print_targets)
    return env


def compile_templates(store: Store | None = None) -> None:
    """Every template compiled, before any worker is forked, so the workers share them
    (compiled on first use, each worker compiled them again). `store` keeps the
    compiled code: compiling was a fifth of rendering a site with one item changed."""
    env = make_environment()
    env.bytecode_cache = StoredBytecode(store) if store is not None else None
    try:
        for name in env.list_templates():
            env.get_template(name)
    finally:
        env.bytecode_cache = None


def render_markdown(template: str, page_path: str, registry: frozenset[str] = frozenset(),
                    converted: dict[str, str] | None = None, **context) -> str:
    """A page's Markdown from its template; `registry` holds every docs path the site
    has, which is all a page may link to, and `converted` the HTML of each clerk text."""
    return make_environment().get_template(template).render(
        page_path=page_path, registry=registry, converted=converted or {}, anchors=set(),
        **context)
