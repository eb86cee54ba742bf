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

from ..sanitise import clean_page

# mkdocs.yml's markdown_extensions, less toc: a body's headings are not the page's outline.
EXTENSIONS = ("tables", "attr_list", "md_in_html", "admonition")


@functools.cache
def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=list(EXTENSIONS))


@functools.lru_cache(maxsize=4096)
def clerk_html(text: str) -> str:
    """The body as one <div> block of the generated Markdown."""
    return f'<div class="gk-body">\n{clean_page(_converter().reset().convert(text))}\n</div>'
