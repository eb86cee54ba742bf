"""`gongkai serve` on loopback: serves the site and rebuilds when data changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


def test_serve_rebuilds_when_data_changes(minimal):
    port = free_port()
    gongkai = Path(sys.executable).parent / "gongkai"
    server = subprocess.Popen([gongkai, "-C", str(minimal.root), "serve", "--port", str(port),
                               "--as-of", "2026-06-01"], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/policies/xize/"
    try:
        assert wait_for(lambda: "社会抚养费征收管理实施细则" in (fetch(url) or ""), 60)
        minimal.replace("data/policies/xize.yaml", "实施细则", "实施细则（修订）")
        assert wait_for(lambda: "实施细则（修订）" in (fetch(url) or ""), 60)
        # Bad data: the old site keeps being served and the error is printed.
        minimal.replace("data/policies/xize.yaml", "publisher: town", "publisher: nobody")
        time.sleep(3)
        assert "实施细则（修订）" in (fetch(url) or "")
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0]
    assert "找不到机构「nobody」" in output
