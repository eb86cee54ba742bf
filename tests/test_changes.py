"""`gongkai changes` on a real temporary git repository with a short history."""

from __future__ import annotations

import pytest

from generator.cli import main
from generator.publish.changes import collect

from gitsite import AS_OF, commit, git, make_repo


@pytest.fixture
def repo(minimal):
    return minimal, make_repo(minimal)


def paths(changes, status=None):
    """Changed pages (downloads such as open data files are reported too, but not here)."""
    return {c.path for c in changes if c.path.endswith(".md") and (status is None or c.status == status)}


def test_added_item_is_a_new_page_and_updates_listings(repo):
    site, commits = repo
    report = collect(site.root, commits["base"], commits["add"], AS_OF)
    # Its only version is in force: its address holds a stub, not a second copy of the page.
    assert paths(report.data, "added") == {"policies/gongkai-zhidu/index.md"}
    stub = next(c for c in report.data if c.path == "policies/gongkai-zhidu/v/1/index.html")
    assert stub.status == "added" and stub.is_page and stub.title.startswith("信息公开工作制度（第1版）")
    assert stub.url == "https://test.example.gov.cn/policies/gongkai-zhidu/v/1/"
    assert {"policies/index.md", "catalog/index.md", "index.md"} <= paths(report.data, "changed")
    assert not paths(report.data, "removed")
    added = next(c for c in report.data if c.path == "policies/gongkai-zhidu/index.md")
    assert added.title == "信息公开工作制度"
    assert added.url == "https://test.example.gov.cn/policies/gongkai-zhidu/"
    assert '+title: "信息公开工作制度"' in added.diff     # front matter is part of the diff


def test_fee_change_diff_shows_old_and_new_amount(repo):
    site, commits = repo
    report = collect(site.root, commits["add"], commits["fee"], AS_OF)
    assert paths(report.data) == {"fees/fuyangfei/index.md"}
    assert "opendata/fee_standards.csv" in {c.path for c in report.data}
    assert "fees/fuyangfei/v/1/index.html" not in {c.path for c in report.data}
    diff = next(c for c in report.data if c.path == "fees/fuyangfei/index.md").diff
    assert any(line.startswith("-") and "1,200 元" in line for line in diff)
    assert any(line.startswith("+") and "1,500 元" in line for line in diff)


def test_notice_period_change_is_data_and_its_end_is_scheduled(repo):
    site, commits = repo
    report = collect(site.root, commits["fee"], commits["notice"], AS_OF)
    assert paths(report.data) == {"notices/gonggao/index.md", "index.md"}
    notice = next(c for c in report.data if c.path == "notices/gonggao/index.md")
    assert any("2026年11月29日" in line for line in notice.diff if line.startswith("+"))
    # The period ends on 11-29: from 11-30 the page says so, with nobody committing.
    days = {d.day.isoformat(): d for d in report.scheduled}
    assert "2026-11-30" in days
    ended = next(c for c in days["2026-11-30"].changes if c.path == "notices/gonggao/index.md")
    assert any(line.startswith("+") and "已结束" in line for line in ended.diff)
    # The scheduled end is not reported as a data change (same as-of date for both commits).
    assert not any("已结束" in line for c in report.data for line in c.diff)


def test_version_taking_effect_turns_its_stub_into_a_page_and_back(repo):
    site, commits = repo
    site.append("data/fees/fuyangfei.yaml", "  - effective_from: 2026-12-01\n"
                "    change_note: 增加缓收情形。\n"
                "    deferrals: [逢年过节时缓收, 家有病人时缓收]\n")
    revised = commit(site.root, "第2版12月1日起施行")
    report = collect(site.root, commits["notice"], revised, AS_OF)
    day = next(d for d in report.scheduled if d.day.isoformat() == "2026-12-01")
    changes = {c.path: c for c in day.changes if c.path.startswith("fees/fuyangfei/")}
    # The same two addresses change, each from one kind of file to the other; nothing is removed.
    old, new = changes["fees/fuyangfei/v/1/index.md"], changes["fees/fuyangfei/v/2/index.html"]
    assert old.status == new.status == "changed"
    assert old.diff[0] == "--- a/fees/fuyangfei/v/1/index.html" and "+++ b/fees/fuyangfei/v/1/index.md" in old.diff
    assert new.url == "https://test.example.gov.cn/fees/fuyangfei/v/2/"
    assert "fees/fuyangfei/index.md" in changes and len(changes) == 4     # and the comparison page
    assert "fees/fuyangfei/compare/1-2/index.md" in changes


