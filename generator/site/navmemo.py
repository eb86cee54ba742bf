"""Material's navigation rendered once per place, not once per page.

Material renders the whole navigation — the sidebar and the tabs — on every page.
A page outside the navigation, as every item, version and comparison page is,
marks nothing in it as active, so its navigation differs from another such page's
only in its links, which MkDocs makes relative to the page. Pages whose links to
the navigation's pages come out the same share one rendering: a few dozen
renderings for a 10,000-item site. The navigation was 42 % of the time Material's
template spent on a page; with the header's buttons, 58 %.

The theme's `partials/nav.html` and `partials/tabs.html` wrap Material's own in
`{% call gongkai_memo(name) %}`, its header wraps its buttons and search box, and
main.html the blocks of Material's frame that show nothing of the page (styles,
analytics, footer, the configuration script, scripts): their links are to assets,
the extra stylesheets and scripts of mkdocs.yml, or the navigation. A site that
overrides nav-item.html or tabs-item.html to show something of the page itself
(other than its links) on pages outside the navigation must override nav.html or
tabs.html too.

Where two pages' links to every such target are the same, so are all links the
wrapped markup can make: a link to a file in `ASSETS` is the link to that folder
followed by the file's path, for every page outside it (pages inside it are
rendered each). Those links are the same for two pages whose folders (the ones
MkDocs makes links relative to) are as deep and begin with the same longest
path that leads to a target: a relative link is made of the folder's depth, the
path the folder shares with the target, and the rest of the target's path.
So pages are grouped by that place — all the item pages of a kind share one
rendering — without working out a link per target and page.
"""

from __future__ import annotations

import posixpath
from functools import cache

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, pass_context

from .mkdocs_adapter import MATERIAL_TEMPLATES
from .translations import install as install_translations

ASSETS = "assets/"     # Material's and gongkai's stylesheets, scripts and images


@cache
def _parts(path: str) -> tuple[str, ...]:
    """A site path's folders and file, as `mkdocs.utils.get_relative_url` compares them."""
    return tuple(part for part in posixpath.normpath("/" + path).split("/") if part)


def _folder(url: str) -> tuple[str, ...]:
    """The folder a page's relative links start from, as `get_relative_url` finds it."""
    head, _, tail = url.rpartition("/")
    return _parts(head if "." in tail else url)


class NavMemo:
    def __init__(self, nav, config) -> None:
        self.in_nav = {page.file.src_uri for page in nav.pages}
        # Every page the navigation links to, the assets, and mkdocs.yml's extra
        # stylesheets and scripts (which may lie elsewhere); the logo via base_url.
        targets = [page.url for page in nav.pages] + [ASSETS] + [
            str(path) for path in (*config.extra_css, *config.extra_javascript)]
        self.leading = _leading(targets)     # every path that leads to a target
        self.linked: dict[tuple[str, ...], frozenset] = {}
        self.done: dict[tuple, str] = {}

    @pass_context
    def __call__(self, context, name: str, *links: str, caller) -> str:
        """What `caller` renders, once per `name` and place; `links` are the other
        site paths the wrapped markup passes through MkDocs' `url` filter."""
        page = context.get("page")
        if page is None or page.file.src_uri in self.in_nav or page.url.startswith(ASSETS):
            return caller()
        key = (name, context.get("base_url"), self.place(page.url, links), links)
        if key not in self.done:
            self.done[key] = caller()
        return self.done[key]

    def place(self, url: str, links: tuple[str, ...] = ()) -> tuple:
        """Equal for two page URLs whose links to the targets and `links` are the same:
        the folder's depth and its longest beginning that leads to one of them."""
        if links not in self.linked:
            self.linked[links] = _leading(links)
        folder, linked = _folder(url), self.linked[links]
        end = len(folder)
        while end and folder[:end] not in self.leading and folder[:end] not in linked:
            end -= 1
        return len(folder), folder[:end]


def _leading(paths) -> frozenset:
    return frozenset(parts[:end] for parts in map(_parts, paths) for end in range(1, len(parts) + 1))


def install(env: Environment, nav, config) -> None:
    """The memos of Material's frame: its navigation and blocks (here) and its strings."""
    install_translations(env)
    # Material's own templates under "material/", for the partials that wrap them.
    env.loader = ChoiceLoader([env.loader, PrefixLoader(
        {"material": FileSystemLoader(str(MATERIAL_TEMPLATES))})])
    env.globals["gongkai_memo"] = NavMemo(nav, config)
