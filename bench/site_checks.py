"""Time the three steps that read the whole built site: the CSP header, the leak scan
and the link check.

    python bench/site_checks.py SITE [--before TREE] [--rounds N]

SITE is a site folder built once already (`gongkai build`; a bench/synth.py site), whose
build/site is checked as it stands (the checks change nothing in it; the CSP step writes
its header file again, the same bytes). Each step is timed cold (no cache: every file
read and checked) and warm (the cache a first run of the same code left: what a rebuild
pays when nothing changed; the CSP step keeps no cache), as CPU seconds (the process and
its workers, user + system) and wall seconds, the best of N rounds.

With --before, the same is timed with the generator package of another tree (a checkout
of main) as well, each round of it run next to a round of this tree, so that a busy
machine slows both alike. Each round runs in a fresh process. It reports; it asserts
nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
AS_OF = "2026-11-28"
STEPS = ("write_header_policy", "leak_scan", "check_links")


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def one_round(tree: Path, site: Path) -> dict[str, list[float]]:
    """In this process, with `tree`'s generator: {"leak_scan cold": [cpu, wall], ...}."""
    sys.path.insert(0, str(tree))
    from generator.cache.fingerprint import fingerprint
    from generator.context import BuildContext
    from generator.pipeline import PIPELINE
    from generator.render import make_context
    from generator.site.stamp import make_stamp
    from generator.validate.personal import public_numbers
    from generator.validated import load_and_validate

    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795000000")
    loaded, _ = load_and_validate(site)
    as_of = date.fromisoformat(AS_OF)
    cold = BuildContext(site, loaded, make_context(loaded, as_of), make_stamp(site, as_of),
                        site / "build" / "site", None,
                        fingerprint(site, public_numbers(loaded)))
    steps = [step for name in STEPS for step in PIPELINE.steps if step.run.__name__ == name]
    found = {}
    with tempfile.TemporaryDirectory() as folder:
        warm = replace(cold, cache_dir=Path(folder))
        for step in steps:
            step.run(warm)          # the cache a warm build starts from
        for step in steps:
            for name, ctx in (("cold", cold), ("warm", warm)):
                cpu, started = _cpu(), time.perf_counter()
                step.run(ctx)
                found[f"{step.run.__name__} {name}"] = [_cpu() - cpu, time.perf_counter() - started]
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("--before", type=Path, help="a tree with the generator to compare with")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--round", type=Path, help=argparse.SUPPRESS)   # a child's tree
    args = parser.parse_args()
    site = args.site.resolve()
    if args.round:
        print(json.dumps(one_round(args.round.resolve(), site)))
        return
    trees = {"after": HERE} if args.before is None else {"before": args.before.resolve(), "after": HERE}
    files = [path for path in (site / "build" / "site").rglob("*") if path.is_file()]
    print(f"{len(files)} files, {sum(path.stat().st_size for path in files) / 1e6:.0f} MB; "
          f"best of {args.rounds} rounds")
    best: dict[str, dict[str, list[float]]] = {name: {} for name in trees}
    for _ in range(args.rounds):
        for name, tree in trees.items():
            result = subprocess.run([sys.executable, __file__, str(site), "--round", str(tree)],
                                    check=True, capture_output=True, text=True, cwd=site)
            for key, value in json.loads(result.stdout.splitlines()[-1]).items():
                kept = best[name].get(key)
                best[name][key] = value if kept is None or value[0] < kept[0] else kept
    for name, times in best.items():
        for mode in ("cold", "warm"):
            parts = [times[f"{step} {mode}"] for step in STEPS]
            cells = "  ".join(f"{step} {cpu:5.2f} CPU-s {wall:5.2f} s" for step, (cpu, wall)
                              in zip(STEPS, parts))
            print(f"{name:6} {mode}: {cells}  all {sum(p[0] for p in parts):5.2f} CPU-s "
                  f"{sum(p[1] for p in parts):5.2f} s wall")


if __name__ == "__main__":
    main()
