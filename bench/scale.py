"""Scale benchmark (issues 6 and 23): gongkai vs plain mkdocs-material on the same pages.

    python bench/scale.py [--skip-baseline] [--skip-identical] [--reloads K] [N ...]
                                                          (default N: 1000 10000)

For each N it makes a synthetic site (bench/synth.py) and prints one JSON line:
the cold full build, per stage; one item changed and built again with the cache
the cold build left (per stage); the same once more (a third build, the way a clerk
builds: it writes into the site the second one replaced), and whether that result is
byte-identical to a cold build of the same data in another folder (the first
differing file if not);
`gongkai serve`: seconds from saving an item's new title to the page in headless
Chromium showing it after the live reload (K saves, each timed); peak memory; the
largest item page; the bytes a first search query transfers. Beside each, where
there is one, the baseline measured in the same run (mkdocs-material's built-in
lunr search over the very Markdown gongkai generated, items kept out of the
navigation) and the ratio to it. It reports; it asserts nothing.

Stage times come from the build's own progress lines (GONGKAI_PROGRESS=1).
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import make_site  # noqa: E402

BIN = Path(sys.executable).parent
AS_OF = "2026-11-28"
# One fixed build time for every build of a run: a warm and a cold build can only be
# byte-identical if their footers carry the same stamp.
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1795000000", "GONGKAI_PROGRESS": "1"}
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking"]
# "[  3.7s] 生成 Markdown 页面（1000 个）…": the name without what is in brackets.
STAGE_START = re.compile(r"^\[\s*[\d.]+s\] (.+?)(?:（[^）]*）)*…$")
STAGE_END = re.compile(r"^\[\s*[\d.]+s\]\s+完成，用时 ([\d.]+) 秒$")


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


def timed(command: list[str], cwd: Path) -> tuple[float, float, str]:
    """Seconds, peak memory (MB) and standard error of one command. Memory is the
    largest sum, sampled every 0.1 s, of the proportional set size of it and its
    worker processes (pages a forked worker shares with its parent are counted
    once, not once per process)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as errors:
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors,
                                   env=ENV)
        peak = 0.0
        while process.poll() is None:
            peak = max(peak, _pss_mb(_tree(process.pid)))
            time.sleep(0.1)
        seconds = time.perf_counter() - started
        errors.seek(0)
        log = errors.read()
    if process.returncode:
        sys.stderr.write(log)
        raise subprocess.CalledProcessError(process.returncode, command)
    return seconds, peak, log


def stages(log: str) -> dict[str, float]:
    """Seconds per stage, from the progress lines a build writes to standard error."""
    found, name = {}, None
    for line in log.splitlines():
        if start := STAGE_START.match(line):
            name = start[1]
        elif (end := STAGE_END.match(line)) and name:
            found[name] = float(end[1])
            name = None
    return found


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
    seconds, peak, _ = timed([str(BIN / "mkdocs"), "build", "-q", "-f", "baseline.yml"], root)
    return seconds, peak, root / "build/baseline"


def warm_build_command(gongkai: Path) -> list[str]:
    """`build`, with --incremental where this gongkai still has it (the builds that
    are warm from build/cache by themselves no longer take it)."""
    usage = subprocess.run([str(gongkai), "build", "--help"], capture_output=True, text=True).stdout
    return [str(gongkai), "build", *(["--incremental"] if "--incremental" in usage else []),
            "--as-of", AS_OF]


def differences(left: Path, right: Path, folder: str = "") -> list[str]:
    """Files (sorted) that are in one tree only or differ in bytes."""
    compared = filecmp.dircmp(left / folder, right / folder, ignore=[])
    _, mismatch, errors = filecmp.cmpfiles(left / folder, right / folder, compared.common_files,
                                           shallow=False)
    found = [f"{folder}/{name}".lstrip("/")
             for name in compared.left_only + compared.right_only + mismatch + errors]
    for sub in compared.common_dirs:
        found += differences(left, right, f"{folder}/{sub}".lstrip("/"))
    return sorted(found)


