"""Scale benchmark (issue 6): gongkai vs plain mkdocs-material on the same pages.

    python bench/scale.py [N ...]      (default: 1000 10000)

For each N it makes a synthetic site (bench/synth.py) and prints, each beside the
baseline measured in the same run (mkdocs-material's built-in lunr search over
the very Markdown gongkai generated, items kept out of the navigation):
generate time, full build time, one-item incremental rebuild, largest item page,
bytes a first search query transfers, and peak memory. It reports; it asserts nothing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import make_site  # noqa: E402

BIN = Path(sys.executable).parent
AS_OF = "2026-11-28"


def _tree(root: int) -> list[int]:
    """root and every process descended from it."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += parents.get(pid, [])
    return found


def _pss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            pass     # ended between the listing and the read
    return total / 1024


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Seconds and peak memory (MB) of one command: the largest sum, sampled every
    0.1 s, of the proportional set size of it and its worker processes (pages a
    forked worker shares with its parent are counted once, not once per process)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL)
    peak = 0.0
    while process.poll() is None:
        peak = max(peak, _pss_mb(_tree(process.pid)))
        time.sleep(0.1)
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, command)
    return time.perf_counter() - started, peak


def largest_item_page(site: Path) -> float:
    pages = [p for folder in ("policies", "fees", "subsidies", "services", "notices")
             for p in (site / folder).glob("*/index.html")]
    return max(p.stat().st_size for p in pages) / 1024


def lunr_first_query_bytes(site: Path) -> int:
    # lunr downloads its whole index before the first result.
    index = site / "search" / "search_index.json"
    return index.stat().st_size if index.exists() else 0


def gongkai_first_query_bytes(site: Path, query: str) -> int:
    """What the page fetches for a first query: the same files search.js reads."""
    from generator.search.query import IndexReader, search, shown
    reader = IndexReader(site)
    shown(reader, search(reader, query).hits)
    return reader.bytes_fetched


def baseline(root: Path) -> tuple[float, float, Path]:
    """Plain mkdocs-material with lunr on gongkai's generated Markdown."""
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    # Plain Material: MkDocs' own heading slugs, not gongkai's (a !!python/name tag).
    config = yaml.safe_load(text.replace("slugify: !!python/name:generator.sanitise.heading_slug", ""))
    config.update(site_name="baseline", plugins=["search"], docs_dir="build/docs",
                  site_dir="build/baseline")
    config["theme"].pop("custom_dir", None)
    (root / "baseline.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    seconds, peak = timed([str(BIN / "mkdocs"), "build", "-q", "-f", "baseline.yml"], root)
    return seconds, peak, root / "build/baseline"


def run(n: int) -> dict:
    work = Path(tempfile.mkdtemp(prefix=f"gongkai-bench-{n}-"))
    try:
        started = time.perf_counter()
        root = make_site(n, work / "site")
        generate = time.perf_counter() - started
        full, peak = timed([str(BIN / "gongkai"), "build", "--as-of", AS_OF], root)
        item = next((root / "data/policies").glob("*.yaml"))
        item.write_text(item.read_text(encoding="utf-8").replace("title: ", "title: 修订", 1),
                        encoding="utf-8")
        incremental, _ = timed([str(BIN / "gongkai"), "build", "--incremental", "--as-of", AS_OF], root)
        base_seconds, base_peak, base_site = baseline(root)
        ours = root / "build/site"
        return {
            "N": n, "generate_s": round(generate, 1),
            "full_build_s": round(full, 1), "baseline_build_s": round(base_seconds, 1),
            "incremental_s": round(incremental, 1),
            "incremental_vs_full": round(incremental / full, 2),
            "largest_item_page_kb": round(largest_item_page(ours), 1),
            "baseline_largest_item_page_kb": round(largest_item_page(base_site), 1),
            "first_query_bytes": gongkai_first_query_bytes(ours, "社会抚养费"),
            "baseline_first_query_bytes": lunr_first_query_bytes(base_site),
            "peak_mb": round(peak), "baseline_peak_mb": round(base_peak),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000]
    for size in sizes:
        print(json.dumps(run(size), ensure_ascii=False), flush=True)
