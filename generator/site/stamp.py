"""The build stamp in every footer: when, from which commit, as of which date."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import date, datetime, timezone, timedelta
from pathlib import Path

from markupsafe import escape

CHINA = timezone(timedelta(hours=8), "CST")


@dataclass(frozen=True)
class BuildStamp:
    built_at: datetime
    commit: str | None        # short hash; None outside git
    dirty: bool
    as_of: date

    @property
    def text(self) -> str:
        when = self.built_at.astimezone(CHINA).strftime("%Y-%m-%d %H:%M")
        if self.commit is None:
            source = "数据未使用 git 管理，无提交编号"
        else:
            source = f"提交 {self.commit}{'（含未提交的修改）' if self.dirty else ''}"
        return f"构建于 {when}（北京时间）· {source} · 数据截至 {self.as_of.isoformat()}"

    @property
    def shown(self) -> bytes:
        """The text as a page's footer prints it (escaped), in the bytes MkDocs writes:
        what the caches leave out of a page (site/pagecache.py, cache/files.py)."""
        return str(escape(self.text)).encode("utf-8", "xmlcharrefreplace")


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                                timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def make_stamp(root: Path, as_of: date) -> BuildStamp:
    # SOURCE_DATE_EPOCH (reproducible-builds.org) pins the time for identical rebuilds.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    built_at = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)
    commit = _git(root, "rev-parse", "--short", "HEAD")
    dirty = bool(commit) and bool(_git(root, "status", "--porcelain", "--", "data", "content",
                                       "site_config"))
    return BuildStamp(built_at, commit or None, dirty, as_of)
