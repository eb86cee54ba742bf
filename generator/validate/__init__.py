"""Rules across files (DESIGN.md, "Rules the validator enforces").

Per-file schema checks happen while loading (`load/`); `validate_site` runs
every rule of the pipeline it is handed (generator.pipeline: the core's rules in
this package and the features'), and returns all problems at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..problems import Problem

if TYPE_CHECKING:
    from ..load.site_loader import SiteData
    from ..pipeline import Pipeline


def validate_site(site: SiteData, pipeline: Pipeline) -> list[Problem]:
    problems: list[Problem] = []
    for check in pipeline.checks:
        problems.extend(check(site))
    return problems
