"""The site under its own Content-Security-Policy, in Chromium: every page type (print
pages included), served with the policy as the header the shipped nginx sends and with
only the <meta> in the page, reports no violation and lays out exactly as it does
with no policy at all."""

from __future__ import annotations

import re

import pytest

from browser_kit import page_types
from browser_support import serve_folder
from generator.site.csp import HEADER_FILE


RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", e =>
  window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile + ":" + e.lineNumber));
"""

# Where every element sits and how it is drawn: a blocked stylesheet or inline style
# shows up as a different box, border, font or colour somewhere.
LAYOUT = """() => [...document.querySelectorAll("body *")].map(el => {
  const r = el.getBoundingClientRect(), s = getComputedStyle(el);
  return [el.tagName, Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height),
          s.borderTopWidth, s.fontSize, s.color, s.display].join(" ");
})"""


def header_policy(site_dir) -> str:
    line = (site_dir / HEADER_FILE).read_text(encoding="utf-8")
    return re.search(r'add_header Content-Security-Policy "([^"]+)" always;', line).group(1)


@pytest.fixture(scope="module")
def example(example_built, browser):
    site_dir = example_built.site_dir
    types = page_types(site_dir)
    types["打印页（公示）"] = "print/notice/jiangli-fuzhu-gongshi-2027/"
    types["打印页（办事指南）"] = "print/service/dusheng-zinv-guangrongzheng/"
    # The version in force has a stub at its address (tests/test_versions_stubs.py).
    types["历史版本"] = next(p.parent.relative_to(site_dir).as_posix() + "/"
                         for p in sorted(site_dir.glob("*/*/v/*/index.html"))
                         if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8"))
    return site_dir, types, browser


@pytest.fixture(scope="module")
def bare_layout(example):
    """The layout of a page served with no policy at all (its <meta> taken out), measured
    once for both ways the policy is served."""
    site_dir, _, browser = example
    measured = {}
    with serve_folder(site_dir, strip_csp_meta=True) as plain:
        def layout(path: str, media: str) -> list[str]:
            if (path, media) not in measured:
                measured[path, media] = _visit(browser, f"{plain}/{path}", media=media)[1]
            return measured[path, media]
        yield layout


def _settled_layout(page) -> list[str]:
    """LAYOUT once two measurements 100 ms and two frames apart agree: Material lays out its
    sidebars after load, later than any fixed wait on a busy machine (two test workers)."""
    layout = page.evaluate(LAYOUT)
    for _ in range(50):
        page.wait_for_timeout(100)
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        measured = page.evaluate(LAYOUT)
        if measured == layout:
            return layout
        layout = measured
    raise AssertionError(f"{page.url}: the layout still changes after 5 s")


def _visit(browser, url, *, media="screen"):
    """(violations, layout, console messages) of one page load."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.emulate_media(media=media)
    page.goto(url, wait_until="load")
    result = page.evaluate("window.__violations"), _settled_layout(page), messages
    context.close()
    return result


@pytest.mark.parametrize("served", ["header", "meta"])
def test_every_page_type_passes_the_policy_and_looks_the_same(example, bare_layout, served):
    site_dir, types, browser = example
    headers = {"Content-Security-Policy": header_policy(site_dir)} if served == "header" else {}
    with serve_folder(site_dir, headers) as with_policy:
        for name, path in types.items():
            media = ("screen", "print") if path.startswith("print/") else ("screen",)
            for medium in media:
                violations, layout, messages = _visit(browser, f"{with_policy}/{path}", media=medium)
                assert violations == [], (name, medium, violations)
                assert not [m for m in messages if "Content Security Policy" in m], (name, messages)
                assert layout == bare_layout(path, medium), (name, medium)


def test_the_policy_is_strict_and_the_same_in_header_and_pages(example):
    site_dir, types, _ = example
    header = header_policy(site_dir)
    assert "'unsafe-inline'" not in header and "'unsafe-eval'" not in header
    assert "frame-ancestors 'none'" in header and "default-src 'none'" in header
    for path in types.values():
        rel = path if path.endswith(".html") else path + "index.html"
        html = (site_dir / rel).read_text(encoding="utf-8")
        meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        # Before anything it governs: a <meta> policy applies only to what follows it.
        first = min(html.index(tag) for tag in ("<script", "<link", "<style") if tag in html)
        assert meta and html.index(meta.group(0)) < first, path
        page = meta.group(1)
        assert "frame-ancestors" not in page              # browsers ignore it in <meta>
        assert set(re.findall(r"'sha256-[^']+'", page)) <= set(re.findall(r"'sha256-[^']+'", header))
        assert re.sub(r" 'sha256-[^']+'", "", page) == re.sub(r" 'sha256-[^']+'|; frame-ancestors 'none'",
                                                               "", header)


def test_material_runs_under_the_policy(example):
    """Control for the hashes: the palette toggle (Material's inline and bundled scripts) works
    under the header, and stops working when the hashes are taken out of it."""
    site_dir, _, browser = example

    def visit(policy: str, toggle: bool) -> tuple[str, list]:
        with serve_folder(site_dir, {"Content-Security-Policy": policy}) as base:
            context = browser.new_context()
            context.add_init_script(RECORD_VIOLATIONS)
            page = context.new_page()
            page.goto(base + "/", wait_until="networkidle")
            if toggle:
                page.locator("label.md-header__button[for^='__palette']:visible").click()
                page.wait_for_timeout(200)
                page.goto(base + "/contacts/", wait_until="networkidle")
            result = page.evaluate("document.body.dataset.mdColorScheme"), page.evaluate("window.__violations")
            context.close()
            return result

    policy = header_policy(site_dir)
    assert visit(policy, toggle=True) == ("slate", [])
    _, blocked = visit(re.sub(r" 'sha256-[^']+'", "", policy), toggle=False)
    assert blocked and all(v.startswith("script-src") for v in blocked), blocked
