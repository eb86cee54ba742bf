"""Render the selected site into Markdown pages (front matter + body).

Knows nothing of MkDocs: the output is a plain tree of .md files and copied
assets that another engine could build as well.
"""

from .pages import RenderContext, make_context, render_context

__all__ = ["RenderContext", "make_context", "render_context"]
