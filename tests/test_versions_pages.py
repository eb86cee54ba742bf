"""Point-in-time pages: one site built at three dates, version and comparison pages,
history, banners, status lists (real `mkdocs build`s of the minimal fixture)."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import FIXTURES, copy_site
from versions_site import (AFTER, BEFORE, MIDDLE, build_at, doc, make_versioned, page,
                           stub_target, write_subsidy)

ITEM = "subsidies/jiangli"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The versioned minimal site built as of each of three dates."""
    roots = {}
    for as_of in (BEFORE, MIDDLE, AFTER):
        site = copy_site(FIXTURES / "minimal", tmp_path_factory.mktemp(f"v{as_of:%Y%m%d}"))
        make_versioned(site)
        roots[as_of] = build_at(site.root, as_of)
    return roots


def front(markdown: str) -> dict:
    return yaml.safe_load(markdown.split("---\n")[1])


def amount_row(html: str) -> str:
    return re.search(r'<td data-label="项目">奖励扶助金</td>\s*'
                     r'<td data-label="金额"><span class="gk-nowrap">([^<]+)</span>', html).group(1)


@pytest.mark.parametrize("as_of, version, amount, status", [
    (BEFORE, 1, "720 元", "有效"), (MIDDLE, 2, "800 元", "有效"), (AFTER, 3, "960 元", "有效")])
def test_item_page_shows_the_version_in_force_on_the_build_date(built, as_of, version, amount,
                                                                  status):
    root = built[as_of]
    assert amount_row(page(root, ITEM)) == amount
    facts = front(doc(root, ITEM))
    assert (facts["version"], facts["status"]) == (version, status)
    # Every other version has its page, showing its own content; the one in force
    # is the item page's, and its address forwards there.
    for n, expected in ((1, "720 元"), (2, "800 元"), (3, "960 元")):
        if n == version:
            assert stub_target(root, f"{ITEM}/v/{n}") == "../../"
            assert not (root / "build/docs" / ITEM / f"v/{n}/index.md").exists()
        else:
            assert amount_row(page(root, f"{ITEM}/v/{n}")) == expected


def test_upcoming_version_is_announced_with_its_date_and_changes(built):
    html = page(built[MIDDLE], ITEM)
    banner = re.search(r'<div class="admonition info">(.*?)</div>', html, re.S).group(1)
    assert "即将生效" in banner and "2027年1月1日" in banner and "第3版" in banner
    assert "800 元 → 960 元" in banner
    assert "新增「户口簿」" in banner
    assert 'href="v/3/"' in banner and 'href="compare/2-3/"' in banner
    upcoming = page(built[MIDDLE], f"{ITEM}/v/3")
    assert 'class="gk-version gk-version--upcoming"' in upcoming
    assert "目前尚未施行" in upcoming
    assert front(doc(built[MIDDLE], f"{ITEM}/v/3"))["status"] == "即将生效"
    # Once in force there is nothing upcoming left to announce.
    assert "即将生效" not in page(built[AFTER], ITEM).split('<h2 id="history">')[0]


def test_historical_version_is_marked_and_links_to_the_current_one(built):
    html = page(built[MIDDLE], f"{ITEM}/v/1")
    assert 'class="gk-version gk-version--historical"' in html
    banner = re.search(r'<div class="admonition warning">(.*?)</div>', html, re.S).group(1)
    assert "历史版本（已修改）" in banner and "不是现行有效的版本" in banner
    assert 'href="../../">查看现行版本</a>' in banner
    assert 'href="../../compare/1-2/"' in banner
    facts = front(doc(built[MIDDLE], f"{ITEM}/v/1"))
    assert facts["status"] == "已修改" and facts["superseded_on"] == "2026-06-01"
    history = html.split('<h2 id="history">修订记录</h2>')[1]
    assert '<a href="../../">全文</a>' in history      # v2 is read on the item page
    assert stub_target(built[MIDDLE], f"{ITEM}/v/2") == "../../"


def test_comparison_lists_the_changed_amount_with_old_and_new_values(built):
    html = page(built[MIDDLE], f"{ITEM}/compare/2-3")
    section = html.split("扶助标准</h2>")[1].split("</table>")[0]
    assert "～ 修改" in section and "金额" in section
    # Numbers change whole: 800 → 960, not 「80」→「96」 around a shared 0.
    assert '金额：<del><span class="gk-sr">删除：</span>800</del> 元' in section
    assert '金额：<ins><span class="gk-sr">新增：</span>960</ins> 元' in section
    materials = html.split("申请材料</h2>")[1].split("</table>")[0]
    assert "＋ 新增" in materials and "户口簿" in materials
    assert "居民身份证" not in materials       # unchanged rows are not listed
    facts = front(doc(built[MIDDLE], f"{ITEM}/compare/2-3"))
    assert facts["compare"] == {"from": 2, "to": 3}
    assert facts["changed_fields"] == ["amounts", "materials"]
    assert facts["effective_from"] == "2027-01-01" and facts["status"] == "即将生效"


