"""The print-sheet and search-index steps, alone: CPU and wall seconds, cold and warm.

    python bench/post_steps.py SITE [--pdf] [--repeat K] [--steps print,search]

SITE is a site built before (`gongkai build`: its build/site is what MkDocs and the
steps made; bench/synth.py makes one). Each step runs in this process on a copy of
that site without the step's own folder (print/, search/), as a build hands it the
staged site:

  cold   no cache (`--no-cache`)
  fill   an empty cache, which the step fills
  warm   one item's title changed (its data file and its built page), another
         build time (as a CI commit has), the cache the fill left
  day    the next day's build (a daily CI run), the item's data file put back, the
         cache the warm left: every sheet's date changed, so every sheet is rendered again

With --older, each run finds the step's folder as the run before left it, as a build
writing into the site it replaced finds it (generator/build.py's spare): files that
came out the same are compared, not written.

CPU is user + system of this process and of the workers it waited for. The item's
data file is put back as it was. It reports; it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.context import BuildContext  # noqa: E402
from generator.print.step import print_sheets  # noqa: E402
from generator.render import make_context  # noqa: E402
from generator.search.step import index_site  # noqa: E402
from generator.site.stamp import make_stamp  # noqa: E402
from generator.validate.personal import public_numbers  # noqa: E402
from generator.validated import load_and_validate  # noqa: E402
from generator.cache.fingerprint import fingerprint as fingerprint_of  # noqa: E402
from generator.pipeline import PIPELINE  # noqa: E402

AS_OF = date(2026, 11, 28)
STEPS = {"print": print_sheets, "search": index_site}


def cpu() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def staged_copy(site_dir: Path, into: Path) -> Path:
    """The built site as the steps find it (the search step, with the print step's
    sheets): hard links, which the steps never write through (generator/replace.py)."""
    staged = into / "site"
    shutil.copytree(site_dir, staged, copy_function=os.link)
    return staged


def context(root: Path, staged: Path, cache_dir: Path | None, pdf: bool,
            hours_later: int = 0) -> BuildContext:
    site, _ = load_and_validate(root, PIPELINE)
    as_of = AS_OF + timedelta(days=hours_later // 24)
    stamp = make_stamp(root, as_of)
    stamp = replace(stamp, built_at=stamp.built_at + timedelta(hours=hours_later))
    return BuildContext(root, site, make_context(site, as_of, pdf), stamp, staged, cache_dir,
                        fingerprint_of(root, public_numbers(site)))


def timed(name: str, build: BuildContext, older: bool = False) -> tuple[float, float]:
    if not older:   # a new staging folder: the step's own files are not there yet
        shutil.rmtree(build.site_dir / name, ignore_errors=True)
    step = STEPS[name]
    began_cpu, began = cpu(), time.perf_counter()
    problems = step(build)
    if problems:
        raise SystemExit("\n".join(str(p) for p in problems))
    return cpu() - began_cpu, time.perf_counter() - began


def edit_one(root: Path, staged: Path) -> tuple[Path, str]:
    """Change the title of the first policy, in its data and in its built page."""
    item = sorted((root / "data" / "policies").glob("*.yaml"))[0]
    text = item.read_text(encoding="utf-8")
    old = re.search(r"^title: (.*)$", text, re.M)[1]
    new = old + "（修订）"
    item.write_text(text.replace(f"title: {old}", f"title: {new}", 1), encoding="utf-8")
    page = staged / "policies" / item.stem / "index.html"
    html = page.read_text(encoding="utf-8")
    page.unlink()     # a hard link to the built site: never written through
    page.write_text(html.replace(old, new), encoding="utf-8")
    return item, text


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("--pdf", action="store_true")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--steps", default=",".join(STEPS), help="print,search")
    parser.add_argument("--older", action="store_true",
                        help="leave the step's folder as the run before left it")
    args = parser.parse_args()
    root = args.site.resolve()
    for name in args.steps.split(","):
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory(prefix="post-steps-", dir=root / "build") as work:
                work = Path(work)
                staged, cache_dir = staged_copy(root / "build" / "site", work), work / "cache"
                older = args.older
                cold = timed(name, context(root, staged, None, args.pdf))
                fill = timed(name, context(root, staged, cache_dir, args.pdf), older)
                item, text = edit_one(root, staged)
                try:
                    warm = timed(name, context(root, staged, cache_dir, args.pdf, hours_later=1),
                                 older)
                finally:
                    item.write_text(text, encoding="utf-8")
                day = timed(name, context(root, staged, cache_dir, args.pdf, hours_later=24), older)
            print(f"{name:7s}" + "".join(f"  {label} {c:5.2f} CPU-s {w:5.2f} s"
                                         for label, (c, w) in
                                         (("cold", cold), ("fill", fill), ("warm", warm),
                                          ("day", day))),
                  flush=True)


if __name__ == "__main__":
    main()