def edit_title(item: Path, new: str) -> None:
    text = item.read_text(encoding="utf-8")
    item.write_text(re.sub(r"^title: .*$", f"title: {new}", text, count=1, flags=re.M),
                    encoding="utf-8")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _served(url: str, text: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return text in response.read().decode("utf-8")
    except OSError:
        return False


def _printed(file) -> str:
    file.seek(0)
    return file.read()


def cpu_seconds(pid: int) -> float:
    """CPU time of a process and of the children it has waited for (its finished stages)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def serve_reloads(root: Path, item: Path, page: str, reloads: int,
                  gongkai: Path = BIN / "gongkai") -> dict:
    """Start `gongkai serve`, open the item's page in Chromium, then `reloads` times: save a
    new title and time until the browser, reloaded by the preview, shows it, and the CPU
    seconds serve spent meanwhile (the steady number on a busy machine). Beside it, what
    serve printed: its previews' own seconds (the pages built alone, before the reload), its
    whole-site builds' (those a newer save did not give up) and the stages of the last one
    (after the reload included)."""
    from playwright.sync_api import sync_playwright
    port = _free_port()
    started = time.perf_counter()
    seconds, cpu = [], []
    with tempfile.TemporaryFile("w+", encoding="utf-8") as printed:
        server = subprocess.Popen([str(gongkai), "-C", str(root), "serve", "--port", str(port),
                                   "--as-of", AS_OF], stdout=printed, stderr=subprocess.STDOUT,
                                  env=ENV)
        url = f"http://127.0.0.1:{port}/{page}"
        try:
            # Serve answers at once with the site on disk; ready once its first build is done.
            while not (_served(url, "<h1") and "已重新生成" in _printed(printed)):
                if server.poll() is not None:
                    raise RuntimeError(f"gongkai serve ended (exit {server.returncode})")
                time.sleep(0.2)
            ready = time.perf_counter() - started
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                tab = browser.new_page()
                tab.goto(url)
                tab.wait_for_selector("h1")
                for round_ in range(reloads):
                    title = f"第{round_ + 1}次修改的标题"
                    saved, used = time.perf_counter(), cpu_seconds(server.pid)
                    edit_title(item, title)
                    tab.wait_for_selector(f"h1:has-text('{title}')", timeout=600_000)
                    seconds.append(time.perf_counter() - saved)
                    cpu.append(cpu_seconds(server.pid) - used)
                    # Let the steps after the reload finish before the next save.
                    time.sleep(max(5.0, seconds[-1]))
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=60)
        printed.seek(0)
        log = printed.read()
    builds = [float(s) for s in re.findall(r"已重新生成（([\d.]+) 秒）", log)]
    previews = [float(s) for s in re.findall(r"已预览改过的页面（([\d.]+) 秒）", log)]
    return {"serve_ready_s": round(ready, 1), "serve_reload_s": round(statistics.median(seconds), 2),
            "serve_reload_each_s": [round(s, 2) for s in seconds],
            "serve_reload_cpu_s": round(statistics.median(cpu), 2),
            "serve_preview_each_s": previews, "serve_rebuild_each_s": builds[1:],
            "serve_last_rebuild_stages_s": stages(log)}


def _ratio(ours: float, base: float) -> float | None:
    return round(ours / base, 2) if base else None


def run(n: int, with_baseline: bool = True, identical: bool = True, reloads: int = 3) -> dict:
    work = Path(tempfile.mkdtemp(prefix=f"gongkai-bench-{n}-"))
    gongkai = BIN / "gongkai"
    try:
        started = time.perf_counter()
        root = make_site(n, work / "site")
        generate = time.perf_counter() - started
        full, peak, log = timed([str(gongkai), "build", "--as-of", AS_OF], root)
        result = {"N": n, "generate_s": round(generate, 1), "full_build_s": round(full, 1),
                  "full_stages_s": stages(log)}
        item = next((root / "data/policies").glob("*.yaml"))
        edit_title(item, "修订后的标题")
        warm, _, log = timed(warm_build_command(gongkai), root)
        result.update(warm_build_s=round(warm, 1), warm_vs_full=round(warm / full, 2),
                      warm_stages_s=stages(log))
        # A clerk builds again and again: from the third build on, the build writes into
        # the site it replaced (build/.site.spare), which a second build does not have yet,
        # nor a CI job that restores only build/cache.
        edit_title(item, "再次修订后的标题")
        again, _, log = timed(warm_build_command(gongkai), root)
        result.update(warm_again_build_s=round(again, 1), warm_again_stages_s=stages(log))
        if identical:
            cold = work / "cold"
            shutil.copytree(root, cold, ignore=shutil.ignore_patterns("build"))
            timed([str(gongkai), "build", "--as-of", AS_OF], cold)
            differ = differences(root / "build/site", cold / "build/site")
            result.update(warm_identical=not differ, first_difference=differ[0] if differ else None,
                          files_differing=len(differ))
        ours = root / "build/site"
        result.update(largest_item_page_kb=round(largest_item_page(ours), 1),
                      first_query_bytes=gongkai_first_query_bytes(ours, "社会抚养费"),
                      peak_mb=round(peak))
        if with_baseline:
            base_seconds, base_peak, base_site = baseline(root)
            base = {"baseline_build_s": round(base_seconds, 1),
                    "baseline_largest_item_page_kb": round(largest_item_page(base_site), 1),
                    "baseline_first_query_bytes": lunr_first_query_bytes(base_site),
                    "baseline_peak_mb": round(base_peak)}
            result.update(base)
            result.update(
                full_vs_baseline=_ratio(full, base_seconds),
                largest_item_page_vs_baseline=_ratio(result["largest_item_page_kb"],
                                                     base["baseline_largest_item_page_kb"]),
                first_query_vs_baseline=_ratio(result["first_query_bytes"],
                                               base["baseline_first_query_bytes"]),
                peak_vs_baseline=_ratio(peak, base_peak))
        if reloads:
            page = f"policies/{item.stem}/"
            result.update(serve_reloads(root, item, page, reloads, gongkai))
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000], metavar="N")
    parser.add_argument("--skip-baseline", action="store_true",
                        help="no plain Material + lunr build (and no ratios)")
    parser.add_argument("--skip-identical", action="store_true",
                        help="no second cold build to compare the warm one with")
    parser.add_argument("--reloads", type=int, default=3,
                        help="saves timed in `gongkai serve` (0: no serve measurement)")
    args = parser.parse_args()
    for size in args.sizes:
        print(json.dumps(run(size, not args.skip_baseline, not args.skip_identical, args.reloads),
                         ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
