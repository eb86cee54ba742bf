"""Real `mkdocs build`s of the example, of a fresh `gongkai init` site, and of failures."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from generator.build import build
from generator.cli import main
from generator.problems import ProblemsError
from generator.render.pages import Pager, dump_front

AS_OF = date(2026, 11, 28)


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def example_build(example_built):
    return example_built.folder, example_built.result


def html(site, rel: str) -> str:
    return (site.root / "build/site" / rel).read_text(encoding="utf-8")


def test_example_builds_every_page(example_build):
    site, result = example_build
    out = site.root / "build/site"
    for rel in ("index.html", "guide/index.html", "catalog/index.html", "contacts/index.html",
                "policies/index.html", "fees/index.html", "subsidies/index.html",
                "services/index.html", "notices/index.html"):
        assert (out / rel).is_file(), rel
    for kind in ("policies", "fees", "subsidies", "services", "notices"):
        for data_file in (site.root / "data" / kind).glob("*.yaml"):
            assert (out / kind / data_file.stem / "index.html").is_file()
    assert result.pages >= 24


def test_pages_are_chinese_and_load_nothing_from_other_hosts(example_build):
    site, _ = example_build
    for page in (site.root / "build/site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert '<html lang="zh' in text
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text
        for url in re.findall(r'(?:src|href)="(https?://[^"]+)"', text):
            assert url.startswith("https://qingxiang.example.gov.cn/"), (page, url)


def test_contacts_page_has_tap_to_call_and_the_reception_day(example_build):
    site, _ = example_build
    page = html(site, "contacts/index.html")
    assert re.search(r'href="tel:0\d{2,3}-\d{7,8}"', page)
    assert "每月18日 09:00-12:00" in page
    assert "mailto:" in page


def test_service_guide_reads_like_the_printed_guide(example_build):
    site, _ = example_build
    page = html(site, "services/dusheng-zinv-guangrongzheng/index.html")
    for heading in ("申请条件", "申请材料", "办理流程", "办理时限", "收费"):
        assert heading in page
    assert "原件" in page and "复印件" in page
    assert re.search(r"承诺时限：(即办|\d+个工作日)", page)
    assert re.search(r"<ol>\s*<li>", page)


def test_catalogue_lists_every_public_item_with_its_facts(example_build):
    site, _ = example_build
    page = html(site, "catalog/index.html")
    rows = re.findall(r"<tr data-kind=\"(\w+)\"", page)
    assert len(rows) == len([p for p in (site.root / "data").glob("*/*.yaml") if p.parent.name != "report"])
    for header in ("索引号", "名称", "发布机构", "生成日期", "有效性"):
        assert header in page


def test_item_page_size_does_not_grow_with_the_item_count(minimal):
    build(minimal.root, AS_OF)
    page = minimal.root / "build/site/fees/fuyangfei/index.html"
    before = page.stat().st_size
    policy = minimal.read("data/policies/xize.yaml").replace('index_no: "TEST/2026-00001"\n', "")
    for n in range(40):
        minimal.write(f"data/policies/extra-{n}.yaml", policy.replace("实施细则", f"实施细则{n}"))
    build(minimal.root, AS_OF)
    assert (minimal.root / "build/site/policies/extra-39/index.html").is_file()
    # Items are not in the navigation, so another page does not grow with them.
    assert abs(page.stat().st_size - before) < 200


def test_footer_has_identity_and_build_stamp(example_build):
    site, _ = example_build
    page = html(site, "index.html")
    assert "主办单位" in page and "网站标识码" in page
    assert "构建于" in page and "数据截至 2026-11-28" in page


def test_init_makes_a_site_that_builds(tmp_path, capsys):
    target = tmp_path / "newtown"
    assert main(["init", str(target)]) == 0
    assert main(["-C", str(target), "validate"]) == 0
    assert main(["-C", str(target), "build", "--as-of", "2026-11-28"]) == 0
    assert (target / "build/site/index.html").is_file()
    assert main(["init", str(target)]) == 2       # never overwrites an existing site


def test_the_overrides_folder_is_used_when_there_and_not_needed_otherwise(tmp_path):
    target = tmp_path / "newtown"
    assert main(["init", str(target)]) == 0
    overrides = target / "site_config/overrides"
    assert overrides.is_dir() and not list(overrides.iterdir())
    overrides.rmdir()                             # as in a git checkout: no empty folders
    assert main(["-C", str(target), "build", "--as-of", "2026-11-28"]) == 0
    overrides.mkdir()
    (overrides / "main.html").write_text(
        '{% extends "base.html" %}{% block footer %}本镇自己的页脚{{ super() }}{% endblock %}',
        encoding="utf-8")
    assert main(["-C", str(target), "build", "--as-of", "2026-11-28"]) == 0
    assert "本镇自己的页脚" in (target / "build/site/index.html").read_text(encoding="utf-8")


def test_new_writes_a_template_whose_only_problems_are_its_placeholders(minimal, capsys):
    for kind, slug in (("policy", "p-1"), ("fee", "f-1"), ("subsidy", "s-1"),
                       ("service", "g-1"), ("notice", "n-1")):
        assert main(["-C", str(minimal.root), "new", kind, slug]) == 0
    capsys.readouterr()
    assert main(["-C", str(minimal.root), "validate"]) == 1
    problems = [line for line in capsys.readouterr().err.splitlines() if line.startswith("data/")]
    assert len({line.split(":")[0] for line in problems}) == 5
    assert all("还是模板里的示例文字" in line for line in problems), problems
    assert main(["-C", str(minimal.root), "new", "fee", "f-1"]) == 2
    assert main(["-C", str(minimal.root), "new", "fee", "Bad_Slug"]) == 2


def test_failed_build_leaves_previous_site_byte_for_byte(minimal):
    build(minimal.root, AS_OF)
    before = snapshot(minimal.root / "build/site")
    minimal.replace("data/fees/fuyangfei.yaml", "publisher: town", "publisher: nobody")
    with pytest.raises(ProblemsError):
        build(minimal.root, AS_OF)
    assert snapshot(minimal.root / "build/site") == before


def test_mkdocs_failure_leaves_previous_site_byte_for_byte(minimal):
    build(minimal.root, AS_OF)
    before = snapshot(minimal.root / "build/site")
    # A hand-written page linking to a page that does not exist: MkDocs warns, we fail.
    minimal.write("content/about.md", "# 关于\n\n[不存在](nowhere.md)\n")
    with pytest.raises(ProblemsError) as caught:
        build(minimal.root, AS_OF)
    assert "nowhere.md" in str(caught.value)
    assert snapshot(minimal.root / "build/site") == before
    assert not list((minimal.root / "build").glob(".site-*"))


def test_unchanged_markdown_is_not_rewritten(minimal):
    first = build(minimal.root, AS_OF)
    second = build(minimal.root, AS_OF)
    assert first.docs.written > 0 and second.docs.written == 0
    assert second.docs.unchanged == first.docs.written


def test_exit_codes(minimal, tmp_path, capsys):
    assert main(["-C", str(minimal.root), "validate"]) == 0
    assert main(["-C", str(tmp_path / "nowhere"), "validate"]) == 2
    with pytest.raises(SystemExit) as caught:
        main(["-C", str(minimal.root), "build", "--as-of", "2026-13-01"])
    assert caught.value.code == 2
    assert "一年只有 1—12 月" in capsys.readouterr().err
    minimal.replace("data/policies/xize.yaml", "publisher: town", "publisher: nobody")
    assert main(["-C", str(minimal.root), "validate"]) == 1
    err = capsys.readouterr().err
    assert "data/policies/xize.yaml:2: publisher（发布机构）: 找不到机构「nobody」" in err


def test_console_script_is_installed():
    result = subprocess.run([Path(sys.executable).parent / "gongkai", "--help"],
                            capture_output=True, text=True)
    assert result.returncode == 0 and "validate" in result.stdout


def test_example_and_init_skeleton_share_one_mkdocs_config():
    from conftest import REPO
    assert (REPO / "mkdocs.yml").read_text() == \
        (REPO / "generator/scaffold/site/mkdocs.yml").read_text()


def test_incremental_builds_show_edits_removals_and_identity_changes(minimal):
    # --incremental is kept as a name: every build takes unchanged pages from build/cache.
    build(minimal.root, AS_OF, incremental=True)
    out = minimal.root / "build/site"
    untouched = out / "subsidies/jiangli/index.html"
    edited = out / "policies/xize/index.html"
    minimal.replace("data/policies/xize.yaml", "第二条 本细则", "第二条 本细则（已修订）")
    minimal.path("data/notices/gonggao.yaml").unlink()
    build(minimal.root, AS_OF, incremental=True)
    assert out.stat().st_mode & 0o777 == 0o755      # a web server may read it
    assert "（已修订）" in edited.read_text()
    assert not (out / "notices/gonggao/index.html").exists()
    assert "gonggao" not in (out / "notices/index.html").read_text()
    # A change of site identity reaches every page's footer, cached pages' too.
    minimal.replace("site_config/site.yaml", "name: 测试镇", "name: 新测试镇")
    build(minimal.root, AS_OF, incremental=True)
    assert "新测试镇" in untouched.read_text()


def test_failed_incremental_build_leaves_previous_site_byte_for_byte(minimal):
    # Its staging folder starts as hard links to the last site's files: no step may write into them.
    build(minimal.root, AS_OF, incremental=True)
    before = snapshot(minimal.root / "build/site")
    minimal.replace("data/policies/xize.yaml", "第二条 本细则", "第二条 本细则（已修订）")
    # MkDocs does not check raw HTML links: this dead link fails the build's last step,
    # after every other step has written its files.
    minimal.write("content/about.md", '# 关于\n\n<a href="../nowhere/">不存在</a>\n')
    with pytest.raises(ProblemsError) as caught:
        build(minimal.root, AS_OF, incremental=True)
    assert "nowhere" in str(caught.value)
    assert snapshot(minimal.root / "build/site") == before


def test_long_listings_and_the_catalogue_are_paged(minimal):
    policy = minimal.read("data/policies/xize.yaml").replace('index_no: "TEST/2026-00001"\n', "")
    for n in range(260):
        minimal.write(f"data/policies/extra-{n:03d}.yaml", policy.replace("实施细则", f"实施细则{n}"))
    build(minimal.root, AS_OF)
    out = minimal.root / "build/site"
    first = (out / "policies/index.html").read_text()
    assert "共 261 条，第 1 / 6 页" in first and 'href="page/2/"' in first
    assert first.count('href="../policies/extra-') + first.count('href="extra-') <= 50
    assert (out / "policies/page/6/index.html").is_file()
    assert not (out / "policies/page/7").exists()
    catalogue = (out / "catalog/index.html").read_text()
    assert catalogue.count("<tr data-kind=") == 200
    assert (out / "catalog/page/2/index.html").is_file()
    assert (out / "catalog/2026/index.html").is_file()
    # The site's history too: 200 updates a page, the newest first.
    updates = (out / "updates/index.html").read_text()
    assert "第 1 / 2 页" in updates and 'href="page/2/"' in updates
    assert updates.count("<tr>") == 201        # a header row and 200 updates
    assert "更新记录 第 2 页" in (out / "updates/page/2/index.html").read_text()


def test_pager_links_the_first_the_last_and_the_nearby_pages():
    paths = tuple(f"p{n}" for n in range(1, 101))
    assert Pager(1, paths).window() == [1, 2, 3, None, 100]
    assert Pager(50, paths).window() == [1, None, 48, 49, 50, 51, 52, None, 100]
    assert Pager(4, paths).window() == [1, 2, 3, 4, 5, 6, None, 100]
    assert Pager(2, paths[:3]).window() == [1, 2, 3]


def test_front_matter_reads_back_as_written():
    front = {"title": "关于“依法行政”的通知: 第1版 #2 - no", "no": None, "version": 3,
             "tricky": "line\u2028break\x85next\x9f\ttab \"quoted\" \\ end", "flag": True,
             "search": {"kind": "政策文件", "date": "2026-05-26"}, "fields": ["a", "b"]}
    text = dump_front(front)
    assert text.startswith("---\n") and text.endswith("---\n\n")
    assert yaml.safe_load(text.strip().strip("-")) == front
    assert "title: \"关于“依法行政”的通知" in text      # Chinese stays readable
