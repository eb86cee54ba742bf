"""Turning the Markdown tree into the public website with MkDocs."""
