"""An item's Markdown body (and content/home.md) as sanitised HTML of its own,
before it joins a page.

Left to MkDocs, a body is converted with the page around it, and one unclosed tag
(`<p>`, `<div>`, `<style>`, `<!--`) swallows everything after it: the generated
sections that follow, a notice's objection channels included. Converted alone,
with the extensions the site's mkdocs.yml names, and sanitised, a body is a
closed element; MkDocs passes a raw HTML block through as it is. The whole page
still passes the sanitiser once more in the MkDocs plugin.
"""

from __future__ import annotations

import functools

import markdown

from ..sanitise import clean_page, heading_slug

# mkdocs.yml's markdown_extensions. A body's headings are not the page's outline, but
# they keep their anchors (a citation links to #第三条), slugged as the page's own are:
# with the Chinese kept, so digits of neighbouring words never run into one number.
EXTENSIONS = ("tables", "attr_list", "md_in_html", "admonition", "toc")
EXTENSION_CONFIGS = {"toc": {"slugify": heading_slug}}


@functools.cache
def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=list(EXTENSIONS), extension_configs=EXTENSION_CONFIGS)


@functools.lru_cache(maxsize=4096)
def clerk_html(text: str) -> str:
    """The body as one <div> block of the generated Markdown."""
    return f'<div class="gk-body">\n{clean_page(_converter().reset().convert(text))}\n</div>'
