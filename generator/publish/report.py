"""The change report as terminal text or as Markdown for a merge-request comment."""

from __future__ import annotations

import re

from jinja2 import Environment, PackageLoader, StrictUndefined

from .changes import ChangeReport, FileChange

FORMATS = ("text", "markdown")


def fence(change: FileChange) -> str:
    """A code fence longer than any backtick run inside the diff, so it cannot close early."""
    longest = max((len(run) for line in change.diff for run in re.findall(r"`+", line)), default=0)
    return "`" * max(3, longest + 1)


def format_report(report: ChangeReport, fmt: str) -> str:
    env = Environment(loader=PackageLoader("generator.publish", "templates"), autoescape=False,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                      undefined=StrictUndefined)
    env.filters["fence"] = fence
    env.filters["html"] = lambda text: (str(text).replace("&", "&amp;").replace("<", "&lt;")
                                        .replace(">", "&gt;"))
    template = env.get_template("changes.md.j2" if fmt == "markdown" else "changes.txt.j2")
    return template.render(report=report, counts=report.counts())
