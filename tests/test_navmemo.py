"""Material's navigation, rendered once per place (site/navmemo.py), and its strings,
looked up once per build (site/translations.py), are byte for byte what Material
renders on each page."""

from __future__ import annotations

import re

from jinja2 import pass_context

from generator.build import build
from generator.site.navmemo import NavMemo
from generator.site.translations import Translations

STAMP_LINE = re.compile(rb'class="gk-stamp">[^<]*<')


def pages(site) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): STAMP_LINE.sub(b"<", path.read_bytes())
            for path in sorted(site.rglob("*.html"))}


def test_shared_navigation_and_strings_are_what_each_page_would_get(example_built, tmp_path,
                                                                    monkeypatch):
    from conftest import EXAMPLE_AS_OF, REPO, copy_site
    own = copy_site(REPO, tmp_path / "own")
    monkeypatch.setattr(NavMemo, "__call__",
                        pass_context(lambda self, context, name, *links, caller: caller()))
    monkeypatch.setattr(Translations, "get", lambda self, language, lookup, key: lookup(key))
    build(own.root, EXAMPLE_AS_OF)

    memoized, rendered = pages(example_built.site_dir), pages(own.root / "build/site")
    # Pages outside the navigation at three depths, under different sections.
    for page in ("fees/shehui-fuyangfei/index.html", "fees/shehui-fuyangfei/v/1/index.html",
                 "services/zaishengyu-shenpi/compare/1-2/index.html"):
        assert page in rendered
        assert b'class="md-nav md-nav--primary' in rendered[page]
    assert memoized.keys() == rendered.keys()
    assert [page for page in rendered if memoized[page] != rendered[page]] == []
