"""The policy itself, without a browser: hashes of what runs, where the <meta> goes,
and the header file the build writes from the pages."""

from __future__ import annotations

import base64
import hashlib
from types import SimpleNamespace

from generator.site.csp import HEADER_FILE, policy, script_hashes, with_policy, write_header_policy

PAGE = ('<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="a.css">'
        '<script>var a=1</script><script src="b.js"></script>'
        '<script type="application/ld+json">{"a": 1}</script>'
        '<script id="__config" type="application/json">{}</script></head><body></body></html>')


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_only_inline_code_is_hashed():
    assert script_hashes(PAGE) == [sha("var a=1")]


def test_the_meta_comes_first_and_names_the_hashes():
    html = with_policy(PAGE)
    meta = html.index('<meta http-equiv="Content-Security-Policy"')
    assert html.index('<meta charset="utf-8">') < meta < html.index("<link")
    assert f"script-src 'self' {sha('var a=1')};" in html and "frame-ancestors" not in html
    assert "unsafe-inline" not in html
    # Written by a template, byte for byte the policy the header file collects: the
    # single quotes stay as they are inside the double-quoted attribute.
    assert ('<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="'
            + policy([sha("var a=1")]) + '"><link') in html


def test_the_header_file_collects_the_pages_and_says_when_it_changed(tmp_path):
    site = tmp_path / "build" / ".site-new"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text(with_policy(PAGE), encoding="utf-8")
    (site / "a" / "index.html").write_text(with_policy(PAGE.replace("var a=1", "var b=2")),
                                           encoding="utf-8")
    build = SimpleNamespace(root=tmp_path, site_dir=site)
    assert write_header_policy(build) == []
    header = (site / HEADER_FILE).read_text(encoding="utf-8")
    assert sha("var a=1") in header and sha("var b=2") in header
    assert "frame-ancestors 'none'" in header and header.count("add_header") == 1

    last = tmp_path / "build" / "site"
    last.mkdir()
    (last / HEADER_FILE).write_text(header, encoding="utf-8")
    assert write_header_policy(build) == []          # the same policy: nothing to do
    (site / "a" / "index.html").write_text(with_policy(PAGE.replace("var a=1", "var c=3")),
                                           encoding="utf-8")
    changed, = write_header_policy(build)
    assert changed.level == "warning" and "nginx -s reload" in changed.hint

    (site / "b.html").write_text("<html><head></head><body>手写的页面</body></html>", encoding="utf-8")
    missing, = write_header_policy(build)
    assert missing.level == "error" and missing.file == "build/site/b.html"


def test_a_policy_after_the_first_kilobyte_is_still_read(tmp_path):
    """The header file reads a page's first kilobyte, and on to 16 KB only when the
    policy is not there: a long head, or a policy across the boundary, is still found."""
    site = tmp_path / "build" / ".site-new"
    site.mkdir(parents=True)
    for name, padding in (("long.html", 3000), ("across.html", 950)):
        page = with_policy(PAGE.replace("var a=1", f"var {name[0]}=1"))
        head = page.index('<meta http-equiv="Content-Security-Policy"')
        page = page[:head] + "\n" * padding + page[head:]
        head += padding
        assert head + 10 < 1024 < page.index(">", head) or head > 1024
        (site / name).write_text(page, encoding="utf-8")
    assert write_header_policy(SimpleNamespace(root=tmp_path, site_dir=site)) == []
    header = (site / HEADER_FILE).read_text(encoding="utf-8")
    assert sha("var l=1") in header and sha("var a=1") in header
