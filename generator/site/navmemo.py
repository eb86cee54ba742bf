"""Material's navigation rendered once per place, not once per page.

Material renders the whole navigation — the sidebar and the tabs — on every page.
A page outside the navigation, as every item, version and comparison page is,
marks nothing in it as active, so its navigation differs from another such page's
only in its links, which MkDocs makes relative to the page. Pages whose links to
the navigation's pages come out the same share one rendering: a few dozen
renderings for a 10,000-item site. The navigation was 42 % of the time Material's
template spent on a page; with the header's buttons, 58 %.

The theme's `partials/nav.html` and `partials/tabs.html` wrap Material's own in
`{% call gongkai_memo(name) %}`, and its header wraps its buttons and search box.
A site that overrides nav-item.html or tabs-item.html to show something of the
page itself (other than its links) on pages outside the navigation must override
nav.html or tabs.html too.
"""

from __future__ import annotations

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, pass_context
from mkdocs.utils import get_relative_url

from .mkdocs_adapter import MATERIAL_TEMPLATES


class NavMemo:
    def __init__(self, nav) -> None:
        self.in_nav = {page.file.src_uri for page in nav.pages}
        # Every page the navigation links to; the logo and assets via base_url.
        self.targets = [page.url for page in nav.pages]
        self.done: dict[tuple, str] = {}

    @pass_context
    def __call__(self, context, name: str, *links: str, caller) -> str:
        """What `caller` renders, once per `name` and place; `links` are the other
        site paths the wrapped markup passes through MkDocs' `url` filter."""
        page = context.get("page")
        if page is None or page.file.src_uri in self.in_nav:
            return caller()
        key = (name, context.get("base_url"),
               tuple(get_relative_url(target, page.url) for target in (*self.targets, *links)))
        if key not in self.done:
            self.done[key] = caller()
        return self.done[key]


def install(env: Environment, nav) -> None:
    # Material's own templates under "material/", for the partials that wrap them.
    env.loader = ChoiceLoader([env.loader, PrefixLoader(
        {"material": FileSystemLoader(str(MATERIAL_TEMPLATES))})])
    env.globals["gongkai_memo"] = NavMemo(nav)
