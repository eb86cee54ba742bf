"""Stubs at the addresses of the versions in force (issue 23, decision 1).

The item page shows the version in force, so that version's /v/<n>/ page would
repeat it: about 30 % of a site's pages. Its address stays a valid citation
instead through a small HTML file: a canonical link to the item page, a
redirect there, noindex (search and search engines find the item page), and a
link for browsers that do not follow the redirect. It is a static file of the
docs tree, copied by MkDocs without rendering, so it costs nothing there, and
it is not a page: the sitemap leaves it out. When a later version takes effect,
the version is history and gets its full page back (render/history.py).

Each stub is kept in build/cache under the values it is made from, which are all
it reads: a warm build renders only the stubs of items that changed.

A meta refresh drops the URL's #fragment, and citations point into a version
(…/v/2/#第三条); the stub's script (the site's own file, as the CSP requires)
carries it to the item page, whose text and anchors are that version's.
"""

from __future__ import annotations

import pickle
import posixpath
from functools import cache, partial

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..cache.store import key
from ..render.pages import RenderContext, served_path
from ..render.version_tools import stubbed_version, version_path
from ..site.csp import with_policy

SCRIPT = "assets/gongkai/version-stub.js"    # in the theme's assets, copied by MkDocs
STORE_KIND = "stubs"     # the store of stubs in build/cache


@cache
def _template():
    environment = Environment(loader=PackageLoader("generator.stubs", "templates"), autoescape=True,
                              undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return environment.get_template("version.html.j2")


def _stub(site_name: str, base_url: str, title: str, url: str, number: int, path: str) -> bytes:
    """The stub at `path` of version `number` of the item at `url` (site-relative)."""
    here = posixpath.dirname(path)
    html = _template().render(site_name=site_name, title=title, number=number,
                              canonical=base_url + url, target=posixpath.relpath(url, here) + "/",
                              script=posixpath.relpath(SCRIPT, here))
    return with_policy(html).encode("utf-8")


def stub_path(item, number: int) -> str:
    """The stub's file in the docs tree: where the version's page would be."""
    return served_path(version_path(item, number)) + "index.html"


def version_stubs(ctx: RenderContext) -> dict[str, bytes]:
    """FILE_PROVIDERS entry: one stub for each item's version in force."""
    store, config = ctx.stores(STORE_KIND), ctx.site.config
    files = {}
    for state in ctx.states:
        version = stubbed_version(state)
        if version is None:
            continue
        item = state.item
        path = stub_path(item, version.number)
        given = (config.name, config.base_url, item.meta.title, item.url, version.number, path)
        files[path] = store.value(key(pickle.dumps(given, protocol=pickle.HIGHEST_PROTOCOL)),
                                  partial(_stub, *given))
    return files
