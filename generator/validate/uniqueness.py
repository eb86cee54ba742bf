"""Slugs are URLs and index numbers are citations: both must be unique site-wide."""

from __future__ import annotations

from ..load.site_loader import SiteData
from ..problems import Problem


def check_unique(site: SiteData) -> list[Problem]:
    problems: list[Problem] = []
    seen_slug: dict[str, str] = {}
    seen_index: dict[str, str] = {}
    for item in site.items:
        if item.slug in seen_slug:
            problems.append(Problem(item.file, None, "文件名",
                                    f"文件名「{item.slug}」和 {seen_slug[item.slug]} 重复，网址会冲突",
                                    "请给其中一个换个文件名"))
        else:
            seen_slug[item.slug] = item.file
        number = item.meta.index_no
        if number:
            if number in seen_index:
                problems.append(Problem(item.file, item.line("index_no"), "index_no",
                                        f"索引号「{number}」和 {seen_index[number]} 重复",
                                        "每个条目的索引号必须不同，请核对后修改"))
            else:
                seen_index[number] = item.file
    return problems
