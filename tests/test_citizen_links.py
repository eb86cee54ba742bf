"""The dead-link check after each build: on hand-made HTML and in real builds."""

from __future__ import annotations

import pickle
import time
from datetime import date

import pytest

from generator.build import build
from generator.checks.links import LinkedPage, check_folder
from generator.problems import ProblemsError

AS_OF = date(2026, 11, 28)
BASE = "https://town.example.gov.cn/sub/"


def write(folder, rel, body):
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><body>{body}</body></html>", encoding="utf-8")


@pytest.fixture
def site_dir(tmp_path):
    folder = tmp_path / "site"
    write(folder, "index.html", "\n".join([
        '<a href="a/">ok folder</a>',
        '<a href="a/index.html#part">ok anchor</a>',
        '<a href="a/#gone">dead anchor</a>',
        '<a href="b/">dead page</a>',
        '<img src="img/logo.png" alt="">',
        '<a href="https://town.example.gov.cn/sub/a/#part">ok same host</a>',
        '<a href="https://town.example.gov.cn/sub/c/">dead same host</a>',
        '<a href="/sub/a/">ok root</a>',
        '<a href="/elsewhere/">dead outside the site folder</a>',
        '<a href="https://other.example.com/x/">other host</a>',
        '<a href="mailto:a@example.com">mail</a><a href="tel:0883-1">call</a>',
        '<a href="#top">top</a><a href="#here">here</a><p id="here"></p>',
        '<a href="#nowhere">dead here</a>',
    ]))
    write(folder, "a/index.html", '<h2 id="part">x</h2><a href="../">up</a><a name="old"></a>'
                                  '<a href="../index.html#here">back</a>'
                                  '<a href="../../../x/">above the root</a>'
                                  '<a href="#old">named</a>')
    return folder


def test_catches_dead_pages_anchors_and_files_only(site_dir):
    problems = check_folder(site_dir, BASE)
    found = {(p.file, p.message) for p in problems}
    assert all(p.level == "error" and p.file.startswith("site/") for p in problems)
    dead = sorted(message.split("死链接「")[1].split("」")[0] for _, message in found)
    assert dead == sorted(["a/#gone", "b/", "img/logo.png", "https://town.example.gov.cn/sub/c/",
                           "/elsewhere/", "#nowhere", "../../../x/"])
    gone = next(p for p in problems if "a/#gone" in p.message)
    assert gone.file == "site/index.html" and "网页 index.html（第3行）" in gone.message
    assert "锚点「#gone」在「a/index.html」里不存在" in gone.message
    assert "页面或文件「/b/」不存在" in next(p.message for p in problems if "b/" in p.message)


def test_a_planted_file_makes_the_dead_link_live(site_dir):
    before = len(check_folder(site_dir, BASE))
    write(site_dir, "b/index.html", "")
    assert len(check_folder(site_dir, BASE)) == before - 1


def test_a_thousand_pages_check_quickly(tmp_path):
    folder = tmp_path / "big"
    links = "".join(f'<a href="../p{n}/#h">p{n}</a>' for n in range(0, 1000, 20))
    filler = "<p>" + "政务公开" * 2000 + "</p>"
    for n in range(1000):
        write(folder, f"p{n}/index.html", f'<h1 id="h">{n}</h1>{links}{filler}')
    started = time.perf_counter()
    assert check_folder(folder, BASE) == []
    assert time.perf_counter() - started < 20


def test_build_fails_on_a_dead_anchor_and_keeps_the_last_site(minimal):
    build(minimal.root, AS_OF)
    good = (minimal.root / "build/site/index.html").read_bytes()
    # Raw HTML links pass MkDocs unchecked; the post-build check still sees them.
    minimal.write("content/about.md", '# 关于\n\n<a href="../catalog/#no-such-heading">目录</a>\n')
    with pytest.raises(ProblemsError) as caught:
        build(minimal.root, AS_OF)
    message = str(caught.value)
    # At the line and column the clerk wrote it, with the line shown.
    assert "content/about.md:3:10: 链接: 死链接「../catalog/#no-such-heading」" in message
    assert '\n    <a href="../catalog/#no-such-heading">目录</a>\n             ^' in message
    assert "锚点「#no-such-heading」在「catalog/index.html」里不存在" in message
    assert (minimal.root / "build/site/index.html").read_bytes() == good
    assert not (minimal.root / "build/site/about").exists()


def test_build_fails_on_a_markdown_link_to_a_missing_anchor(minimal):
    # MkDocs sees Markdown links first and warns; the build fails with its message.
    minimal.write("content/about.md", "# 关于\n\n[指南](guide/index.md#no-such-heading)\n")
    with pytest.raises(ProblemsError) as caught:
        build(minimal.root, AS_OF)
    assert "no-such-heading" in str(caught.value)


def test_a_dead_link_in_an_item_names_the_items_yaml(minimal):
    minimal.replace("data/policies/xize.yaml", "第二条 本细则",
                    '见<a href="../../nowhere/">附表</a>。\n\n      第二条 本细则')
    with pytest.raises(ProblemsError) as caught:
        build(minimal.root, AS_OF)
    # Shown on the item's page and its print sheet, reported once, where it was written.
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.column) == ("data/policies/xize.yaml", 14, 17)
    assert "死链接「../../nowhere/」" in problem.message
    assert "页面或文件「/nowhere/」不存在" in problem.message


def test_pages_pickled_apart_share_their_repeated_links():
    def page(line):
        return LinkedPage({"top", "__tabs"}, [("../../", 13, "", ""),
                                             ("../../fees/", line, "fees/", "")])

    first, second = (pickle.loads(pickle.dumps(page(line))) for line in (50, 60))
    assert first.links[0] is second.links[0]
    assert first.links[1] is not second.links[1] and first.links[1][2] is second.links[1][2]
    assert first == page(50) and second == page(60)


def test_a_generated_page_is_read_for_what_clerks_wrote(tmp_path):
    """Templates make their relative links from the page registry: in a generated page's
    content only a clerk's box and addresses from the data are read; around the
    content (the theme) and in other pages, everything."""
    folder = tmp_path / "site"
    article = "\n".join([
        '<a href="../made-by-template/">template</a>',
        '<div class="gk-body"><div class="admonition"><a href="../in-a-body/">body</a></div>',
        '<a href="../still-in-the-body/">body</a></div>',
        '<a href="https://town.example.gov.cn/sub/from-the-data/">website</a>',
        '<a href="/sub/from-the-data-too/">root</a>',
        '<a href="#made-too">anchor</a>',
    ])
    page = (f'<a href="../theme/">nav</a>\n<article class="md-content__inner md-typeset">\n{article}\n'
            f'</article>\n<a href="../theme-after/">footer</a>')
    write(folder, "p/index.html", page)
    write(folder, "q/index.html", page)

    def dead(problems):
        return sorted(p.message.split("死链接「")[1].split("」")[0] for p in problems)
    found = dead(check_folder(folder, BASE, generated=lambda rel: rel == "p/index.html"))
    clerk = ["../in-a-body/", "../still-in-the-body/", "../theme-after/", "../theme/",
             "/sub/from-the-data-too/", "https://town.example.gov.cn/sub/from-the-data/"]
    assert found == sorted(clerk + clerk + ["../made-by-template/", "#made-too"])
