"""The leak scan: no unmasked ID, mobile or bank number in any built file."""

from __future__ import annotations

from ..privacy.scan import scan_site
from ..problems import Problem
from ..validate.personal import public_numbers
from .sources import data_source


def leak_scan(ctx) -> list[Problem]:
    return scan_site(ctx.site_dir, public_numbers(ctx.site), data_source(ctx),
                     display_root="build/site", since=ctx.reused_before)
