"""A clerk's links, made to work on every page that shows the text.

A clerk writes a link once, in the file they edit, the way MkDocs taught them: to
another page's Markdown (`about.md`, `../xize/index.md`), to a page's address
(`../xize/`), or from the site's root (`/policies/xize/`). The same body is shown on
the item's page, on its version pages one level deeper and on its print sheet, so a
link is read from the clerk's place (`base`: the item's page for a body, the site's
root for content/home.md and guide.md, which sit in content/ beside the other
pages) and written relative to the page that shows it, as MkDocs writes a page's
links to Markdown files. A root address works under a site served from a folder.

What leaves the site (a scheme or a host), a bare `#anchor` and a path that climbs
above the root stay as written; the link check reads the result either way.
"""

from __future__ import annotations

import posixpath
import re
from html import escape, unescape

# An <a> or <img> start tag of sanitised HTML (generator/sanitise.py writes every
# attribute value in double quotes) and the address attribute in it.
_TAG = re.compile(r'<(?:a|img)\s(?:[^>"]|"[^"]*")*>')
_ADDRESS = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_LEAVES = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")   # a scheme or a host
_SUFFIX = re.compile(r"[?#]")


def relink(html: str, base: str, page: str) -> str:
    """`html`'s links as seen from `page`, read as written at `base` (docs paths, such
    as "policies/xize/index.md" or "print/policy/xize/index.html")."""
    if "<a" not in html and "<img" not in html:
        return html
    here = posixpath.dirname(page)

    def attribute(found: re.Match) -> str:
        written = unescape(found.group(2))
        made = address(written, base, here)
        return found.group() if made == written else found.group(1) + escape(made) + found.group(3)
    return _TAG.sub(lambda tag: _ADDRESS.sub(attribute, tag.group()), html)


def address(written: str, base: str, here: str) -> str:
    """One link as written at docs path `base`, relative to the folder `here`."""
    link = written.strip()
    if not link or link.startswith("#") or _LEAVES.match(link):
        return written
    cut = _SUFFIX.search(link)
    path, suffix = (link[:cut.start()], link[cut.start():]) if cut else (link, "")
    if not path:                # "?query" keeps its page
        return written
    folder = path.endswith("/")
    target = path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(base), path)
    target = posixpath.normpath(target) if target else "."
    if target == ".." or target.startswith("../"):
        return written          # above the root: the link check says so
    if target.endswith(".md"):  # a page's Markdown: the page's address
        name = posixpath.basename(target)
        target = posixpath.dirname(target) if name in ("index.md", "README.md") else target[:-3]
        folder = True
    relative = posixpath.relpath(target or ".", here or ".")
    return (relative + "/" if folder else relative) + suffix
