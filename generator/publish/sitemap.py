"""Make sitemap.xml.gz a function of the commit and the as-of date.

The sitemap's dates come from the data (theme/sitemap.xml), but MkDocs writes
the build day into the gzip header, so rebuilding an old commit on another day
would give other bytes. The archive is written again with the as-of date.
"""

from __future__ import annotations

import gzip
import io
from datetime import datetime, time, timezone

from ..problems import Problem
from ..output import put


def pin_sitemap(ctx) -> list[Problem]:
    """A post-build step (generator.pipeline): ctx is a generator.context.BuildContext."""
    sitemap = ctx.site_dir / "sitemap.xml"
    if not sitemap.is_file():
        # The site folder may hold an older site's (generator/output.py).
        (ctx.site_dir / "sitemap.xml.gz").unlink(missing_ok=True)
        return []
    mtime = int(datetime.combine(ctx.render.as_of, time(), timezone.utc).timestamp())
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="sitemap.xml", mode="wb", fileobj=buffer, mtime=mtime) as gz:
        gz.write(sitemap.read_bytes())
    put(ctx.site_dir / "sitemap.xml.gz", buffer.getvalue())
    return []
