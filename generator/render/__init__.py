"""Render the selected site into Markdown pages (front matter + body).

Knows nothing of MkDocs: the output is a plain tree of .md files and copied
assets that another engine could build as well.
"""

from .pages import FILE_PROVIDERS, PAGE_PROVIDERS, RenderContext, make_context, render_context, render_site
from .history import history_pages
from ..feeds import feed_files

PAGE_PROVIDERS.append(history_pages)   # version, comparison, 更新记录 and 清理结果 pages
FILE_PROVIDERS.append(feed_files)      # /feeds/rss.xml and /feeds/atom.xml

__all__ = ["RenderContext", "make_context", "render_context", "render_site"]
