"""Work spread over the machine's cores by forked worker processes.

Forked workers start with everything the main process holds (a loaded site,
a closure over it), so nothing is pickled on the way in; results come back
pickled. Small jobs stay in the main process, where starting workers would cost
more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")
MANY = 500       # items; fewer are done in this process

_WORK: tuple[Callable, Sequence] | None = None


def cores() -> int:
    """The cores this process may run on (a container's limit, not the host's count)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def forked_map(function: Callable[[T], R], items: Sequence[T], *, chunksize: int = 32,
               processes: int | None = None, at_least: int = MANY) -> list[R]:
    """[function(item) for item in items], in `processes` workers (default: one per
    core) when there are at least `at_least` items, else in this process."""
    processes = processes or cores()
    if len(items) < at_least or processes == 1:
        return [function(item) for item in items]
    global _WORK
    _WORK = (function, items)
    try:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            # Positions go to the workers, which hold the items already.
            return pool.map(_call, range(len(items)), chunksize)
    finally:
        _WORK = None


def _call(position: int):
    function, items = _WORK
    return function(items[position])
