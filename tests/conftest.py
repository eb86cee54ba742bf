"""Shared fixtures: small site folders copied into tmp_path, edited per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SITE_PARTS = ("data", "content", "site_config", "mkdocs.yml")


class SiteFolder:
    """A copy of a site that a test may edit freely."""

    def __init__(self, root: Path):
        self.root = root

    def path(self, rel: str) -> Path:
        return self.root / rel

    def read(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def write(self, rel: str, text: str) -> None:
        target = self.path(rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def replace(self, rel: str, old: str, new: str) -> None:
        text = self.read(rel)
        assert old in text, f"{old!r} not in {rel}"
        self.write(rel, text.replace(old, new, 1))

    def append(self, rel: str, text: str) -> None:
        self.write(rel, self.read(rel) + text)


def copy_site(source: Path, target: Path) -> SiteFolder:
    target.mkdir(parents=True, exist_ok=True)
    for part in SITE_PARTS:
        src = source / part
        if src.is_dir():
            shutil.copytree(src, target / part, ignore=shutil.ignore_patterns("build"))
        elif src.is_file():
            shutil.copy2(src, target / part)
    return SiteFolder(target)


@pytest.fixture
def minimal(tmp_path) -> SiteFolder:
    """tests/fixtures/minimal: one item of each kind, three contacts, one office."""
    return copy_site(FIXTURES / "minimal", tmp_path / "site")


@pytest.fixture
def example(tmp_path) -> SiteFolder:
    """The bundled example site (the repository's own data/)."""
    return copy_site(REPO, tmp_path / "example")
