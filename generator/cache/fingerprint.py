"""One fingerprint for every cache: what, beside a step's own inputs, shapes its result.

The libraries that render and check pages (by version), gongkai's own code and
templates, the site's configuration (mkdocs.yml and site_config/), and the numbers
the office declared public. Paths are taken relative to their folder, so a site
checked out elsewhere (a CI runner) keeps its cache.
"""

from __future__ import annotations

import functools
import hashlib
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

CODE = Path(__file__).resolve().parents[1]     # the generator package
# icalendar and tzdata make the kept calendar files (calendars/files.py).
LIBRARIES = ("mkdocs", "mkdocs-material", "markdown", "markdown-it-pyrs", "jinja2", "pydantic",
             "PyYAML", "nh3", "pymdown-extensions", "weasyprint", "pypdf", "segno", "icalendar",
             "tzdata")
SETTINGS = ("mkdocs.yml", "site_config")


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def _library(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "-"


@functools.cache
def _running() -> hashlib._Hash:
    """Python, the libraries and gongkai's code: hashed once per process (a build asks
    twice, serve at every save), as they are the ones loaded when it started."""
    digest = hashlib.sha256(sys.version.encode() + b"\0")
    for name in LIBRARIES:
        digest.update(f"{name}={_library(name)}\0".encode())
    for path in _files(CODE):
        digest.update(path.relative_to(CODE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest


def fingerprint(root: Path, allowed: frozenset[str] = frozenset()) -> str:
    """The fingerprint of the site in `root`, with `allowed` its public numbers."""
    digest = _running().copy()
    for setting in SETTINGS:
        path = root / setting
        for file in _files(path) if path.is_dir() else [path] if path.is_file() else []:
            digest.update(file.relative_to(root).as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
    digest.update("\0".join(sorted(allowed)).encode())
    return digest.hexdigest()
