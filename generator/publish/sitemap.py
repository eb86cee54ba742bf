"""Make sitemap.xml(.gz) a function of the commit and the as-of date.

MkDocs stamps every <lastmod> and the gzip header with the day of the build
(or SOURCE_DATE_EPOCH), so rebuilding an old commit on another day gives other
bytes. An item page's lastmod becomes its update date (what a crawler wants to
know); any other page's lastmod becomes the as-of date; the gzip header's time
becomes the as-of date too.
"""

from __future__ import annotations

import gzip
import io
import re
from datetime import datetime, time, timezone

from ..problems import Problem
from ..render.pages import item_path

_URL = re.compile(r"(<loc>([^<]*)</loc>\s*<lastmod>)([^<]*)(</lastmod>)")


def pin_sitemap(ctx) -> list[Problem]:
    """POST_BUILD step: ctx is a generator.build.BuildContext."""
    sitemap = ctx.site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return []
    base = ctx.site.config.base_url.rstrip("/") + "/"
    updated = {base + item_path(s)[: -len("index.md")]: s.updated.isoformat()
               for s in ctx.render.states}
    as_of = ctx.render.as_of
    text = _URL.sub(lambda m: m.group(1) + updated.get(m.group(2), as_of.isoformat()) + m.group(4),
                    sitemap.read_text(encoding="utf-8"))
    sitemap.write_text(text, encoding="utf-8")
    mtime = int(datetime.combine(as_of, time(), timezone.utc).timestamp())
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="sitemap.xml", mode="wb", fileobj=buffer, mtime=mtime) as gz:
        gz.write(text.encode("utf-8"))
    (ctx.site_dir / "sitemap.xml.gz").write_bytes(buffer.getvalue())
    return []
