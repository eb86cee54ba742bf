"""Material's navigation, rendered once per place (site/navmemo.py), its strings,
looked up once per build (site/translations.py), and its templates kept as
site/templateload.py keeps them, are byte for byte what Material renders on each
page with Jinja's own caches."""

from __future__ import annotations

import re
from itertools import product
from types import SimpleNamespace

from jinja2 import pass_context
from mkdocs.utils import get_relative_url

import generator.site.plugin
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
    monkeypatch.setattr(generator.site.plugin, "install_template_load", lambda env, plugins: None)
    build(own.root, EXAMPLE_AS_OF)

    memoized, rendered = pages(example_built.site_dir), pages(own.root / "build/site")
    # Pages outside the navigation at three depths, under different sections.
    for page in ("fees/shehui-fuyangfei/index.html", "fees/shehui-fuyangfei/v/1/index.html",
                 "services/zaishengyu-shenpi/compare/1-2/index.html"):
        assert page in rendered
        assert b'class="md-nav md-nav--primary' in rendered[page]
    assert memoized.keys() == rendered.keys()
    assert [page for page in rendered if memoized[page] != rendered[page]] == []


def test_pages_of_one_place_link_alike_to_every_target():
    targets = ["", "policies/", "policies/cleanup/", "reports/2025/", "fees/x/"]
    nav = SimpleNamespace(pages=[SimpleNamespace(url=url, file=SimpleNamespace(src_uri=url + "index.md"))
                                 for url in targets])
    config = SimpleNamespace(extra_css=["assets/gongkai/gongkai.css"], extra_javascript=["x/y.js"])
    memo = NavMemo(nav, config)
    links = ("search/manifest.json", "fees/x/logo.png")
    everything = [*targets, "assets/", "assets/gongkai/gongkai.css", "x/y.js", *links]
    folders = ["", "policies/", "policies/cleanup/", "reports/", "fees/", "x/", "assets/"]
    urls = [folder + leaf for folder, leaf in product(folders, ["a/", "b/", "x/", "2025/",
                                                                "cleanup/", "a/v/1/", "p.html"])]
    places: dict[tuple, set[tuple]] = {}
    for url in urls:
        places.setdefault(memo.place(url, links), set()).add(
            tuple(get_relative_url(target, url) for target in everything))
    assert all(len(linked) == 1 for linked in places.values())
    assert len(places) < len(urls)      # siblings do share
