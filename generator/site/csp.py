"""The site's Content-Security-Policy: one list of directives, two ways to send it.

Scripts and styles come only from the site's own files; the few inline scripts
Material writes into every page (reading stored settings before first paint) run
because their sha256 hashes are in the policy. No 'unsafe-inline': text from
data can never run, whatever slipped past the sanitiser.

Each page carries the policy as <meta http-equiv> (templates/csp_meta.html.j2)
with the hashes of its own inline scripts (`with_policy`, called as MkDocs and the
print step write pages), for hosts where headers cannot be set. The last step
after the build collects them into `HEADER_FILE`, the same directives as an nginx
`add_header` line plus what only a header can say (frame-ancestors); the shipped
nginx configuration includes that file from the published site, so the two cannot
drift apart.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Iterable

from jinja2 import Environment, PackageLoader, StrictUndefined, Template
from markupsafe import Markup, escape

from ..problems import Problem
from ..output import put
from ..walk import files_under

if TYPE_CHECKING:
    from ..context import BuildContext

# The site loads nothing from another host. Material's stylesheet draws its icons
# as data: SVG images; search fetches its index from the site ('self').
DIRECTIVES = (
    ("default-src", "'none'"),
    ("script-src", "'self'"),          # + the pages' inline script hashes
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("manifest-src", "'self'"),
    ("base-uri", "'none'"),
    ("form-action", "'self'"),
    ("object-src", "'none'"),
)
# Ignored in a <meta> policy (browsers say so on the console), so header only.
HEADER_ONLY = (("frame-ancestors", "'none'"),)
HEADER_FILE = ".gongkai-csp.conf"

_INLINE_SCRIPT = re.compile(r"<script(\s[^>]*)?>(.*?)</script>", re.S | re.I)
_NOT_CODE = re.compile(r"""\b(src|type\s*=\s*["']?application/(ld\+)?json)""", re.I)
_META = re.compile(rb'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
_HASH = re.compile(r"'sha256-[A-Za-z0-9+/=]+'")
# The policy is the second element of <head>, within the first kilobyte of a page
# (about 600 bytes in); a page whose first kilobyte lacks it is read on to 16 KB.
_FIRST, _HEAD = 1024, 16 * 1024


def script_hashes(html: str) -> list[str]:
    """'sha256-…' of each inline script that runs (not src=, not JSON data blocks)."""
    found = []
    for match in _INLINE_SCRIPT.finditer(html):
        if _NOT_CODE.search(match.group(1) or ""):
            continue
        digest = hashlib.sha256(match.group(2).encode("utf-8")).digest()
        found.append(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return sorted(set(found))


def policy(hashes: Iterable[str], *, header: bool = False) -> str:
    hashes = sorted(set(hashes))
    directives = DIRECTIVES + (HEADER_ONLY if header else ())
    return "; ".join(f"{name} {value} {' '.join(hashes)}".rstrip() if name == "script-src"
                     else f"{name} {value}" for name, value in directives)


def _quoted_attribute(value: str) -> Markup:
    """Escaped for a double-quoted attribute, except the single quotes a policy is made
    of ('self', 'sha256-…'): escaped, they would no longer be the bytes of the nginx
    header, nor what write_header_policy reads back."""
    return Markup(str(escape(value)).replace("&#39;", "'"))


@cache
def _meta_template() -> Template:
    env = Environment(loader=PackageLoader("generator.site", "templates"), autoescape=True,
                      undefined=StrictUndefined)
    env.filters["quoted_attribute"] = _quoted_attribute
    return env.get_template("csp_meta.html.j2")


# Nearly every page has the same inline scripts (Material's): one rendering serves them all.
@lru_cache(maxsize=256)
def _meta(page_policy: str) -> str:
    return _meta_template().render(policy=page_policy)


def with_policy(html: str) -> str:
    """The page with its policy as the first thing after <meta charset>, so that it
    governs every script and stylesheet that follows."""
    meta = _meta(policy(script_hashes(html)))
    charset = html.find('<meta charset="utf-8">')
    if charset < 0:
        head = html.find("<head>")
        return html if head < 0 else html[:head + 6] + meta + html[head + 6:]
    end = charset + len('<meta charset="utf-8">')
    return html[:end] + "\n" + meta + html[end:]


def write_header_policy(build: "BuildContext") -> list[Problem]:
    """The nginx header for the whole site from the pages' own policies; a page
    without one is an error (it would run under the header alone)."""
    hashes: set[str] = set()
    missing = []
    for rel in files_under(build.site_dir, ".html"):
        with open(os.path.join(build.site_dir, rel), "rb") as file:
            head = file.read(_FIRST)
            found = _META.search(head)
            if found is None:
                found = _META.search(head + file.read(_HEAD - _FIRST))
        if found is None:
            missing.append(rel)
        else:
            hashes.update(_HASH.findall(found.group(1).decode("utf-8", "replace")))
    if missing:
        return [Problem(f"build/site/{missing[0]}", None, "",
                        f"{len(missing)} 个页面没有内容安全策略（Content-Security-Policy）",
                        "这些页面不是由 gongkai 的模板生成的；请用 gongkai build 重新生成")]
    text = ("# gongkai build 生成，与每个页面里的 <meta http-equiv> 出自同一份设置；请勿手改。\n"
            f'add_header Content-Security-Policy "{policy(hashes, header=True)}" always;\n')
    put(build.site_dir / HEADER_FILE, text.encode("utf-8"))
    # nginx reads the file when it (re)loads: a changed policy needs one reload.
    last = build.root / "build" / "site" / HEADER_FILE
    if last.is_file() and last.read_text(encoding="utf-8") != text:
        return [Problem(HEADER_FILE, None, "", "网站的内容安全策略（Content-Security-Policy）变了",
                        "发布这一版之后，请在服务器上运行一次 nginx -s reload", level="warning")]
    return []
