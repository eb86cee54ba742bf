"""The whole-site build's processes held still while a save's preview is made (Linux).

After each save the whole site is built at low priority, and the next save
usually comes while it runs. On two cores its workers still slow the preview
down (a core shared, the disk, the memory). Stopped, they take nothing; they go
on once the pages are shown, and the build gives itself up at its next stage
anyway (a newer save came).

Serve's own children are the build's: its stages' processes and their workers,
git, and the deletion of an old site. None of them holds anything the preview
waits for.
"""

from __future__ import annotations

import os
import signal
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def children_stopped():
    """Every process this one started (and theirs) stopped inside the block."""
    stopped = []
    if hasattr(signal, "SIGSTOP"):
        for pid in _descendants(os.getpid()):
            try:
                os.kill(pid, signal.SIGSTOP)
            except ProcessLookupError:
                continue      # ended meanwhile
            stopped.append(pid)
    try:
        yield
    finally:
        for pid in stopped:
            try:
                os.kill(pid, signal.SIGCONT)
            except ProcessLookupError:
                pass


def _descendants(pid: int) -> list[int]:
    """Children, grandchildren… by /proc's list of each thread's children; none where
    there is no /proc (the build then just runs at its low priority)."""
    found, waiting = [], [pid]
    while waiting:
        parent = waiting.pop()
        for task in Path(f"/proc/{parent}/task").glob("*/children"):
            try:
                children = [int(child) for child in task.read_text().split()]
            except OSError:
                continue      # the thread or process ended meanwhile
            found += children
            waiting += children
    return found
