"""serve holds the whole-site build's processes still while a preview is made."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.serve.pause import children_stopped

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs /proc")


def state(pid: int) -> str:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


def wait_for_state(pid: int, wanted: str) -> str:
    deadline = time.monotonic() + 10
    while state(pid) != wanted and time.monotonic() < deadline:
        time.sleep(0.01)
    return state(pid)


def test_children_and_grandchildren_stop_inside_and_go_on_after(tmp_path):
    ready = tmp_path / "ready"
    # A child that starts a grandchild, as a build stage starts its workers.
    script = ("import subprocess, sys, pathlib;"
              "p = subprocess.Popen([sys.executable, '-c', 'while True: pass']);"
              f"pathlib.Path({str(ready)!r}).write_text(str(p.pid));"
              "p.wait()")
    child = subprocess.Popen([sys.executable, "-c", script])
    grandchild = None
    try:
        while not ready.exists() or not ready.read_text():
            assert child.poll() is None
            time.sleep(0.01)
        grandchild = int(ready.read_text())
        with children_stopped():
            assert wait_for_state(grandchild, "T") == "T"
            assert wait_for_state(child.pid, "T") == "T"
        assert wait_for_state(grandchild, "R") == "R"       # busy again
        assert state(child.pid) != "T"
    finally:
        if grandchild is not None:
            os.kill(grandchild, signal.SIGKILL)
        child.kill()
        child.wait()
