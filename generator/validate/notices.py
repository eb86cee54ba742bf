"""Notice rules: a valid period, and an objection channel for 公示."""

from __future__ import annotations

from ..load.site_loader import SiteData
from ..notices.period import check_period
from ..problems import Problem

NEEDS_OBJECTION = ("名单公示", "结果公示")


def check_notices(site: SiteData) -> list[Problem]:
    problems: list[Problem] = []
    for item in site.of_kind("notice"):
        for n, version in enumerate(item.versions):
            content = version.content
            spec = content.get("period")
            if spec is not None and "period" in version.changed:
                _, found = check_period(spec.start, spec.days, spec.working_days, spec.end,
                                        calendar=site.calendar, file=item.file,
                                        line=item.line("versions", n, "period"),
                                        field=f"versions[{n + 1}].period")
                problems.extend(found)
            if content.get("list") is not None and spec is None:
                problems.append(Problem(
                    item.file, item.line("versions", n, "list"), f"versions[{n + 1}].list",
                    "有公示名单却没有写公示期",
                    "请写 period（start 加 days、working_days 或 end），名单会在期满后自动撤下"))
            if content.get("kind") in NEEDS_OBJECTION and not content.get("objection_contacts") \
                    and {"kind", "objection_contacts"} & version.changed:
                problems.append(Problem(
                    item.file, item.line("versions", n), f"versions[{n + 1}].objection_contacts",
                    f"{content['kind']}没有写异议反映渠道",
                    "请在 objection_contacts 里列出举报电话、意见箱或地址，群众才能在公示期内反映问题",
                    level="warning"))
    return problems
