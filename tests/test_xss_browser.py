"""The payload corpus in every kind of field, content/ and site.yaml of one built site,
opened in Chromium with the Content-Security-Policy taken out (so the sanitiser and the
escaping stand alone): no dialog ever opens, nothing in the page can run or points at
javascript:, and each page keeps its own text (a notice's objection channels too)."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pytest

from browser_kit import serve
from generator.build import build
from xss_corpus import payloads, swallows_what_follows

CASES = payloads()
AS_OF = date(2026, 3, 10)
OBJECTION_PHONE = "0883-3621315"


def q(text: str) -> str:
    """A YAML scalar holding `text` exactly (JSON strings are YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _notice(i: int, case: str) -> str:
    return (f"title: {q(f'公告{i:02d}号 ' + case)}\npublisher: town\ncreated: 2026-03-02\n"
            f"published: 2026-03-04\nsummary: {q(case)}\nkeywords: [{q(case)}]\n"
            "versions:\n  - effective_from: 2026-03-04\n    kind: 公告\n"
            f"    body: {q(f'前文{i:02d}甲' + chr(10) * 2 + case + chr(10) * 2 + f'后文{i:02d}乙')}\n"
            "    objection_contacts: [jubao]\n")


def _service() -> str:
    materials = "".join(f"      - {{name: {q(case)}, form: 原件, copies: 1, note: {q(case)}}}\n"
                        for case in CASES)
    faq = "".join(f"      - {{q: {q(case)}, a: {q(case)}}}\n" for case in CASES)
    return ("title: 光荣证办理\npublisher: town\ncreated: 2026-03-02\npublished: 2026-03-04\n"
            "versions:\n  - effective_from: 2026-03-04\n"
            f"    conditions: [{', '.join(q(c) for c in CASES)}]\n    materials:\n{materials}"
            f"    steps: [{', '.join(q(c) for c in CASES)}]\n    promised_limit: 即办\n"
            f"    fee: 不收费\n    consult: [zixun]\n    complaint: [jubao]\n    faq:\n{faq}")


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory, browser):
    from conftest import FIXTURES, copy_site
    site = copy_site(FIXTURES / "minimal", tmp_path_factory.mktemp("xss"))
    joined = " ".join(CASES)
    site.replace("site_config/site.yaml", "name: 测试镇人民政府信息公开", f"name: {q('测试镇' + joined)}")
    site.append("site_config/site.yaml", f"description: {q(joined)}\nidentity: {{host: {q(joined)}, "
                f"icp: {q(joined)}}}\n")
    site.replace("data/organizations.yaml", "name: 测试镇人民政府", f"name: {q('测试镇人民政府' + CASES[0])}")
    site.replace("data/contacts.yaml", "name: 咨询电话", f"name: {q('咨询电话' + joined)}")
    site.write("data/services/guangrongzheng.yaml", _service())
    site.replace("data/fees/fuyangfei.yaml",
                 "      - item: 农村居民\n        amount_text: 按上年度农村居民人均可支配收入计征\n", "".join(
        f"      - {{item: {q(case)}, amount_text: {q(case)}}}\n" for case in CASES))
    site.replace("data/subsidies/jiangli.yaml", "eligibility: [本人及配偶均为农业户口]",
                 f"eligibility: [{', '.join(q(c) for c in CASES)}]")
    for i, case in enumerate(CASES):
        site.write(f"data/notices/xss-{i:02d}.yaml", _notice(i, case))
    # A name list whose cells are the corpus (a published column without a mask).
    site.write("data/notices/mingdan.yaml", (
        "title: 名单公示\npublisher: town\ncreated: 2026-03-02\npublished: 2026-03-04\n"
        "versions:\n  - effective_from: 2026-03-04\n    kind: 名单公示\n    body: 名单如下。\n"
        "    period: {start: 2026-03-04, working_days: 10}\n    objection_contacts: [jubao]\n"
        "    list:\n      file: mingdan.csv\n      columns:\n        - {name: 姓名, mask: name}\n"
        "        - {name: 说明}\n"))
    rows = io.StringIO()
    csv.writer(rows).writerows([["姓名", "说明"]] + [[f"张三{i}", case.replace("\n", " ")]
                                                    for i, case in enumerate(CASES)])
    site.write("data/notices/mingdan.csv", rows.getvalue())
    page = "".join(f"前文{i:02d}甲\n\n{case}\n\n后文{i:02d}乙\n\n" for i, case in enumerate(CASES))
    site.write("content/about.md", "# 关于本站\n\n" + page)
    site.write("content/home.md", page)
    result = build(site.root, AS_OF)
    with serve(result.site_dir) as base, serve(result.site_dir, strip_csp_meta=True) as bare:
        yield base, bare, result.site_dir, browser


RECORD_DIALOGS = """
window.__fired = [];
for (const name of ["alert", "confirm", "prompt", "print", "open"]) {
  window[name] = (...args) => { window.__fired.push(name + ":" + args.join(",")); };
}
"""

