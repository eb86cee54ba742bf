"""Writing a generated tree into a folder that may hold an older one.

A build writes its site into the folder of the site it replaced two builds ago
(generator/build.py's spare), so that a file whose bytes did not change is
neither made again nor touched: making ~6,800 files in ~5,900 folders was half
of a warm build, and an untouched file keeps its inode and times, which rsync
and the checks' caches go by. Nothing found there is trusted (a killed build
may have left it half updated, a hand may have edited it): each file is
compared byte for byte with what this build makes, and replaced (a new file
renamed over it, generator/replace.py) where it differs; a hard link is
compared by inode. What MkDocs writes or finds equal is recorded (`recording`),
so that the build can remove everything else (`remove_others`).
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Collection, Iterator

from .replace import PARTIAL, replace_file

RECORD = ".made"    # beside the site folder: the paths made in it, one a line

_recording: tuple[str, int] | None = None    # (site folder with a trailing separator, record)


def record_of(site_dir: str | os.PathLike) -> Path:
    return Path(os.fspath(site_dir) + RECORD)


@contextmanager
def recording(site_dir: str | os.PathLike) -> Iterator[None]:
    """Record each file put or linked under site_dir meanwhile, by this process and the
    workers it forks: they inherit the record's descriptor, opened for appending, and
    each path is one write, which the system appends whole."""
    global _recording
    record = os.open(record_of(site_dir), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    _recording = (os.path.join(os.path.abspath(site_dir), ""), record)
    try:
        yield
    finally:
        _recording = None
        os.close(record)


def made(site_dir: str | os.PathLike) -> set[str]:
    """The paths (relative, with "/") recorded under site_dir."""
    try:
        return set(record_of(site_dir).read_text(encoding="utf-8").splitlines())
    except FileNotFoundError:
        return set()


def _note(path: str) -> None:
    if _recording is not None and path.startswith(_recording[0]):
        rel = path[len(_recording[0]):].replace(os.sep, "/")
        os.write(_recording[1], (rel + "\n").encode("utf-8"))


def put(path: str | os.PathLike, content: bytes) -> bool:
    """Write content to path unless the file there holds it already (folders are made
    as needed); True if written."""
    target = os.fspath(path)
    _note(target)
    try:
        if os.stat(target).st_size == len(content) and _read(target) == content:
            return False
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        pass
    try:
        replace_file(target, content)
    except FileNotFoundError:       # a new folder: made on demand, as most exist already
        os.makedirs(os.path.dirname(target), exist_ok=True)
        replace_file(target, content)
    except (NotADirectoryError, IsADirectoryError):
        _clear_way(target)
        replace_file(target, content)
    return True


def _clear_way(target: str) -> None:
    """The older site has a folder where this build writes a file, or a file where it
    needs a folder (an address that changed from one to the other): it goes."""
    if os.path.isdir(target) and not os.path.islink(target):
        shutil.rmtree(target)
    folder = os.path.dirname(target)
    while not os.path.lexists(folder):
        folder = os.path.dirname(folder)
    if not os.path.isdir(folder):
        os.unlink(folder)
    os.makedirs(os.path.dirname(target), exist_ok=True)


def copy(source: str | os.PathLike, path: str | os.PathLike) -> bool:
    return put(path, _read(os.fspath(source)))


def link(source: str, path: str) -> None:
    """Make path a hard link to source, unless it is one already; a copy where the
    system cannot link (another file system). A link found there may be to a file
    that source has since been renamed over: a link to another inode is replaced."""
    _note(path)
    try:
        there, wanted = os.stat(path), os.stat(source)
        if (there.st_ino, there.st_dev) == (wanted.st_ino, wanted.st_dev):
            return
    except FileNotFoundError:
        pass
    partial = path + PARTIAL
    try:
        _link(source, partial)
    except OSError:
        put(path, _read(source))
        return
    os.replace(partial, path)   # never a moment without the file


def _link(source: str, partial: str) -> None:
    try:
        os.link(source, partial)
    except FileExistsError:     # left by a killed build
        os.unlink(partial)
        os.link(source, partial)
    except FileNotFoundError:   # a new folder
        os.makedirs(os.path.dirname(partial), exist_ok=True)
        os.link(source, partial)


def _read(path: str) -> bytes:
    with open(path, "rb") as file:
        return file.read()


def remove_others(dest: str | os.PathLike, files: Collection[str],
                  owns: Callable[[str], bool] = lambda rel: True) -> tuple[str, ...]:
    """Delete the files under dest that are not among `files` (relative paths with "/")
    and that `owns` says are the caller's, then the folders left empty. Walked
    bottom-up, a folder is empty when none of its files is left and each subfolder
    went (asking the system for each of a big site's thousands of folders cost more)."""
    removed = []
    base = os.fspath(dest)
    gone: set[str] = set()
    for folder, subfolders, names in os.walk(base, topdown=False):
        rel_folder = folder[len(base) + 1:].replace(os.sep, "/")    # "" for dest itself
        left = len(names)
        for name in names:
            rel = f"{rel_folder}/{name}" if rel_folder else name
            if rel not in files and owns(rel):
                os.unlink(os.path.join(folder, name))
                removed.append(rel)
                left -= 1
        if rel_folder and not left and all(os.path.join(folder, sub) in gone for sub in subfolders):
            os.rmdir(folder)
            gone.add(folder)
    return tuple(sorted(removed))
