"""The site under its own Content-Security-Policy, in Chromium: every page type (print
pages included), served with the policy as the header the shipped nginx sends and with
only the <meta> in the page, reports no violation and lays out exactly as it does
with no policy at all."""

from __future__ import annotations

import functools
import re
import threading
from contextlib import contextmanager
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from browser_kit import chromium, page_types
from generator.build import build
from generator.site.csp import HEADER_FILE

AS_OF = date(2026, 11, 28)
META_CSP = re.compile(rb'<meta http-equiv="Content-Security-Policy" content="[^"]*">')

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


class _Handler(SimpleHTTPRequestHandler):
    extra_headers: dict[str, str] = {}

    def end_headers(self):
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):
        pass


@contextmanager
def _serve(folder, headers):
    handler = type("Handler", (_Handler,), {"extra_headers": headers})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def header_policy(site_dir) -> str:
    line = (site_dir / HEADER_FILE).read_text(encoding="utf-8")
    return re.search(r'add_header Content-Security-Policy "([^"]+)" always;', line).group(1)


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    from conftest import REPO, copy_site
    site = copy_site(REPO, tmp_path_factory.mktemp("csp"))
    site_dir = build(site.root, AS_OF).site_dir
    types = page_types(site_dir)
    types["打印页（公示）"] = "print/notice/jiangli-fuzhu-gongshi-2027/"
    types["打印页（办事指南）"] = "print/service/dusheng-zinv-guangrongzheng/"
    types["历史版本"] = next(p.parent.relative_to(site_dir).as_posix() + "/"
                         for p in sorted(site_dir.glob("*/*/v/*/index.html")))
    with chromium() as browser:
        yield site_dir, types, browser


def _visit(browser, url, *, strip_meta=False, media="screen"):
    """(violations, layout, console messages) of one page load."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_VIOLATIONS)
    if strip_meta:
        def without_meta(route):
            response = route.fetch()
            body = response.body()
            if "text/html" in response.headers.get("content-type", ""):
                body = META_CSP.sub(b"", body)
            route.fulfill(response=response, body=body)
        context.route("**/*", without_meta)
    page = context.new_page()
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.emulate_media(media=media)
    page.goto(url, wait_until="networkidle")
    result = page.evaluate("window.__violations"), page.evaluate(LAYOUT), messages
    context.close()
    return result


@pytest.mark.parametrize("served", ["header", "meta"])
def test_every_page_type_passes_the_policy_and_looks_the_same(example, served):
    site_dir, types, browser = example
    headers = {"Content-Security-Policy": header_policy(site_dir)} if served == "header" else {}
    with _serve(site_dir, headers) as with_policy, _serve(site_dir, {}) as plain:
        for name, path in types.items():
            media = ("screen", "print") if path.startswith("print/") else ("screen",)
            for medium in media:
                violations, layout, messages = _visit(browser, with_policy + path, media=medium)
                assert violations == [], (name, medium, violations)
                assert not [m for m in messages if "Content Security Policy" in m], (name, messages)
                _, bare, _ = _visit(browser, plain + path, strip_meta=True, media=medium)
                assert layout == bare, (name, medium)


def test_the_policy_is_strict_and_the_same_in_header_and_pages(example):
    site_dir, types, _ = example
    header = header_policy(site_dir)
    assert "'unsafe-inline'" not in header and "'unsafe-eval'" not in header
    assert "frame-ancestors 'none'" in header and "default-src 'none'" in header
    for path in types.values():
        html = (site_dir / path / "index.html" if path.endswith("/") else site_dir / path).read_text(
            encoding="utf-8")
        meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert meta and html.index(meta.group(0)) < html.index("<script"), path
        page = meta.group(1)
        assert "frame-ancestors" not in page              # browsers ignore it in <meta>
        assert set(re.findall(r"'sha256-[^']+'", page)) <= set(re.findall(r"'sha256-[^']+'", header))
        assert re.sub(r" 'sha256-[^']+'", "", page) == re.sub(r" 'sha256-[^']+'|; frame-ancestors 'none'",
                                                               "", header)


def test_material_runs_under_the_policy(example):
    """Control for the hashes: the palette toggle (Material's inline and bundled scripts) works
    under the header, and stops working when the hashes are taken out of it."""
    site_dir, _, browser = example

    def toggled(policy: str) -> tuple[str, list]:
        with _serve(site_dir, {"Content-Security-Policy": policy}) as base:
            context = browser.new_context()
            context.add_init_script(RECORD_VIOLATIONS)
            page = context.new_page()
            page.goto(base, wait_until="networkidle")
            page.locator("label.md-header__button[for^='__palette']:visible").click()
            page.wait_for_timeout(200)
            page.goto(base + "contacts/", wait_until="networkidle")
            result = page.evaluate("document.body.dataset.mdColorScheme"), page.evaluate("window.__violations")
            context.close()
            return result

    policy = header_policy(site_dir)
    assert toggled(policy) == ("slate", [])
    _, blocked = toggled(re.sub(r" 'sha256-[^']+'", "", policy))
    assert blocked
