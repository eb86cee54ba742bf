"""Dates in order: created ≤ published, versions strictly increasing, repeal after creation."""

from __future__ import annotations

from ..load.site_loader import SiteData
from ..problems import Problem


def check_dates(site: SiteData) -> list[Problem]:
    problems: list[Problem] = []
    for item in site.items:
        meta = item.meta
        if meta.published < meta.created:
            problems.append(Problem(item.file, item.line("published"), "published",
                                    f"发布日期 {meta.published} 早于生成日期 {meta.created}",
                                    "发布日期不能早于生成（成文）日期，请核对"))
        previous = None
        for n, version in enumerate(meta.versions):
            if previous is not None and version.effective_from <= previous:
                problems.append(Problem(
                    item.file, item.line("versions", n, "effective_from"),
                    f"versions[{n + 1}].effective_from",
                    f"生效日期 {version.effective_from} 不晚于上一个版本的 {previous}",
                    "版本要按生效日期从早到晚排列，且每个版本的日期都要比上一个晚"))
            previous = version.effective_from
        if meta.repealed and meta.repealed.date < meta.created:
            problems.append(Problem(item.file, item.line("repealed", "date"), "repealed.date",
                                    f"废止日期 {meta.repealed.date} 早于生成日期 {meta.created}",
                                    "请核对废止日期"))
        if meta.expires and meta.expires < meta.created:
            problems.append(Problem(item.file, item.line("expires"), "expires",
                                    f"失效日期 {meta.expires} 早于生成日期 {meta.created}",
                                    "请核对失效日期"))
        if meta.repealed and meta.expires:
            problems.append(Problem(item.file, item.line("expires"), "expires",
                                    "同时写了 repealed（废止）和 expires（失效）",
                                    "一个条目只能是其中一种，请删掉一个"))
    return problems
