"""The Markdown clerks write (item bodies, content/home.md and guide.md) as sanitised
HTML of its own, before it joins a generated page.

Clerks keep the Markdown they know: Python-Markdown with the extensions the site's
mkdocs.yml names, Chinese emphasis included, whatever engine converts the generated
page around it. Converted alone and sanitised, a body is a closed element, so one
unclosed tag (`<p>`, `<style>`, `<!--`) cannot swallow the sections after it (a
notice's objection channels). The page template puts it in its box
(`clerk` in _macros.md.j2), and the whole page passes the sanitiser once more in the
MkDocs plugin.

A distinct text is converted once: `prepare` looks every body up in a content-addressed
store (generator/cache), converts the missing ones on all cores, and hands the pages
the results.
"""

from __future__ import annotations

import functools
import re

import markdown

from ..cache.store import Store, key
from ..sanitise import clean_page, heading_slug
from ..workers import forked_map

# mkdocs.yml's markdown_extensions. A body's headings are not the page's outline, but
# they keep their anchors (a citation links to #第三条), slugged as the page's own are:
# with the Chinese kept, so digits of neighbouring words never run into one number.
EXTENSIONS = ("tables", "attr_list", "md_in_html", "admonition", "toc")
EXTENSION_CONFIGS = {"toc": {"slugify": heading_slug}}
STORE_KIND = "clerk-html"
# content/ texts merged into generated pages, not copied: the page each goes into.
MERGED_CONTENT = {"home.md": "index.md", "guide.md": "guide/index.md"}
# CommonMark ends a raw HTML block at a blank line: the line break that would leave
# one (in a <pre>, or between a clerk's own tags) is written as a character reference,
# which means the same in HTML.
_BLANK_AFTER = re.compile(r"\n(?=[ \t]*\n)")


@functools.cache
def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=list(EXTENSIONS), extension_configs=EXTENSION_CONFIGS)


def convert(text: str) -> str:
    """A clerk's Markdown as sanitised HTML with no blank line."""
    return _BLANK_AFTER.sub("&#10;", clean_page(_converter().reset().convert(text)))


def clerk_texts(ctx) -> set[str]:
    """Every clerk text a page of this render may show: each version's body of each
    public item (version pages show old ones), and the home and guide introductions."""
    texts = {version.content["body"] for state in ctx.states for version in state.item.versions
             if version.content.get("body")}
    content = ctx.site.root / "content"
    for name in MERGED_CONTENT:
        if (content / name).is_file():
            texts.add((content / name).read_text(encoding="utf-8"))
    return texts


def prepare(ctx, store: Store) -> dict[str, str]:
    """text → its HTML, for every clerk text of the render; `store` keeps them by text."""
    texts = sorted(clerk_texts(ctx))
    found = store.results([key(text) for text in texts],
                          lambda missing: forked_map(convert, [texts[i] for i in missing],
                                                     chunksize=16))
    return dict(zip(texts, found))
