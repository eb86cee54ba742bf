"""The sheets' QR codes, kept in build/cache under their URL (the QR library's
version is in the shared fingerprint).

A QR code depends on nothing else, so it outlives the sheet it is drawn on: a sheet is
kept under the build date and the site's shared files as well (cache.py), so a build on
a new day renders every sheet again, but draws no QR code again. Drawing one was over
half of rendering a sheet.
"""

from __future__ import annotations

from markupsafe import Markup

from ..cache.store import Store, key
from ..workers import forked_map
from .sheet import qr_svg

KIND = "qr"


def qr_codes(store: Store, urls: list[str]) -> dict[str, Markup]:
    """Each URL's QR code as inline SVG, drawn only where the store has none."""
    drawn = store.results([key(url) for url in urls],
                          lambda missing: forked_map(qr_svg, [urls[i] for i in missing],
                                                     chunksize=16))
    return {url: Markup(svg) for url, svg in zip(urls, drawn)}
