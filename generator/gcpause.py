"""Python's cyclic garbage collector held off while a big, long-lived structure is made.

A full collection walks every object the process holds. Loading a site makes
millions of objects that live as long as the build, and each time their number
grows by a quarter a full collection walks them all: at 10,000 items, ten
collections, 2 seconds of a warm build's main process, which frees almost
nothing. Garbage made meanwhile (cycles are rare: references count the rest
down) is collected after the block.
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager

# Blocks in several threads (serve: a save's preview beside a whole-site build):
# collection comes back when the last of them ends, if it was on before the first.
_LOCK = threading.Lock()
_paused = 0
_was_enabled = True


@contextmanager
def collection_paused():
    """No cyclic garbage collection inside the block, in any thread of this process."""
    global _paused, _was_enabled
    with _LOCK:
        if _paused == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _LOCK:
            _paused -= 1
            if _paused == 0 and _was_enabled:
                gc.enable()
