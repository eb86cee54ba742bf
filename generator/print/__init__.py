"""Bulletin-board versions (公开栏): a print page per item and PDFs made from it.

The print page is gongkai's own HTML (not the Material theme), laid out for
paper; WeasyPrint turns the very same HTML into the PDF, so the sheet printed
from the browser and the downloaded PDF are one layout.
"""
