"""The `minimal` fixture with a version history, shared by the tests/test_versions_* files.

subsidies/jiangli: v1 2026-03-04 (720 元), v2 2026-06-01 (800 元, major),
v3 2027-01-01 (960 元 and one more material, major). services/guangrongzheng:
a minor v2 on 2026-06-01. policies/xize: a major v2 on 2026-05-01 that rewrites
the body, repealed on 2026-09-30. policies/guanli expires on 2026-10-31.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from generator.build import build

BEFORE, MIDDLE, AFTER = date(2026, 4, 1), date(2026, 11, 28), date(2027, 2, 1)

SUBSIDY = """\
title: 农村部分计划生育家庭奖励扶助
publisher: town
created: 2026-03-02
published: 2026-03-04
topic: 计划生育
versions:
  - effective_from: 2026-03-04
    eligibility: [本人及配偶均为农业户口]
    amounts:
      - label: 奖励扶助金
        amount: 720
        unit: 元/人·年
    materials:
      - name: 居民身份证
        form: 原件
        copies: 1
    contacts: [zixun]
  - effective_from: 2026-06-01
    change_note: 奖励扶助金提高到每人每年800元 & 其他不变<第二版>
    amounts:
      - label: 奖励扶助金
        amount: 800
        unit: 元/人·年
  - effective_from: 2027-01-01
    change_note: 奖励扶助金提高到每人每年960元，增加户口簿。
    amounts:
      - label: 奖励扶助金
        amount: 960
        unit: 元/人·年
    materials:
      - name: 居民身份证
        form: 原件
        copies: 1
      - name: 户口簿
        form: 原件和复印件
        copies: 1
"""

THIRD_VERSION = SUBSIDY[SUBSIDY.index("  - effective_from: 2027-01-01"):]

MINOR = """\
  - effective_from: 2026-06-01
    change_type: minor
    change_note: 咨询电话所在窗口调整。
    promised_limit: 1
"""

POLICY_V2 = """\
  - effective_from: 2026-05-01
    change_note: 第一条增加适用范围，新增第二条。
    doc_no: 测政发〔2026〕9号
    body: |
      第一条 为规范社会抚养费征收管理，保护群众合法权益，制定本细则。

      第二条 征收人员应当出示执法证件。

      第三条 本细则自发布之日起施行。
"""

REPEAL = """\
repealed:
  date: 2026-09-30
  reason: 上位法已修改，本细则停止执行。
"""


EXPIRED_POLICY = """\
title: 流动人口计划生育管理服务办法
publisher: town
created: 2026-03-02
published: 2026-03-04
expires: 2026-10-31
versions:
  - effective_from: 2026-03-04
    doc_no: 测政发〔2026〕2号
    genre: 行政规范性文件
    body: 第一条 本办法有效期至2026年10月31日。
"""


def write_subsidy(site, third: bool = True) -> None:
    site.write("data/subsidies/jiangli.yaml", SUBSIDY if third else SUBSIDY.replace(THIRD_VERSION, ""))


def make_versioned(site, third: bool = True) -> None:
    """The whole history; with third=False the subsidy stops at v2."""
    write_subsidy(site, third)
    site.append("data/services/guangrongzheng.yaml", MINOR)
    site.append("data/policies/xize.yaml", POLICY_V2)
    site.replace("data/policies/xize.yaml", "versions:\n", REPEAL + "versions:\n")
    site.write("data/policies/guanli.yaml", EXPIRED_POLICY)


def page(root: Path, rel: str) -> str:
    """The article of a built page (without the navigation and table of contents)."""
    html = (root / "build/site" / rel / "index.html").read_text(encoding="utf-8")
    start = html.index("<article class=\"md-content__inner")
    return html[start:html.index("</article>", start)]


def doc(root: Path, rel: str) -> str:
    return (root / "build/docs" / rel / "index.md").read_text(encoding="utf-8")


def stub_target(root: Path, rel: str) -> str | None:
    """Where the page at `rel` forwards to, read from its meta refresh; None for a page."""
    html = (root / "build/site" / rel / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]*)">', html)
    return found.group(1) if found else None


def build_at(root: Path, as_of: date) -> Path:
    build(root, as_of)
    return root
