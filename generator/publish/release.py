"""Atomic releases on a static host: DEST/releases/<name>/ and a `current` symlink.

A release is copied completely under a temporary name and renamed into place;
then a new symlink is made beside `current` and renamed over it. Both renames
are atomic on POSIX, so a web server serving DEST/current/ sees either the old
or the new site for every request, never a half-copied one. Older releases
stay (up to --keep) so that a rollback is a single symlink switch too; but a
release that still shows a name list whose withdrawal day has come is not put
back online.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from ..problems import UsageError
from ..today import today
from .buildinfo import read_build_info

RELEASES = "releases"
CURRENT = "current"
INCOMING = ".incoming-"


@dataclass(frozen=True)
class Release:
    name: str
    path: Path
    info: dict | None
    current: bool

    @property
    def description(self) -> str:
        if not self.info:
            return "（没有构建信息）"
        commit = self.info.get("commit") or "无提交编号"
        dirty = "（含未提交的修改）" if self.info.get("dirty") else ""
        return f"提交 {commit}{dirty} · 数据截至 {self.info.get('as_of')} · 构建于 {self.info.get('built_at')}"


def current_name(dest: Path) -> str | None:
    link = dest / CURRENT
    if not link.is_symlink():
        return None
    return Path(os.readlink(link)).name


def sequence(name: str) -> int:
    number = name.split("-", 1)[0]
    return int(number) if number.isdigit() else 0


def list_releases(dest: Path) -> list[Release]:
    """Every finished release, oldest first by its sequence number."""
    folder = dest / RELEASES
    if not folder.is_dir():
        return []
    current = current_name(dest)
    paths = [p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")]
    return [Release(path.name, path, read_build_info(path), path.name == current)
            for path in sorted(paths, key=lambda p: (sequence(p.name), p.name))]


def release_name(previous: list[Release], info: dict, now: datetime | None = None) -> str:
    """0007-20261128T153000Z-7688e50: order, publishing time (UTC), commit.

    The sequence number orders releases even when two share a second or the
    clock goes back; the newest release is never pruned, so it only grows.
    """
    number = max((sequence(r.name) for r in previous), default=0) + 1
    when = (now or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
    return f"{number:04d}-{when}-{info.get('commit') or 'nogit'}"


def publish(site_dir: Path, dest: Path, keep: int = 5) -> Release:
    """Copy a finished site into a new release and make it current; prune old releases."""
    if keep < 1:
        raise UsageError("--keep 至少是 1（当前版本本身）")
    _check_current_is_link(dest)
    folder = dest / RELEASES
    folder.mkdir(parents=True, exist_ok=True)
    clear_incoming(dest)
    name = release_name(list_releases(dest), read_build_info(site_dir) or {})
    incoming = folder / (INCOMING + name)
    try:
        shutil.copytree(site_dir, incoming, symlinks=True)
        incoming.rename(folder / name)
    except BaseException:
        shutil.rmtree(incoming, ignore_errors=True)
        raise
    switch(dest, name)
    prune(dest, keep)
    return next(r for r in list_releases(dest) if r.name == name)


def switch(dest: Path, name: str) -> None:
    """Point `current` at releases/<name> with one atomic rename."""
    _check_current_is_link(dest)
    if not (dest / RELEASES / name).is_dir():
        raise UsageError(f"{dest / RELEASES} 里没有版本 {name}（用 --list 查看有哪些版本）")
    temporary = dest / f".{CURRENT}-{os.getpid()}"
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    # Relative target: DEST may be moved or mounted elsewhere and still work.
    temporary.symlink_to(Path(RELEASES) / name, target_is_directory=True)
    os.replace(temporary, dest / CURRENT)


def clear_incoming(dest: Path) -> None:
    """Remove half-copied releases left by a killed publish: they hold the lists too."""
    for leftover in (dest / RELEASES).glob(INCOMING + "*"):
        shutil.rmtree(leftover, ignore_errors=True)


def _due(entry, day: date) -> bool:
    try:
        return date.fromisoformat(entry["withdraw_on"]) <= day
    except (KeyError, TypeError, ValueError):
        return True     # a record that cannot be read cannot show the list is still due


def expired_lists(release: Release) -> list[dict]:
    """The lists `release` shows whose withdrawal day has come (today in its time zone)."""
    info = release.info or {}
    day = today(info.get("timezone"))
    return [entry if isinstance(entry, dict) else {} for entry in info.get("lists", [])
            if _due(entry, day)]


def _check_no_expired_lists(release: Release) -> None:
    if release.info is None or not isinstance(release.info.get("lists"), list):
        raise UsageError(f"版本 {release.name} 没有记录它显示了哪些公示名单（由旧版 gongkai 生成），"
                         "无法确认其中的名单是否已到撤下日期，所以不能切回：请运行 gongkai build "
                         "后重新发布（确认其中没有名单时可加 --force）")
    expired = expired_lists(release)
    if expired:
        named = "；".join(f"{e.get('notice')}（{e.get('file')}，应于 {e.get('withdraw_on')} 撤下）"
                         for e in expired)
        raise UsageError(f"版本 {release.name} 仍显示已过公示期的名单，切回去会让名单重新公开：{named}。"
                         "请改正数据后运行 gongkai build 和 gongkai publish 发布新版本")


def rollback(dest: Path, to: str | None = None, force: bool = False) -> Release:
    """Switch back to release `to` (default: the one before the current); refused when
    it shows a list whose withdrawal day has come, unless `force`."""
    clear_incoming(dest)
    releases = list_releases(dest)
    if not releases:
        raise UsageError(f"{dest} 里还没有发布过任何版本")
    if to is None:
        names = [r.name for r in releases]
        current = current_name(dest)
        position = names.index(current) if current in names else len(names)
        if position == 0:
            raise UsageError(f"当前版本 {current} 已是最早的版本，没有可以回退的版本")
        to = names[position - 1]
    target = next((r for r in releases if r.name == to), None)
    if target is not None and not force:
        _check_no_expired_lists(target)
    switch(dest, to)
    return next(r for r in list_releases(dest) if r.name == to)


def prune(dest: Path, keep: int) -> list[str]:
    """Remove all but the newest `keep` releases; the current one always stays."""
    releases = list_releases(dest)
    removed = []
    for release in releases[: max(0, len(releases) - keep)]:
        if not release.current:
            shutil.rmtree(release.path)
            removed.append(release.name)
    return removed


def _check_current_is_link(dest: Path) -> None:
    link = dest / CURRENT
    if link.exists() and not link.is_symlink():
        raise UsageError(f"{link} 是普通文件夹而不是符号链接：请把它移走（例如改名为 {link}.bak），"
                         f"网站服务器的根目录改为 {link}，再重新发布")
