"""条例 第二十六条: publish within 20 working days of creation (a warning)."""

from __future__ import annotations

from ..load.site_loader import SiteData
from ..notices.workdays import NotCovered
from ..problems import Problem

LIMIT_WORKING_DAYS = 20


def check_timeliness(site: SiteData) -> list[Problem]:
    problems: list[Problem] = []
    for item in site.items:
        created, published = item.meta.created, item.meta.published
        if published <= created:
            continue
        try:
            days = len(site.calendar.working_days_between(created, published)) - 1
        except NotCovered:
            continue   # old items from years no calendar covers: nothing to measure
        if days > LIMIT_WORKING_DAYS:
            problems.append(Problem(
                item.file, item.line("published"), "published",
                f"发布日期比生成日期晚了 {days} 个工作日，超过《政府信息公开条例》第二十六条的 20 个工作日",
                "如属实请在内部说明原因；如是笔误请核对日期", level="warning"))
    return problems
