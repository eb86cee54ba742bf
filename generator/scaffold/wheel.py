"""The running gongkai, written back out as a wheel for a new site's repository.

A site's CI installs gongkai from this file, kept in the site's own git
repository: a source that exists, is pinned by the commit that holds it, and
that nobody else can publish over (the name gongkai on the public index is not
ours). The wheel is made from the installed files, so it works the same for an
install from a wheel and for a developer's editable install; the same gongkai
always gives the same bytes, so running `gongkai init` again changes nothing.
"""

from __future__ import annotations

import base64
import hashlib
import zipfile
from importlib import metadata
from pathlib import Path

DISTRIBUTION = "gongkai"
PACKAGE = Path(__file__).resolve().parents[1]      # generator/
# Zip entries carry a time; a fixed one keeps the bytes the same from run to run.
EPOCH = (1980, 1, 1, 0, 0, 0)
WHEEL_FILE = """Wheel-Version: 1.0
Generator: gongkai
Root-Is-Purelib: true
Tag: py3-none-any
"""


def wheel_name() -> str:
    return f"{DISTRIBUTION}-{metadata.version(DISTRIBUTION)}-py3-none-any.whl"


def write_wheel(folder: Path) -> Path:
    """Write gongkai-<version>-py3-none-any.whl into folder; returns its path."""
    dist = metadata.distribution(DISTRIBUTION)
    info = f"{DISTRIBUTION}-{dist.version}.dist-info"
    entries = [(f"{PACKAGE.name}/{path.relative_to(PACKAGE).as_posix()}", path.read_bytes())
               for path in sorted(PACKAGE.rglob("*"))
               if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"]
    # An egg-info (a source checkout on the path) keeps the same metadata as PKG-INFO.
    core = dist.read_text("METADATA") or dist.read_text("PKG-INFO")
    entries += [(f"{info}/METADATA", core.encode("utf-8")),
                (f"{info}/entry_points.txt", dist.read_text("entry_points.txt").encode("utf-8")),
                (f"{info}/top_level.txt", f"{PACKAGE.name}\n".encode("utf-8")),
                (f"{info}/WHEEL", WHEEL_FILE.encode("utf-8"))]
    record = "".join(f"{name},sha256={_digest(data)},{len(data)}\n" for name, data in entries)
    entries.append((f"{info}/RECORD", (record + f"{info}/RECORD,,\n").encode("utf-8")))
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / wheel_name()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as wheel:
        for name, data in entries:
            entry = zipfile.ZipInfo(name, EPOCH)
            entry.external_attr = 0o644 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            wheel.writestr(entry, data)
    return target


def _digest(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
