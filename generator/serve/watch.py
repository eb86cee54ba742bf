"""Which files a save changed, as the system reports it.

On Linux inotify tells of a file written and closed, moved in or deleted, and of
nothing else: not of a file read, which every build does to every data file.
Elsewhere (and where the system refuses more watches) MkDocs' polling watcher
stats every file twice a second. Editors' own files (hidden, backups) are not
the site's and change nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

from watchdog.events import (FileClosedEvent, FileCreatedEvent, FileDeletedEvent,
                             FileModifiedEvent, FileMovedEvent, FileSystemEvent,
                             FileSystemEventHandler)
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

# A file written: closed after writing where the system says so (inotify), else modified.
WRITTEN_LINUX = [FileClosedEvent, FileMovedEvent, FileDeletedEvent]
WRITTEN = [FileModifiedEvent, FileCreatedEvent, FileMovedEvent, FileDeletedEvent]
POLL_SECONDS = 0.5


class _Saves(FileSystemEventHandler):
    def __init__(self, paths: list[Path], saved: Callable[[set[str]], None]) -> None:
        self.paths, self.saved = paths, saved

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory:
            return
        paths = {str(event.src_path)}
        if isinstance(event, FileMovedEvent):
            paths.add(str(event.dest_path))
        paths = {path for path in paths if self._watched(Path(path))}
        if paths:
            self.saved(paths)

    def _watched(self, path: Path) -> bool:
        name = path.name
        if name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx")) or name == "4913":
            return False     # an editor's own file
        return any(path == watched or watched in path.parents for watched in self.paths)


def _start(observer: BaseObserver, kinds: list, paths: list[Path], handler) -> BaseObserver:
    for folder in sorted({path if path.is_dir() else path.parent for path in paths}):
        # A single file is watched through its folder: an editor may replace it.
        observer.schedule(handler, str(folder), recursive=folder in paths, event_filter=kinds)
    observer.start()
    return observer


def watch(paths: list[Path], saved: Callable[[set[str]], None]) -> BaseObserver:
    """A started observer that calls `saved` with the absolute paths of files written
    under `paths` (existing folders or files), by system events where there are any."""
    handler = _Saves(paths, saved)
    if sys.platform.startswith("linux"):
        from watchdog.observers.inotify import InotifyObserver
        native, kinds = InotifyObserver(), WRITTEN_LINUX
    else:
        from watchdog.observers import Observer
        native, kinds = Observer(), WRITTEN
    try:
        return _start(native, kinds, paths, handler)
    except OSError:
        native.stop()     # out of inotify watches, say: polled instead
    return _start(PollingObserver(timeout=POLL_SECONDS), WRITTEN, paths, handler)