def test_no_changes_between_identical_commits(repo):
    site, commits = repo
    report = collect(site.root, commits["notice"], commits["notice"], AS_OF, ahead=0)
    assert report.data == [] and report.scheduled == []


def test_invalid_old_commit_counts_every_page_as_added(repo):
    site, commits = repo
    site.write("data/fees/fuyangfei.yaml", "title: [坏\n")
    broken = commit(site.root, "坏数据")
    git(site.root, "checkout", "-q", commits["notice"], "--", "data/fees/fuyangfei.yaml")
    fixed = commit(site.root, "修好")
    report = collect(site.root, broken, fixed, AS_OF, ahead=0)
    assert report.old_problems and "fuyangfei.yaml" in str(report.old_problems[0])
    assert {c.status for c in report.data} == {"added"}
    assert "fees/fuyangfei/index.md" in paths(report.data)


def test_cli_markdown_for_a_merge_request(repo, capsys):
    site, commits = repo
    code = main(["-C", str(site.root), "changes", "--since", commits["base"], "--until",
                 commits["notice"], "--as-of", AS_OF.isoformat(), "--format", "markdown"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("## 公众可见的变化：")
    assert "### 数据修改带来的变化" in out and "### 到期自动发生的变化（今后 7 天）" in out
    assert "#### 2026-11-30 起" in out
    assert out.count("<details>") == out.count("</details>") >= 6
    assert "```diff\n" in out and '+<td data-label="标准"><span class="gk-nowrap">1,500 元</span></td>' in out
    assert "| 新增 | 信息公开工作制度 | <https://test.example.gov.cn/policies/gongkai-zhidu/> |" in out


def test_cli_defaults_on_main_compare_with_the_previous_commit(repo, capsys):
    site, _ = repo
    assert main(["-C", str(site.root), "changes", "--as-of", AS_OF.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "修改：领导接待日安排公告" in out and "社会抚养费" not in out.split("----")[0]


def test_cli_defaults_on_a_feature_branch_compare_with_the_merge_base(repo, capsys):
    site, commits = repo
    git(site.root, "checkout", "-q", "-b", "feature", commits["add"])
    site.replace("data/fees/fuyangfei.yaml", "amount: 1200", "amount: 900")
    commit(site.root, "降低收费")
    assert main(["-C", str(site.root), "changes", "--as-of", AS_OF.isoformat(), "--ahead", "0"]) == 0
    out = capsys.readouterr().out
    # Compared with where the branch left main (the "add" commit), not with main's tip.
    assert "修改：社会抚养费" in out and "公告" not in out.split("----")[0]


def test_cli_working_tree_and_unknown_revision(repo, capsys):
    site, _ = repo
    site.replace("data/fees/fuyangfei.yaml", "amount: 1500", "amount: 1600")
    assert main(["-C", str(site.root), "changes", "--since", "HEAD", "--working-tree",
                 "--as-of", AS_OF.isoformat(), "--ahead", "0"]) == 0
    out = capsys.readouterr().out
    assert "工作区" in out and '+<td data-label="标准"><span class="gk-nowrap">1,600 元</span></td>' in out
    assert main(["-C", str(site.root), "changes", "--since", "no-such-branch"]) == 2
    assert "找不到这个提交" in capsys.readouterr().err


def test_site_in_a_subfolder_of_the_repository(minimal, tmp_path):
    top = tmp_path / "top"
    top.mkdir()
    minimal.root.rename(top / "site")
    (top / "README.md").write_text("仓库说明\n", encoding="utf-8")
    git(top, "init", "-q")
    first = commit(top, "网站放在子文件夹里")
    (top / "site/data/fees/fuyangfei.yaml").write_text(
        (top / "site/data/fees/fuyangfei.yaml").read_text(encoding="utf-8")
        .replace("按上年度农村居民人均可支配收入计征", "按上年度农村居民人均可支配收入的两倍计征"),
        encoding="utf-8")
    (top / "README.md").write_text("改了说明\n", encoding="utf-8")
    second = commit(top, "改收费")
    report = collect(top / "site", first, second, AS_OF, ahead=0)
    assert paths(report.data) == {"fees/fuyangfei/index.md"}
