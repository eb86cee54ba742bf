"""Rules across files (DESIGN.md, "Rules the validator enforces").

Per-file schema checks happen while loading (`load/`); `validate_site` runs
every rule that needs the whole site, and returns all problems at once.
"""

from __future__ import annotations

from ..problems import Problem
from .content import check_content
from .dates import check_dates
from .notices import check_notices
from .personal import check_personal
from .placeholders import check_placeholders
from .references import check_references
from .timeliness import check_timeliness
from .uniqueness import check_unique
from .version_order import check_version_order

# Feature checks (annual reports…) are added by generator.pipeline.
CHECKS = [check_unique, check_references, check_dates, check_content, check_notices,
          check_timeliness, check_version_order, check_personal, check_placeholders]


def validate_site(site) -> list[Problem]:
    problems: list[Problem] = []
    for check in CHECKS:
        problems.extend(check(site))
    return problems
