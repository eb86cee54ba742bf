"""The one allowlist for HTML that came from Markdown: what a page may contain.

Every page's content passes `clean_page` once Markdown has become HTML (the
`gongkai` MkDocs plugin, `on_page_content`), whatever the Markdown looked like:
a clerk's body text, a `content/*.md` page or gongkai's own generated markup.
So the guarantee does not depend on spotting every trick in Markdown source
(attr_list, reference links, entities in schemes, comments that browsers end
early); nh3 (ammonia) parses the HTML as a browser does and keeps only what is
listed here. The validator reads the same lists to tell a clerk what will go.
"""

from __future__ import annotations

import re

import nh3
from markdown.extensions.toc import slugify_unicode

# Text formatting, lists, tables, Material's admonitions (div/p with classes), and
# the elements gongkai's own pages use: the catalogue's filter (form, label, select),
# pagers (nav), version comparison (ins, del).
TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
    "nav", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span", "strong",
    "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time",
    "tr", "u", "ul", "var",
    "form", "label", "select", "option",
})
# Removed with everything inside them, not just their tags.
DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "iframe",
                                  "object", "embed", "textarea", "title", "xmp", "noembed",
                                  "noframes", "plaintext", "math", "svg"})
GENERIC_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir", "role"})
ATTRIBUTE_PREFIXES = frozenset({"aria-", "data-"})
ATTRIBUTES = {
    "a": {"href", "rel", "hreflang", "download"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "headers", "align"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr", "align"},
    "col": {"span"}, "colgroup": {"span"},
    "ol": {"start", "reversed", "type"}, "li": {"value"},
    "time": {"datetime"}, "del": {"datetime", "cite"}, "ins": {"datetime", "cite"},
    "blockquote": {"cite"}, "q": {"cite"}, "abbr": {"title"},
    "details": {"open"},
    # A form without action or method can only reload its own page.
    "label": {"for"}, "select": {"name"}, "option": {"value", "selected"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})

# Material's own elements are found by id and data-md-* attributes; a page's
# element with one of these would take their place (DOM clobbering): dropped.
RESERVED_ID = re.compile(r"__|md-", re.I)
RESERVED_PREFIX = "data-md-"
# Python-Markdown's tables align cells with style="", which the site's
# Content-Security-Policy does not allow; HTML's align="" says the same, and
# Material's table styles leave cells that have it alone.
_TABLE_ALIGN = re.compile(r'<(t[hd])( [^>]*?)? style="text-align: (left|right|center);"')


def heading_slug(value: str, separator: str) -> str:
    """A heading's anchor (the toc slugify of mkdocs.yml and of bodies): the Chinese kept,
    so digits of neighbouring words never run into one number, and never starting like
    Material's ids, which would be dropped: a title opening with a form's blank "__"."""
    slug = slugify_unicode(value, separator).lstrip("_")
    return "h-" + slug if RESERVED_ID.match(slug) else slug


def _attribute(tag: str, name: str, value: str) -> str | None:
    if name == "id" and RESERVED_ID.match(value) or name.startswith(RESERVED_PREFIX):
        return None
    return value


# Built once per process (workers inherit it): a third faster than nh3.clean with options.
_CLEANER = nh3.Cleaner(
    tags=set(TAGS), clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()} | {"*": set(GENERIC_ATTRIBUTES)},
    generic_attribute_prefixes=set(ATTRIBUTE_PREFIXES), attribute_filter=_attribute,
    url_schemes=set(URL_SCHEMES), link_rel=None, strip_comments=True)


def clean_page(html: str) -> str:
    """The page content with only allowed tags, attributes and URL schemes."""
    return _CLEANER.clean(_TABLE_ALIGN.sub(r'<\1\2 align="\3"', html))
