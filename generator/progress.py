"""Progress of a long build on a terminal: stage, count, elapsed. Silent in CI.

Lines go to stderr only when it is a terminal and the CI variable is unset, so
logs and piped output stay clean. GONGKAI_PROGRESS=1 turns them on anyway (a CI
log that should say which stage took the time; bench/scale.py reads them), =0 off.
"""

from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from typing import Iterator, TextIO


class Progress:
    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None):
        self.stream = stream or sys.stderr
        chosen = os.environ.get("GONGKAI_PROGRESS")
        if enabled is None and chosen in ("0", "1"):
            enabled = chosen == "1"
        if enabled is None:
            enabled = self.stream.isatty() and not os.environ.get("CI")
        self.enabled = enabled
        self.started = time.perf_counter()

    @contextmanager
    def stage(self, name: str, count: int | None = None) -> Iterator[None]:
        began = time.perf_counter()
        if self.enabled:
            what = f"{name}（{count} 个）" if count is not None else name
            print(f"[{began - self.started:6.1f}s] {what}…", file=self.stream, flush=True)
        yield
        if self.enabled:
            took = time.perf_counter() - began
            print(f"[{time.perf_counter() - self.started:6.1f}s]   完成，用时 {took:.1f} 秒",
                  file=self.stream, flush=True)
