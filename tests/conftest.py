"""Shared fixtures: small site folders copied into tmp_path, edited per test, the example
site built once per test process for the many tests that only read it, and one Chromium per
test process for the browser tests."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from generator.build import BuildResult

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SITE_PARTS = ("data", "content", "site_config", "mkdocs.yml")
EXAMPLE_AS_OF = date(2026, 11, 28)
# The longest modules (pytest --durations on two cores), started first: `make test` hands
# whole modules to two pytest-xdist workers, and a long one started last would leave one
# worker busy alone at the end.
SLOW_FIRST = ("test_release.py", "test_citizen_phone.py", "test_build.py", "test_xss_browser.py",
              "test_csp_browser.py", "test_citizen_browser.py", "test_start_method.py",
              "test_hook.py", "test_serve.py", "test_print_site.py", "test_reproducible.py",
              "test_privacy_false_positives.py", "test_warm_cold.py", "test_changes.py",
              "test_citizen_links.py")


def pytest_collection_modifyitems(items):
    rank = {name: place for place, name in enumerate(SLOW_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))


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


@dataclass(frozen=True)
class BuiltSite:
    """A built site that tests only read: copy it (shutil.copytree) before changing anything."""
    folder: SiteFolder
    result: BuildResult

    @property
    def root(self) -> Path:
        return self.folder.root

    @property
    def site_dir(self) -> Path:
        return self.result.site_dir


@pytest.fixture(scope="session")
def example_built(tmp_path_factory) -> BuiltSite:
    """The bundled example built as of EXAMPLE_AS_OF without PDFs, once per test process
    (each pytest-xdist worker builds its own) for every module that reads those pages:
    a test that needs the example as it is takes this, not a build of its own."""
    # Imported here: a test may check what importing gongkai's modules does.
    from generator.build import build
    folder = copy_site(REPO, tmp_path_factory.mktemp("example-built"))
    return BuiltSite(folder, build(folder.root, EXAMPLE_AS_OF))


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium, started once per test process for every browser test:
    each test opens its own contexts or pages in it and closes them."""
    from browser_support import chromium
    with chromium() as started:
        yield started