def test_body_comparison_marks_chinese_edits_in_words_not_colour_alone(built):
    html = page(built[MIDDLE], "policies/xize/compare/1-2")
    body = html.split('<div class="gk-diff-text">')[1].split("</div>")[0]
    assert "～ 修改段落" in body and "＋ 新增段落" in body
    assert ("第一条 为规范社会抚养费征收管理，<ins><span class=\"gk-sr\">新增：</span>"
            "保护群众合法权益，</ins>制定本细则。") in body
    assert ("第<del><span class=\"gk-sr\">删除：</span>二</del>"
            "<ins><span class=\"gk-sr\">新增：</span>三</ins>条") in body
    assert "<ins><span class=\"gk-sr\">新增：</span>第二条 征收人员应当出示执法证件。</ins>" in body
    doc_no = html.split("文号</h2>")[1].split("</table>")[0]
    assert ('<del><span class="gk-sr">删除：</span>1</del>' in doc_no
            and '<ins><span class="gk-sr">新增：</span>9</ins>' in doc_no)


def test_history_table_lists_major_changes_and_keeps_minor_ones_apart(built):
    html = page(built[MIDDLE], ITEM)
    history = html.split('<h2 id="history">修订记录</h2>')[1].split("</table>")[0]
    rows = re.findall(r'<tr>\s*<td data-label="生效日期"><span class="gk-nowrap">(\d{4}-\d\d-\d\d)'
                      r'</span></td>\s*<td data-label="版本">第(\d)版</td>', history)
    assert rows == [("2026-03-04", "1"), ("2026-06-01", "2"), ("2027-01-01", "3")]
    assert "首次发布" in history and "奖励扶助金提高到每人每年800元 &amp; 其他不变&lt;第二版&gt;" in history
    assert 'href="compare/1-2/"' in history and 'href="v/3/"' in history
    assert '<strong>（本页）</strong>　<a href="v/2/"' in history and "本版固定链接" in history
    service = built[MIDDLE]
    guide = page(service, "services/guangrongzheng")
    assert "细微修改（不改变更新日期）" in guide and "咨询电话所在窗口调整" in guide
    facts = front(doc(service, "services/guangrongzheng"))
    assert facts["version"] == 2 and facts["updated"] == "2026-03-04"
    assert front(doc(service, ITEM))["updated"] == "2026-06-01"


def test_repealed_policy_moves_to_the_repealed_lists(built):
    def sections(html: str) -> tuple[str, str]:
        head, _, rest = html.partition("已废止、失效</h2>")
        return head, rest
    in_force, gone = sections(page(built[BEFORE], "policies"))
    assert "社会抚养费征收管理实施细则" in in_force and "社会抚养费征收管理实施细则" not in gone
    in_force, gone = sections(page(built[MIDDLE], "policies"))
    assert "社会抚养费征收管理实施细则" not in in_force.split("<h1")[1]
    assert "社会抚养费征收管理实施细则" in gone
    cleanup = page(built[MIDDLE], "cleanup")
    repealed = cleanup.split("已废止（1 件）")[1].split("</table>")[0]
    assert "社会抚养费征收管理实施细则" in repealed and "2026-09-30" in repealed
    assert "上位法已修改" in repealed
    assert "现行有效（0 件）" in cleanup
    expired = cleanup.split("已失效（1 件）")[1].split("</table>")[0]
    assert "流动人口计划生育管理服务办法" in expired and "2026-10-31" in expired
    assert "流动人口计划生育管理服务办法" in gone
    assert front(doc(built[MIDDLE], "policies/guanli"))["status"] == "失效"
    assert "现行有效（2 件）" in page(built[BEFORE], "cleanup")
    item = page(built[MIDDLE], "policies/xize")
    assert "本文件已废止" in item and "2026年9月30日" in item
    assert front(doc(built[MIDDLE], "policies/xize"))["status"] == "已废止"
    # Its last version is no longer "current": it is history, marked as such.
    last = page(built[MIDDLE], "policies/xize/v/2")
    assert "gk-version--historical" in last and "历史版本（已废止）" in last
    assert "2026年9月30日起随本文件废止" in last and "返回本文件页面" in last


def test_updates_page_lists_changes_newest_first_and_upcoming_apart(built):
    html = page(built[MIDDLE], "updates")
    upcoming, _, past = html.partition("已发生的更新")
    assert "2027-01-01" in upcoming and "第3版" in upcoming
    dates = re.findall(r'<td data-label="日期"><span class="gk-nowrap">(\d{4}-\d\d-\d\d)</span>', past)
    assert dates == sorted(dates, reverse=True) and dates[:2] == ["2026-10-31", "2026-09-30"]
    assert '<td data-label="变动">失效</td>' in past and '<td data-label="变动">废止</td>' in past
    assert "咨询电话所在窗口调整" not in html          # minor changes are not news
    assert 'href="../feeds/rss.xml"' in html and 'href="../feeds/atom.xml"' in html


def test_version_urls_keep_their_content_when_a_version_is_added(tmp_path):
    site = copy_site(FIXTURES / "minimal", tmp_path / "site")
    make_versioned(site, third=False)

    def content(n: int) -> str:
        text = doc(site.root, f"{ITEM}/v/{n}")
        return text.split(">享受条件</h2>")[1].split(">修订记录</h2>")[0]

    build_at(site.root, MIDDLE)
    before = content(1)
    assert stub_target(site.root, f"{ITEM}/v/2") == "../../"     # v2 is in force
    assert not (site.root / "build/site" / ITEM / "v/3").exists()
    write_subsidy(site)           # the same history with v3 appended
    build_at(site.root, MIDDLE)
    assert content(1) == before and "720 元" in before
    assert stub_target(site.root, f"{ITEM}/v/2") == "../../"
    assert amount_row(page(site.root, f"{ITEM}/v/3")) == "960 元"
