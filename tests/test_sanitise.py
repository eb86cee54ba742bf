"""The sanitiser on its own: every corpus case, through the same Markdown extensions
MkDocs uses, comes out without anything that runs; the validator warns about each."""

from __future__ import annotations

import re

import markdown
import pytest
import yaml
from mkdocs.utils.yaml import get_yaml_loader

from markdown_it_pyrs import MarkdownIt

from conftest import REPO
from generator.render.clerk import convert
from generator.render.environment import make_environment
from generator.sanitise import RESERVED_ID, clean_page, heading_slug
from generator.validate.markdown_safety import unsafe_html
from generator.validated import load_and_validate
from xss_corpus import expected_warning, live_script, payloads

CASES = payloads()


def _extensions() -> tuple[list, dict]:
    """mkdocs.yml's markdown_extensions, as MkDocs hands them to Python-Markdown."""
    # MkDocs' own loader: mkdocs.yml names the toc slug function with !!python/name.
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=get_yaml_loader())
    names, configs = [], {}
    for entry in config["markdown_extensions"]:
        if isinstance(entry, dict):
            (name, options), = entry.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(entry)
    return names, configs


def test_the_corpus_is_there():
    assert len(CASES) > 60


def test_the_check_sees_what_runs():
    """Control: without the sanitiser, the corpus is full of live script."""
    names, configs = _extensions()
    live = [case for case in CASES
            if live_script(markdown.markdown(case, extensions=names, extension_configs=configs))]
    assert len(live) > 40, live


@pytest.mark.parametrize("case", CASES)
def test_nothing_runs_after_markdown_and_the_sanitiser(case):
    names, configs = _extensions()
    html = clean_page(markdown.markdown(f"前文\n\n{case}\n\n后文", extensions=names,
                                        extension_configs=configs))
    assert live_script(html) == []
    assert "<!--" not in html


PAGE = """{% import "_macros.md.j2" as m with context %}前文

{{ m.clerk(body) }}

{{ m.heading(2, "异议渠道") }}

- 举报电话
"""


@pytest.mark.parametrize("case", CASES)
def test_a_body_cannot_swallow_the_page_after_it(case):
    """An unclosed <p>, <style> or <!-- in a body ends with the body: the generated
    sections after it (a notice's objection channels) are still Markdown of their own,
    whichever engine converts the page (Python-Markdown or CommonMark)."""
    names, configs = _extensions()
    page = make_environment().from_string(PAGE).render(
        body=case, converted={case: convert(case)}, page_path="notices/x/index.md",
        registry=frozenset(), anchors=set())
    for html in (markdown.markdown(page, extensions=names, extension_configs=configs),
                 MarkdownIt("commonmark").enable("table").render(page)):
        html = clean_page(html)
        assert live_script(html) == []
        assert re.search(r"<h2[^>]*>异议渠道</h2>\s*<ul>\s*<li>举报电话</li>", html), html


@pytest.mark.parametrize("case", CASES)
def test_the_sanitiser_is_stable(case):
    """Cleaning what it cleaned changes nothing: no second pass could uncover something."""
    once = clean_page(case)
    assert clean_page(once) == once


def test_table_alignment_survives_without_style():
    html = clean_page(markdown.markdown("| a | b |\n|--:|:-:|\n| 1 | 2 |", extensions=["tables"]))
    assert 'align="right"' in html and 'align="center"' in html and "style" not in html


def test_reserved_ids_are_dropped_and_others_kept():
    html = clean_page('<h2 id="一申请条件">x</h2><div id="__config">y</div><p id="md-x">z</p>'
                      '<div data-md-component="dialog" data-gk-filter="catalog">w</div>')
    assert 'id="一申请条件"' in html and "__config" not in html and "md-x" not in html
    assert "data-md-component" not in html and 'data-gk-filter="catalog"' in html


@pytest.mark.parametrize("case", CASES)
def test_the_validator_names_what_will_go(case):
    found = unsafe_html(f"前文\n\n{case}\n")
    assert bool(found) == expected_warning(case), found
    assert all(line >= 3 for line, _, _ in found)


def test_body_findings_are_warnings_with_file_line_and_field(minimal):
    policy = "data/policies/xize.yaml"
    minimal.replace(policy, "      第二条 本细则自发布之日起施行。\n",
                    "      第二条 本细则自发布之日起施行。\n\n      <img src=x onerror=alert(1)>\n"
                    "      <font color=red>红字</font>\n")
    minimal.write("content/about.md", "# 关于\n\n[x][1]\n\n[1]: java&#9;script:alert(1)\n")
    _, warnings = load_and_validate(minimal.root)
    body = [p for p in warnings if p.file == policy and p.field == "versions[1].body"]
    assert {p.line for p in body} == {16, 17}
    assert any("onerror" in p.message and "脚本" in p.message for p in body)
    assert any("<font>" in p.message for p in body)
    page = [p for p in warnings if p.file == "content/about.md"]
    assert [p.line for p in page] == [5] and "javascript" in page[0].message


def test_heading_anchors_never_look_like_materials_own_ids():
    """The sanitiser drops ids such as __drawer or md-header (they would stand in for
    Material's elements); a heading opening with a form's blank "__" keeps an anchor."""
    assert heading_slug("__统计信息网站", "-") == "统计信息网站"
    assert not RESERVED_ID.match(heading_slug("MD-Header 说明", "-"))
    assert heading_slug("下辖18个村委,总人口185（第1853号）", "-") == "下辖18个村委总人口185第1853号"
