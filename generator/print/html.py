"""The print page's HTML: gongkai's own Jinja2 template, not the site theme."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..render.environment import money, schedule_text
from ..render.pages import RenderContext
from ..notices.period import format_date_cn
from ..site.csp import with_policy
from .sheet import Sheet


@cache
def _environment() -> Environment:
    env = Environment(loader=PackageLoader("generator.print", "templates"),
                      undefined=StrictUndefined, autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(cn_date=format_date_cn, money=money, schedule_text=schedule_text)
    return env


def render_sheet(ctx: RenderContext, sheet: Sheet) -> str:
    site = ctx.site
    return with_policy(_environment().get_template("print.html.j2").render(
        sheet=sheet, state=sheet.state, item=sheet.state.item, meta=sheet.state.item.meta,
        v=sheet.v, notice=sheet.notice, config=site.config, contacts=site.contacts,
        public=ctx.public))
