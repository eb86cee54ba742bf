"""The Jinja2 environment for Markdown pages: filters for dates, money, links."""

from __future__ import annotations

import functools
import posixpath
import re
from datetime import date

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context

from ..calendars.schedule import WEEKDAY_CN, describe_schedule
from ..model.labels import CONTACT_KIND_LABELS, label
from ..notices.period import format_date_cn
from ..print import targets as print_targets
from .clerk import clerk_html

_MD_SPECIAL = re.compile(r"([\\`*_\[\]>|#])")
_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
# A line break inside Chinese text is no space; between Latin words it is one.
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t]*\n\s*|\s*\n[ \t]*(?=[{_CJK}])")


def md_text(value: object) -> str:
    """Plain text placed into Markdown: no accidental emphasis, links or tables."""
    text = _CJK_BREAK.sub("", str(value).strip())
    # Python-Markdown cannot backslash-escape "<", so it becomes an entity.
    return _MD_SPECIAL.sub(r"\\\1", text).replace("<", "&lt;").replace("\n", " ")


def money(amount: float | int) -> str:
    return f"{amount:,.2f}".rstrip("0").rstrip(".") if amount % 1 else f"{int(amount):,}"


def tel_uri(number: str) -> str:
    """tel: wants digits (and a leading +); 0886-3621234 → tel:0886-3621234 keeps dashes."""
    return "tel:" + re.sub(r"[^\d+\-]", "", number)


def schedule_text(schedule) -> str:
    return describe_schedule(schedule.freq, schedule.byday, schedule.bymonthday,
                             schedule.opens, schedule.closes)


@pass_context
def link(context, target: str) -> str:
    """A relative link from the page being rendered to another docs path."""
    return _relative(target, posixpath.dirname(context["page_path"]) or ".")


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
def url(context, target: str) -> str:
    """A relative URL for raw HTML, which MkDocs does not rewrite: pages are
    folders (fees/x/index.md is served as fees/x/)."""
    relative = link(context, target)
    return relative[: -len("index.md")] if relative.endswith("index.md") else relative


def iso(d: date | None) -> str:
    return d.isoformat() if d else ""


# One environment per process: compiling the templates costs more than rendering
# them, and `gongkai changes` renders a site once per compared day.
@functools.cache
def make_environment() -> Environment:
    env = Environment(loader=PackageLoader("generator.render", "templates"),
                      undefined=StrictUndefined, keep_trailing_newline=True,
                      trim_blocks=True, lstrip_blocks=True, autoescape=False,
                      auto_reload=False)   # templates ship with the package; no stat per include
    env.filters.update(md=md_text, clerk_html=clerk_html, money=money, tel=tel_uri,
                       cn_date=format_date_cn, iso=iso,
                       schedule_text=schedule_text, label=label,
                       weekday=lambda d: WEEKDAY_CN[d.weekday()],
                       contact_kind=lambda kind: CONTACT_KIND_LABELS.get(kind, kind))
    env.globals.update(link=link, url=url, printing=print_targets)
    # Compiled here, once, so the workers forked later share them; compiled on first
    # use, each worker (and each that replaced it) compiled them again.
    for name in env.list_templates():
        env.get_template(name)
    return env
