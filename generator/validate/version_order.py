"""Version URLs stay put: /<folder>/<slug>/v/<n>/ numbers versions by position,
so a version may only be appended after those already published.

"Published" means committed: the file as it stands in git's HEAD is what the
last build put online. Inserting a version before one of those, or deleting
one, would shift every later number and make cited /v/<n>/ addresses show
different text. Correcting a committed version's date in place keeps its
position and is allowed. Without git (or for a file not yet committed) there
is nothing to compare against and the rule is silent.
"""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import yaml

from ..load.site_loader import SiteData
from ..problems import Problem


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], input=stdin,
                                capture_output=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def _read_batch(output: bytes, count: int) -> list[bytes | None]:
    """Split `git cat-file --batch` output: a header line, then the blob and a newline."""
    blobs: list[bytes | None] = []
    pos = 0
    for _ in range(count):
        end = output.index(b"\n", pos)
        header = output[pos:end].split()
        pos = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            blobs.append(output[pos:pos + size])
            pos += size + 1
        else:
            blobs.append(None)
    return blobs


# libyaml, where PyYAML has it: the pure-Python loader took 3 s for 1,000 files.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def committed_dates(root: Path, files: list[str]) -> dict[str, list[date]]:
    """effective_from of each version as committed in HEAD, per item file that
    changed since: a file as committed has its versions where they were."""
    prefix = _git(root, "rev-parse", "--show-prefix")
    if prefix is None or not files:
        return {}
    wanted = "".join(f"HEAD:{prefix.decode().strip()}{f}\n" for f in files).encode()
    output = _git(root, "cat-file", "--batch", stdin=wanted)
    if output is None:
        return {}
    found = {}
    for file, blob in zip(files, _read_batch(output, len(files))):
        if blob is None or _unchanged(root / file, blob):
            continue
        try:
            versions = (yaml.load(blob, Loader=_LOADER) or {}).get("versions")
            found[file] = [v["effective_from"] for v in versions]
        except (yaml.YAMLError, AttributeError, KeyError, TypeError):
            continue    # what was committed did not load then either; nothing to keep stable
    return found


def _unchanged(path: Path, committed: bytes) -> bool:
    try:
        return path.stat().st_size == len(committed) and path.read_bytes() == committed
    except OSError:
        return False


def check_version_order(site: SiteData) -> list[Problem]:
    committed = committed_dates(site.root, [item.file for item in site.items])
    problems: list[Problem] = []
    for item in site.items:
        before = committed.get(item.file)
        if not before:
            continue
        now = [v.effective_from for v in item.meta.versions]
        for n, day in enumerate(now):
            later_published = [d for d in now[n + 1:] if d in before]
            if day not in before and later_published:
                problems.append(Problem(
                    item.file, item.line("versions", n, "effective_from"),
                    f"versions[{n + 1}]",
                    f"生效日期为 {day} 的版本插在了已经发布的版本（{later_published[0]} 起）之前，"
                    f"后面各版本的编号和网址（/v/编号/）都会变，已经引用这些网址的人会看到别的内容",
                    "新版本只能加在 versions 列表的最后；如果是补录更早的旧版本，请写进该版本的"
                    " change_note 或正文说明，不要插入新的版本"))
        if len(now) < len(before):
            problems.append(Problem(
                item.file, item.line("versions"), "versions",
                f"已经发布的 {len(before)} 个版本现在只剩 {len(now)} 个，删掉版本会让后面各版本的网址改变或失效",
                "已发布的版本要保留；内容有误请追加一个新版本并在 change_note 里说明更正"))
    return problems
