"""Work spread over the machine's cores by forked worker processes.

Forked workers start with everything the main process holds (a loaded site,
a closure over it), so nothing is pickled on the way in; results come back
pickled. Small jobs stay in the main process, where starting workers would cost
more than it saves.

Where fork is missing (Windows) or unsafe (macOS: system libraries may hold
locks a forked child never gets back), workers are spawned: fresh interpreters
that are sent the work pickled. Work that cannot be pickled (a lambda, a
closure, anywhere in the function or the items) is done in this process instead. GONGKAI_START_METHOD=spawn (or fork)
chooses for tests.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import sys
import traceback
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")
MANY = 500       # items; fewer are done in this process
RENEW = 1024     # items a worker does before a fresh one takes its place

START_METHOD = "GONGKAI_START_METHOD"
START_METHODS = ("fork", "spawn")
# Bytes of pickled work below which in_child, without fork, stays in this process: a
# spawned child first imports gongkai and MkDocs, seconds for each of a build's stages,
# which only pays where a stage's memory matters (about 5 KB a site item: ~3,000 items).
SPAWN_AT = 16 * 2**20

_WORK: tuple[Callable, Sequence] | None = None


def cores() -> int:
    """The cores this process may run on (a container's limit, not the host's count)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def start_method() -> str:
    """fork on Linux and the BSDs; spawn on Windows and macOS; the environment decides first."""
    chosen = os.environ.get(START_METHOD, "")
    if chosen in START_METHODS:
        return chosen
    if chosen:
        # Reached from every command; a UsageError would need the CLI, so a plain exit.
        raise SystemExit(f"环境变量 {START_METHOD} 只能是 {' 或 '.join(START_METHODS)}，"
                         f"现在是「{chosen}」：请改正或删除它")
    if sys.platform == "darwin" or "fork" not in multiprocessing.get_all_start_methods():
        return "spawn"
    return "fork"


def forked_map(function: Callable[[T], R], items: Sequence[T], *, chunksize: int = 32,
               processes: int | None = None, at_least: int | None = None) -> list[R]:
    """[function(item) for item in items], in `processes` workers (default: one per
    core) when there are at least `at_least` (default MANY) items, else in this process."""
    processes = processes or cores()
    if len(items) < (MANY if at_least is None else at_least) or processes == 1:
        return [function(item) for item in items]
    renew = max(1, RENEW // chunksize)
    if start_method() != "fork":
        # Function and items are pickled once and given whole to each worker, which then
        # gets positions, as a forked one does; what cannot be pickled is done here.
        payload = _pickled((function, items))
        if payload is None:
            return [function(item) for item in items]
        with multiprocessing.get_context("spawn").Pool(
                processes, initializer=_install, initargs=(payload,),
                maxtasksperchild=renew) as pool:
            return pool.map(_call, range(len(items)), chunksize)
    global _WORK
    _WORK = (function, items)
    try:
        # A worker grows as it goes: it copies the pages of inherited memory it touches
        # (reference counts are writes) and keeps what it allocated. Replacing each after
        # RENEW items took the 10,000-item render from 1,123 to 822 MB at no cost in
        # time. gc.freeze: inherited objects are never collected (so never copied) there.
        with multiprocessing.get_context("fork").Pool(processes, initializer=_worker_gc,
                                                      maxtasksperchild=renew) as pool:
            # Positions go to the workers, which hold the items already.
            return pool.map(_call, range(len(items)), chunksize)
    finally:
        _WORK = None


def in_child(function: Callable[..., R], *args) -> R:
    """function(*args) in a forked process of its own, whose memory goes back to the
    system when it ends: a build's stages each hold hundreds of megabytes at 10,000
    items, which the main process would otherwise keep (Python rarely gives memory
    back) and its next stage's workers would start from. Exceptions come back
    raised; an unpicklable one, as a RuntimeError with its traceback. Without fork,
    a spawned process is sent function and args pickled; small or unpicklable work
    is done here."""
    method = start_method()
    payload = None if method == "fork" else _pickled((function, args))
    if method != "fork" and (payload is None or len(payload) < SPAWN_AT):
        return function(*args)
    context = multiprocessing.get_context(method)
    receive, send = context.Pipe(duplex=False)
    if method == "fork":
        def run() -> None:
            # What was there before the fork is never collected here: a collection would
            # write to every object's header and so copy the whole inherited heap. Nor is
            # what the stage makes: it lives as long as the stage, and full collections
            # walked it again each time it grew by a quarter (at 10,000 items, 2 s in the
            # render stage alone). Its workers collect (_worker_gc).
            gc.freeze()
            gc.disable()
            _run_and_send(send, function, args)
        process = context.Process(target=run)
    else:
        process = context.Process(target=_unpickle_run_and_send, args=(send, payload))
    process.start()
    send.close()
    try:
        ok, value = receive.recv()   # before join: a big result must not fill the pipe
    except EOFError:
        process.join()
        raise RuntimeError(f"子进程意外退出（退出码 {process.exitcode}）") from None
    finally:
        receive.close()
    process.join()
    if not ok:
        raise value
    return value


def _worker_gc() -> None:
    """A forked worker collects only what it makes: each page's work leaves cycles
    behind (Markdown converters, template contexts), thousands of pages' worth."""
    gc.freeze()
    gc.enable()


def _run_and_send(send, function: Callable, args: tuple) -> None:
    try:
        outcome = (True, function(*args))
    except BaseException as err:   # noqa: BLE001 — raised again in the parent
        outcome = (False, err)
    try:
        send.send(outcome)
    except Exception:   # noqa: BLE001 — an unpicklable result or exception
        send.send((False, RuntimeError(traceback.format_exc())))


def _unpickle_run_and_send(send, payload: bytes) -> None:
    _run_and_send(send, _unpickle_and_call, (payload,))


def _unpickle_and_call(payload: bytes):
    function, args = pickle.loads(payload)
    return function(*args)


def _pickled(work) -> bytes | None:
    """The work pickled once (it may be a whole site), or None if it cannot be."""
    try:
        return pickle.dumps(work, pickle.HIGHEST_PROTOCOL)
    except Exception:   # noqa: BLE001 — pickle raises several kinds for a lambda or closure
        return None


def _call(position: int):
    function, items = _WORK
    return function(items[position])


def _install(payload: bytes) -> None:
    global _WORK
    _WORK = pickle.loads(payload)
