"""What a build spends before MkDocs: starting (imports), load+validate, the
fingerprint and rendering the Markdown; and `gongkai --help`.

    python bench/front_stages.py SITE [--rounds N] [--as-of DATE]

SITE is a synthetic site (bench/synth.py); it is copied to a temporary folder, so
its own build/ is left alone. Each run is a fresh `gongkai build` process that is
stopped when MkDocs would start (nothing after it is timed here, and a stopped
build writes no site). Scenarios: `fresh` (no build/ at all: every docs file and
folder is created), `cold` (--no-cache, over the docs the last run left), and
`warm`: the cache the fresh build left, then one item's title changed. Prints, per
scenario and stage, CPU seconds (this process and its workers, user+sys) and wall
seconds, the least of N rounds (the machine is shared; the least is the least
disturbed).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
STOP_AT = "MkDocs 生成网页"
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1795000000", "GONGKAI_PROGRESS": "0"}

# Runs inside the measured process: the build, with a progress that notes each stage
# and stops the build where MkDocs would begin.
CHILD = r"""
import json, os, sys, time
t0 = float(os.environ["BENCH_T0"])
def cpu():
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system
from contextlib import contextmanager
from pathlib import Path
from datetime import date
import generator.cli
from generator.build import build
from generator.progress import Progress

class Stop(Exception):
    pass

class Noting(Progress):
    def __init__(self):
        super().__init__(enabled=False)
        self.marks = []
    @contextmanager
    def stage(self, name, count=None):
        self.marks.append((name, cpu(), time.time() - t0))
        if name.startswith(%(stop)r):
            raise Stop
        yield
        self.marks.append(("", cpu(), time.time() - t0))

progress = Noting()
try:
    build(Path(sys.argv[1]), date.fromisoformat(sys.argv[2]), cache=sys.argv[3] == "1",
          progress=progress)
except Stop:
    pass
print(json.dumps(progress.marks, ensure_ascii=False))
""" % {"stop": STOP_AT}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(command: list[str]) -> tuple[float, float, str]:
    """CPU (the process and all it waited for) and wall seconds, and its output."""
    before, started = _children_cpu(), time.time()
    done = subprocess.run(command, env={**ENV, "BENCH_T0": repr(started)}, capture_output=True,
                          text=True, check=True)
    return _children_cpu() - before, time.time() - started, done.stdout


def help_run() -> dict[str, tuple[float, float]]:
    cpu, wall, _ = _run([str(BIN / "gongkai"), "--help"])
    return {"gongkai --help": (cpu, wall)}


def build_run(site: Path, as_of: str, cache: bool) -> dict[str, tuple[float, float]]:
    cpu_total, _, out = _run([sys.executable, "-c", CHILD, str(site), as_of, "1" if cache else "0"])
    marks = json.loads(out.strip().splitlines()[-1])
    stages: dict[str, tuple[float, float]] = {}
    last_cpu, last_wall = 0.0, 0.0
    for name, cpu, wall in marks:
        gap = "startup (imports)" if not stages else "between stages (fingerprint, …)"
        if name:
            add = stages.get(gap, (0.0, 0.0))
            stages[gap] = (add[0] + cpu - last_cpu, add[1] + wall - last_wall)
            current = name
        else:
            stages[current] = (cpu - last_cpu, wall - last_wall)
        last_cpu, last_wall = cpu, wall
    stages["until MkDocs (total)"] = (marks[-1][1], marks[-1][2])
    return stages


def change_one_item(site: Path, round_number: int) -> None:
    path = sorted((site / "data" / "policies").glob("*.yaml"))[0]
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    for n, line in enumerate(lines):
        if line.startswith("title:"):
            lines[n] = line.rstrip("\n").rstrip() + f"（第{round_number}次修改）\n"
            break
    path.write_text("".join(lines), encoding="utf-8")


def best(runs: list[dict[str, tuple[float, float]]]) -> dict[str, tuple[float, float]]:
    return {stage: (min(r[stage][0] for r in runs), min(r[stage][1] for r in runs))
            for stage in runs[0]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--as-of", default="2026-11-28")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="front-stages-") as tmp:
        site = Path(tmp) / "site"
        shutil.copytree(args.site, site, ignore=shutil.ignore_patterns("build"))
        results: dict[str, list] = {"help": [], "fresh": [], "cold": [], "warm": []}
        for n in range(args.rounds):
            results["help"].append(help_run())
            shutil.rmtree(site / "build", ignore_errors=True)
            # Leaves the docs the cold run renders over and the cache the warm run starts from.
            results["fresh"].append(build_run(site, args.as_of, True))
            results["cold"].append(build_run(site, args.as_of, False))
            change_one_item(site, n)
            results["warm"].append(build_run(site, args.as_of, True))
    print(f"least of {args.rounds} rounds; CPU = user+sys of the process and its workers")
    for scenario, runs in results.items():
        print(f"{scenario}:")
        for stage, (cpu, wall) in best(runs).items():
            print(f"  {stage:34s} {cpu:6.2f} CPU-s {wall:6.2f} s wall")


if __name__ == "__main__":
    main()