LIVE_IN_PAGE = """() => {
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    for (const a of el.attributes) {
      const v = a.value.replace(/[\\u0000-\\u0020]+/g, "").toLowerCase();
      if (a.name.startsWith("on")) found.push(el.tagName + " " + a.name);
      if (/^(javascript|vbscript|data):/.test(v) && a.name !== "content") found.push(el.tagName + " " + a.name + "=" + v.slice(0, 30));
      if (a.name === "srcdoc") found.push(el.tagName + " " + a.name);
    }
  }
  // Material's scripts size its own frame through element.style; the content has none.
  for (const el of document.querySelectorAll(".md-content [style], main.content [style]"))
    found.push(el.tagName + " style");
  for (const el of document.querySelectorAll(
      ".md-content script, .md-content iframe, .md-content object, .md-content embed, " +
      ".md-content style, .md-content link, .md-content meta, .md-content base, .md-content svg, " +
      ".md-content input, .md-content button, .md-content textarea, body > .content script"))
    // The theme's own read-aloud button (main.html) is the one control content may hold.
    if (!el.matches(".gk-read-aloud > button")) found.push("<" + el.tagName + ">");
  return found;
}"""


def _open(browser, dialogs, navigations):
    """A page that records dialogs and navigations."""
    context = browser.new_context()
    context.add_init_script(RECORD_DIALOGS)
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("framenavigated", lambda frame: navigations.append(frame.url))
    return context, page


def _visit(page, url):
    page.goto(url, wait_until="load")
    page.wait_for_timeout(50)     # autofocus, ontoggle and onload handlers fire right after load
    return page.evaluate(LIVE_IN_PAGE), page.evaluate("window.__fired"), page.inner_text("body")


def test_pages_built_from_the_corpus_run_nothing_and_keep_their_text(corpus_site):
    # Pages served without their <meta> Content-Security-Policy.
    _, base, site_dir, browser = corpus_site
    dialogs, navigations = [], []
    context, page = _open(browser, dialogs, navigations)
    failures = []
    try:
        paths = ["", "about/", "services/guangrongzheng/", "fees/fuyangfei/", "subsidies/jiangli/",
                 "contacts/", "notices/", "catalog/", "notices/mingdan/", "print/service/guangrongzheng/"]
        paths += [f"notices/xss-{i:02d}/" for i in range(len(CASES))]
        paths += [f"print/notice/xss-{i:02d}/" for i in range(len(CASES))]
        for path in paths:
            assert (site_dir / path / "index.html").is_file(), path
            live, fired, text = _visit(page, base + path)
            if live or fired:
                failures.append((path, live, fired))
            if path.startswith(("notices/xss-", "print/notice/xss-")):
                i = int(path.rstrip("/").rsplit("-", 1)[1])
                # The page around the payload: its heading, its own text, the objection channel.
                assert f"公告{i:02d}号" in text, path
                assert f"前文{i:02d}甲" in text, (path, CASES[i])
                assert f"后文{i:02d}乙" in text or swallows_what_follows(CASES[i]), (path, CASES[i])
                assert OBJECTION_PHONE in text, path
            if path == "":
                # content/home.md holds the corpus too: the home page's own sections follow it.
                assert page.locator(".gk-home-sections").count() == 1
            if path == "about/":
                # A content/ page is the clerk's whole page: an unclosed <script> in it may
                # swallow the rest of that text, but never the site's frame around it.
                assert "前文00甲" in text and "关于本站" in text and "构建于" in text
    finally:
        context.close()
    assert failures == []
    assert dialogs == []
    assert not [url for url in navigations if not url.startswith(base)], navigations


def test_titles_are_text_everywhere_material_prints_them(corpus_site):
    base, _, site_dir, browser = corpus_site
    i = CASES.index("</title><script>alert(1)</script>")
    html = (site_dir / f"notices/xss-{i:02d}/index.html").read_text(encoding="utf-8")
    head = html[:html.index("</head>")]
    assert head.count("<title>") == 1 and head.count("</title>") == 1
    assert "公告" in head[head.index("<title>"):head.index("</title>")]
    assert "&lt;/title&gt;&lt;script&gt;" in head
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + f"notices/xss-{i:02d}/")
    assert "</title><script>alert(1)</script>" in page.title()
    assert "</title><script>alert(1)</script>" in page.inner_text(".md-header__topic + .md-header__topic")
    page.goto(base + "about/")      # a content/ page: its title is its first heading
    assert page.title().startswith("关于本站 - 测试镇<script>")
    context.close()


def test_jsonld_cannot_end_its_script_element(corpus_site):
    _, _, site_dir, _ = corpus_site
    for i, case in enumerate(CASES):
        html = (site_dir / f"notices/xss-{i:02d}/index.html").read_text(encoding="utf-8")
        block, = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert "<" not in block and ">" not in block, case
        assert json.loads(block)["name"] == f"公告{i:02d}号 " + case
