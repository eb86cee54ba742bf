"""The MkDocs stage alone: CPU and wall seconds, cold and warm.

    python bench/mkdocs_stage.py SITE [--runs R] [--gongkai CHECKOUT]

SITE is a site folder a `gongkai build` has rendered build/docs in (bench/synth.py
makes one; build it once). Each run builds build/docs with MkDocs as `gongkai build`
does (site/mkdocs_build.py, in a forked process of its own), into a scratch folder:
cold (no page cache); then with a page cache filled by a first build, after one item
page's Markdown changed (warm). Prints one JSON line per run: wall seconds, and CPU
seconds (user + system) of the stage's process and every worker it started. The
docs tree is left as it was found. --gongkai times another checkout's code (a "before"
to compare with), with this one's libraries.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

AS_OF = "2026-11-28"


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(root: Path, cache: Path | None, site_fingerprint: str) -> tuple[float, float]:
    """Wall and CPU seconds of one MkDocs stage into a scratch folder."""
    from generator.site.mkdocs_build import run_mkdocs
    from generator.site.stamp import make_stamp
    from generator.workers import in_child
    stamp = make_stamp(root, date.fromisoformat(AS_OF))
    with tempfile.TemporaryDirectory(dir=root / "build") as scratch:
        cpu, wall = _cpu(), time.perf_counter()
        problems = in_child(run_mkdocs, root, Path(scratch) / "site", stamp, cache,
                            site_fingerprint)
        wall, cpu = time.perf_counter() - wall, _cpu() - cpu
    if problems:
        raise SystemExit(f"MkDocs stage failed: {problems[:3]}")
    return round(wall, 2), round(cpu, 2)


def one_item_page(docs: Path) -> Path:
    return sorted((docs / "policies").glob("*/index.md"))[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--gongkai", type=Path, default=Path(__file__).resolve().parents[1],
                        help="the checkout whose generator package is timed")
    args = parser.parse_args()
    sys.path.insert(0, str(args.gongkai.resolve()))
    from generator.cache.fingerprint import fingerprint
    root = args.site.resolve()
    docs = root / "build" / "docs"
    if not docs.is_dir():
        raise SystemExit(f"{docs} is missing: run `gongkai build` in {root} once")
    site_fingerprint = fingerprint(root)
    page = one_item_page(docs)
    original = page.read_bytes()
    cache = Path(tempfile.mkdtemp(prefix="mkdocs-stage-cache-"))
    try:
        for run in range(args.runs):
            cold = timed(root, None, site_fingerprint)
            shutil.rmtree(cache, ignore_errors=True)
            timed(root, cache, site_fingerprint)      # fills the page cache
            page.write_bytes(original + f"\n\n修改 {run}\n".encode())
            warm = timed(root, cache, site_fingerprint)
            page.write_bytes(original)
            print(json.dumps({"pages": sum(1 for _ in docs.rglob("*.md")),
                              "cold_wall_s": cold[0], "cold_cpu_s": cold[1],
                              "warm_wall_s": warm[0], "warm_cpu_s": warm[1]}), flush=True)
    finally:
        page.write_bytes(original)
        shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
