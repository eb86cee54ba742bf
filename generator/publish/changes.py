"""What the public sees differently between two states of the site.

Only the render stage runs (no MkDocs): the generated Markdown, front matter
included, is what pages are made of, so its diff is the reviewer's view.

Two questions are answered apart:
- data changes: the old and the new commit rendered as of the same date D;
  exactly what a merge changes on the public site that day;
- scheduled changes: the new commit rendered day after day after D; what
  changes by itself (a notice period ends, a version takes effect, a list is
  withdrawn) when the daily rebuild runs, with nobody committing.
"""

from __future__ import annotations

import difflib
import re
import tempfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from html import unescape
from pathlib import Path
from typing import Literal

import yaml

from ..load.site_loader import SiteData
from ..pipeline import PIPELINE
from ..problems import Problem, ProblemsError
from ..render import make_context, render_context
from ..render.pages import served_path
from ..validated import load_and_validate
from . import git

Status = Literal["added", "removed", "changed"]
STATUS_LABELS = {"added": "新增", "removed": "删除", "changed": "修改"}


@dataclass(frozen=True)
class FileChange:
    path: str                  # docs-relative, e.g. fees/fuyangfei/index.md
    status: Status
    title: str                 # the page's title, or its path for other files
    url: str                   # where the public finds it
    diff: list[str]            # unified diff lines, without line ends
    omitted: int = 0           # diff lines left out to keep the report readable

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def is_page(self) -> bool:
        return self.path.endswith((".md", "index.html"))


@dataclass(frozen=True)
class DayChanges:
    day: date
    changes: list[FileChange]


@dataclass
class ChangeReport:
    since: str                     # how the old state is named (short hash or 空)
    until: str
    as_of: date
    ahead: int
    data: list[FileChange]
    scheduled: list[DayChanges]
    old_problems: list[Problem] = field(default_factory=list)   # the old data did not validate

    def counts(self) -> dict[str, int]:
        return {status: sum(1 for c in self.data if c.status == status) for status in STATUS_LABELS}


def _front_title(content: bytes) -> str | None:
    text = content.decode("utf-8", errors="replace")
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---", 4)
    try:
        front = yaml.safe_load(text[4:end]) if end > 0 else None
    except yaml.YAMLError:
        return None
    return str(front["title"]) if isinstance(front, dict) and front.get("title") else None


_HTML_TITLE = re.compile(rb"<title>(.*?)</title>", re.S)


def _html_title(content: bytes) -> str | None:
    found = _HTML_TITLE.search(content)
    return unescape(found.group(1).decode("utf-8", errors="replace")).strip() if found else None


def public_url(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + "/" + served_path(path)


def _lines(content: bytes) -> list[str] | None:
    try:
        return content.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        return None


def _diff(old_path: str, new_path: str, old: bytes | None, new: bytes | None,
          max_lines: int) -> tuple[list[str], int]:
    old_lines = _lines(old) if old is not None else []
    new_lines = _lines(new) if new is not None else []
    if old_lines is None or new_lines is None:
        sizes = f"{len(old or b'')} → {len(new or b'')} 字节"
        return [f"（二进制文件，内容不同：{sizes}）"], 0
    lines = list(difflib.unified_diff(old_lines, new_lines, f"a/{old_path}", f"b/{new_path}",
                                      lineterm=""))
    if max_lines and len(lines) > max_lines:
        return lines[:max_lines], len(lines) - max_lines
    return lines, 0


def compare(old: dict[str, bytes], new: dict[str, bytes], base_url: str,
            max_lines: int = 0) -> list[FileChange]:
    """Every address whose file was added, removed or changed; pages first, each group
    by path. A version's page and its stub (generator/stubs) share an address: one
    turning into the other changes that page, rather than removing one and adding one."""
    old_at, new_at = _by_address(old), _by_address(new)
    changes = []
    for address in sorted(old_at.keys() | new_at.keys()):
        old_path, before = old_at.get(address, (None, None))
        new_path, after = new_at.get(address, (None, None))
        if before == after:
            continue
        path = new_path or old_path
        status: Status = "added" if before is None else "removed" if after is None else "changed"
        shown = after if after is not None else before
        title = (_front_title(shown) if path.endswith(".md")
                 else _html_title(shown) if path.endswith(".html") else None)
        diff, omitted = _diff(old_path or path, path, before, after, max_lines)
        changes.append(FileChange(path, status, title or path, public_url(base_url, path),
                                  diff, omitted))
    changes.sort(key=lambda c: (not c.is_page, c.path))
    return changes


def _by_address(files: dict[str, bytes]) -> dict[str, tuple[str, bytes]]:
    return {served_path(path): (path, content) for path, content in files.items()}


def render_at(site: SiteData, as_of: date) -> dict[str, bytes]:
    return render_context(make_context(site, as_of), PIPELINE)


def collect(root: Path, since: str | None, until: str | None, as_of: date, ahead: int = 7,
            max_lines: int = 0) -> ChangeReport:
    """Compare commit `since` (None: nothing) with commit `until` (None: the working tree)."""
    with tempfile.TemporaryDirectory(prefix="gongkai-changes-") as tmp:
        new_root = _checkout(root, until, Path(tmp) / "new") if until else root
        if new_root is None:
            raise ProblemsError([Problem("data", None, "",
                                         f"提交 {git.short(root, until)} 里还没有网站文件",
                                         "请检查 --until 指定的提交")])
        # The new state must be valid: that is what would be published.
        new_site, _ = load_and_validate(new_root)
        old_site, old_problems = None, []
        old_root = _checkout(root, since, Path(tmp) / "old") if since else None
        if old_root is not None:
            try:
                old_site, _ = load_and_validate(old_root)
            except ProblemsError as err:
                old_problems = err.problems
        base_url = new_site.config.base_url
        new_files = render_at(new_site, as_of)
        old_files = render_at(old_site, as_of) if old_site else {}
        data = compare(old_files, new_files, base_url, max_lines)
        scheduled, previous = [], new_files
        for offset in range(1, ahead + 1):
            day = as_of + timedelta(days=offset)
            files = render_at(new_site, day)
            changes = compare(previous, files, base_url, max_lines)
            if changes:
                scheduled.append(DayChanges(day, changes))
            previous = files
    since_name = git.short(root, since) if since else "空（没有更早的提交）"
    until_name = git.short(root, until) if until else "工作区（含未提交的修改）"
    return ChangeReport(since_name, until_name, as_of, ahead, data, scheduled, old_problems)


def _checkout(root: Path, commit: str, dest: Path) -> Path | None:
    dest.mkdir(parents=True)
    return git.export_site(root, commit, dest)
