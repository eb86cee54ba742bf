"""Titles and site strings as escaped HTML, before any template prints them.

MkDocs' Jinja environment does not autoescape, and Material prints page titles,
navigation and table-of-contents entries and the site name raw in a dozen
templates (<title>, header, navigation, tabs, footer). Rather than copy each of
those templates, the values themselves become `Markup` holding the escaped
text: printed raw they are safe, and `| e` leaves them as they are. The one
filter that would undo it, `striptags` (it unescapes), is replaced in main.html.
"""

from __future__ import annotations

from html import unescape

from markupsafe import Markup, escape

from .mkdocs_adapter import title_from_heading


def _escaped(text, is_html: bool = False) -> Markup | None:
    if text is None or isinstance(text, Markup):
        return text
    # A heading's text comes as HTML (entities kept, tags stripped loosely).
    return escape(unescape(str(text)) if is_html else str(text))


def escape_page_titles(page) -> None:
    """The page's title (front matter, else its first heading), and its contents."""
    # Set by mkdocs.yml's nav or front matter: plain text; else from the heading.
    from_heading = title_from_heading(page)
    if "title" in page.meta:
        page.meta["title"] = _escaped(page.meta["title"])
    page.title = _escaped(page.title, is_html=from_heading)
    _escape_toc(page.toc)


def _escape_toc(items) -> None:
    for item in items:
        item.title = _escaped(item.title, is_html=True)
        _escape_toc(item.children)


def escape_nav_titles(nav) -> None:
    """Section titles (mkdocs.yml) and links' titles; pages' own are set as they are read."""
    for item in nav.items:
        _escape_nav_item(item)


def _escape_nav_item(item) -> None:
    if not item.is_page and item.title is not None:
        item.title = _escaped(item.title)
    for child in item.children or ():
        _escape_nav_item(child)


def escape_site_strings(config) -> None:
    """site.yaml's name and description as Material prints them."""
    config.site_name = _escaped(config.site_name)
    if config.site_description:
        config.site_description = _escaped(config.site_description)
