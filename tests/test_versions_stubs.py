"""The version in force has only a stub at its /v/N/ address (issue 23): what the stub
holds, a real Chromium following it (the #fragment of a citation included), nothing
listing or indexing it, the link check reading through it, and a full page again once
a later version takes effect (real `mkdocs build`s of the versioned minimal fixture)."""

from __future__ import annotations

import shutil
from dataclasses import replace
from html.parser import HTMLParser
from urllib.parse import unquote

import pytest

from browser_support import own_context, serve_folder
from conftest import FIXTURES, copy_site
from generator.build import build
from generator.problems import ProblemsError
from generator.checks.links import check_folder
from generator.render.pages import make_context
from generator.search.collect import collect_pages
from generator.stubs import version_stubs
from generator.validated import load_and_validate
from versions_site import AFTER, MIDDLE, build_at, doc, make_versioned, page, stub_target
from xss_corpus import payloads

ITEM = "subsidies/jiangli"
TITLE = "农村部分计划生育家庭奖励扶助"
SITE_NAME = "测试镇人民政府信息公开"
BASE = "https://test.example.gov.cn/"


class Stub(HTMLParser):
    """A stub read as a browser tokenises it: its elements, attributes and texts."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[dict[str, str]] = []
        self.texts: dict[str, str] = {}
        self._open: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.append({name: value or "" for name, value in attrs})
        self._open.append(tag)

    def handle_endtag(self, tag):
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data):
        if self._open and self._open[-1] in ("title", "a"):
            self.texts[self._open[-1]] = self.texts.get(self._open[-1], "") + data

    def attr(self, tag: str, **match: str) -> dict[str, str]:
        found = [a for t, a in zip(self.tags, self.attrs)
                 if t == tag and all(a.get(k) == v for k, v in match.items())]
        assert len(found) == 1, (tag, match, found)
        return found[0]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """As of MIDDLE: the subsidy's v2 is in force, v1 history, v3 upcoming."""
    folder = copy_site(FIXTURES / "minimal", tmp_path_factory.mktemp("stubs"))
    make_versioned(folder)
    return build_at(folder.root, MIDDLE)


def stub_html(root, rel: str) -> str:
    return (root / "build/site" / rel / "index.html").read_text(encoding="utf-8")


def test_stub_points_at_the_item_page_and_asks_not_to_be_indexed(built):
    stub = Stub(stub_html(built, f"{ITEM}/v/2"))
    assert stub.attr("link", rel="canonical")["href"] == BASE + ITEM + "/"
    assert stub.attr("meta", **{"http-equiv": "refresh"})["content"] == "0; url=../../"
    assert stub.attr("meta", name="robots")["content"] == "noindex"
    assert stub.texts["title"] == f"{TITLE}（第2版） - {SITE_NAME}"
    link = stub.attr("a", id="gk-stub-target")
    assert link["href"] == "../../" and stub.texts["a"] == TITLE
    # The site's strict policy, like every page: no inline script, one script file of its own.
    policy = stub.attr("meta", **{"http-equiv": "Content-Security-Policy"})["content"]
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy
    script = stub.attr("script")["src"]
    assert (built / "build/site" / ITEM / "v/2" / script).resolve().is_file()
    # Not a page: MkDocs copied it as it is, and renders no Markdown for it.
    assert not (built / "build/docs" / ITEM / "v/2/index.md").exists()
    assert (built / "build/docs" / ITEM / "v/2/index.html").is_file()


