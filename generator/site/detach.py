"""A dirty MkDocs build writes new files, never into the last good site's.

An incremental build's staging folder holds hard links to the last site's files
(site/incremental.py). MkDocs opens its outputs for writing in place, which
would change the last site through the shared inode; so the `gongkai` plugin
unlinks, just before MkDocs writes, every file MkDocs is about to write.
"""

from __future__ import annotations

import contextlib
import os


def detach_outputs(config, files) -> None:
    """Unlink each file this dirty MkDocs build is about to write, so that it writes a
    new file rather than into one the last good site shares (MkDocs writes in place)."""
    site_dir = config.site_dir
    outputs = [f.abs_dest_path for f in files if f.is_modified()]
    outputs += [os.path.join(site_dir, name)
                for name in (*config.theme.static_templates, *config.extra_templates)]
    outputs.append(os.path.join(site_dir, "sitemap.xml.gz"))   # gzipped beside sitemap.xml
    for output in outputs:
        with contextlib.suppress(FileNotFoundError, IsADirectoryError):
            os.unlink(output)