def test_stubs_are_not_listed_nor_searched_but_superseded_versions_are(built):
    sitemap = (built / "build/site/sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{BASE}{ITEM}/v/1/</loc>" in sitemap
    assert f"{ITEM}/v/2/" not in sitemap
    urls = {p.url for p in collect_pages(built / "build/site")}
    assert f"{ITEM}/v/1/" in urls and f"{ITEM}/" in urls
    assert f"{ITEM}/v/2/" not in urls


def test_item_page_gives_the_citation_address_of_the_version_it_shows(built):
    history = page(built, ITEM).split('<h2 id="history">')[1]
    row = history.split('<td data-label="版本">第2版</td>')[1].split("</tr>")[0]
    assert "（本页）" in row and '<a href="v/2/"' in row and "本版固定链接" in row
    # Elsewhere the version in force is read on the item page, without the extra hop.
    assert 'href="../../">查看第2版</a>' in page(built, f"{ITEM}/compare/2-3")
    assert f'href="../{ITEM}/">第2版</a>' in page(built, "updates")


@pytest.mark.parametrize("payload", payloads())
def test_hostile_title_stays_text_in_the_stub(minimal, payload):
    site, _ = load_and_validate(minimal.root)
    ctx = make_context(site, MIDDLE)
    state = next(s for s in ctx.states if s.item.slug == "jiangli")
    hostile = replace(state.item, meta=state.item.meta.model_copy(update={"title": payload}))
    files = version_stubs(replace(ctx, states=[replace(state, item=hostile)]))
    html = files["subsidies/jiangli/v/1/index.html"].decode("utf-8")
    stub = Stub(html)
    assert stub.tags == ["html", "head", "meta", "meta", "meta", "meta", "meta", "link", "title",
                         "body", "p", "p", "a", "p", "script"]
    assert stub.texts["title"] == f"{payload}（第1版） - {SITE_NAME}"
    assert stub.texts["a"] == payload


def test_chromium_follows_the_stub_to_the_item_page_keeping_the_anchor(built, browser):
    errors = []
    with serve_folder(built / "build/site") as base, own_context(browser) as context:
        tab = context.new_page()
        tab.on("console", lambda message: errors.append(message.text)
               if message.type == "error" else None)
        tab.goto(f"{base}/{ITEM}/v/2/#享受条件")
        tab.wait_for_url(f"{base}/{ITEM}/#*")
        assert unquote(tab.evaluate("location.hash")) == "#享受条件"
        assert tab.inner_text("h1") == TITLE
        # Without script, the refresh still gets there (a refresh cannot carry the anchor).
        with own_context(browser, java_script_enabled=False) as no_script:
            plain = no_script.new_page()
            plain.goto(f"{base}/{ITEM}/v/2/")
            plain.wait_for_url(f"{base}/{ITEM}/")
            assert plain.inner_text("h1") == TITLE
    assert not errors      # nothing refused by the Content-Security-Policy


def test_link_check_reads_anchors_into_a_stub_on_the_page_it_forwards_to(built, tmp_path):
    site_dir = tmp_path / "site"
    shutil.copytree(built / "build/site", site_dir)
    (site_dir / "cites").mkdir()
    (site_dir / "cites/index.html").write_text(
        '<p><a href="../subsidies/jiangli/v/2/#享受条件">第2版的享受条件</a>\n'
        '<a href="../subsidies/jiangli/v/2/">第2版</a>\n'
        '<a href="../subsidies/jiangli/v/2/#没有这一节">坏锚点</a></p>\n', encoding="utf-8")
    problems = check_folder(site_dir, BASE)
    assert len(problems) == 1, problems
    assert "#没有这一节" in problems[0].message and f"{ITEM}/index.html" in problems[0].message


def test_a_content_page_cites_the_version_in_force_by_its_markdown(tmp_path):
    """As any page, by `…/v/2/index.md` (with an anchor too): MkDocs finds no such
    Markdown, as the version in force is a stub, and failed the build."""
    folder = copy_site(FIXTURES / "minimal", tmp_path / "site")
    make_versioned(folder)
    folder.write("content/cites.md", f"# 引用\n\n见[第2版]({ITEM}/v/2/index.md)和"
                                     f"[第2版的享受条件]({ITEM}/v/2/index.md#享受条件)。\n")
    root = build_at(folder.root, MIDDLE)
    html = (root / "build/site/cites/index.html").read_text(encoding="utf-8")
    assert f'<a href="../{ITEM}/v/2/">第2版</a>' in html
    assert f'<a href="../{ITEM}/v/2/#享受条件">第2版的享受条件</a>' in html
    # A version the item does not have is still no page.
    folder.write("content/cites.md", f"# 引用\n\n见[第9版]({ITEM}/v/9/index.md)。\n")
    with pytest.raises(ProblemsError) as caught:
        build(root, MIDDLE)
    assert f"{ITEM}/v/9/index.md" in str(caught.value)


def test_superseded_version_gets_its_full_page_back(tmp_path):
    folder = copy_site(FIXTURES / "minimal", tmp_path / "site")
    make_versioned(folder)
    root = folder.root
    build(root, MIDDLE, incremental=True)
    assert stub_target(root, f"{ITEM}/v/2") == "../../"
    result = build(root, AFTER, incremental=True)      # v3 took effect on 2027-01-01
    html = page(root, f"{ITEM}/v/2")
    assert "历史版本（已修改）" in html and "800 元" in html
    assert "2027年1月1日起被第3版修改" in html
    assert not (root / "build/docs" / ITEM / "v/2/index.html").exists()
    assert "superseded_on: \"2027-01-01\"" in doc(root, f"{ITEM}/v/2")
    assert stub_target(root, f"{ITEM}/v/3") == "../../"
    assert not (root / "build/docs" / ITEM / "v/3/index.md").exists()
    # The date is in every page's cache key: an incremental build equals a full one.
    incremental = {n: stub_html(root, f"{ITEM}/v/{n}") for n in (2, 3)}
    full = build(root, AFTER)
    assert full.pages == result.pages
    assert stub_html(root, f"{ITEM}/v/3") == incremental[3]
    assert page(root, f"{ITEM}/v/2") == html
