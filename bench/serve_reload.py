"""`gongkai serve` alone: seconds from saving an item to the reloaded page in Chromium.

    python bench/serve_reload.py [--reloads K] [--site DIR] [N]      (default N: 1000)

Makes a synthetic site of N items (bench/synth.py) and builds it once, or takes
DIR, a site already built (its build/ is kept: serve starts from it as a clerk's
would); then runs bench/scale.py's serve measurement on it and prints one JSON
line: each save's seconds and serve's CPU seconds for it, serve's own preview
and whole-site build times. It reports; it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import AS_OF, BIN, ENV, serve_reloads  # noqa: E402
from synth import make_site  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", nargs="?", type=int, default=1000, metavar="N")
    parser.add_argument("--reloads", type=int, default=3, help="saves timed")
    parser.add_argument("--site", type=Path, help="a site already built, instead of a new one")
    args = parser.parse_args()
    work = None
    if args.site:
        root = args.site.resolve()
    else:
        work = Path(tempfile.mkdtemp(prefix=f"gongkai-serve-{args.size}-"))
        root = make_site(args.size, work / "site")
        subprocess.run([str(BIN / "gongkai"), "build", "--as-of", AS_OF], cwd=root, env=ENV,
                       check=True, stdout=subprocess.DEVNULL)
    try:
        item = sorted((root / "data/policies").glob("*.yaml"))[0]
        result = serve_reloads(root, item, f"policies/{item.stem}/", args.reloads)
        print(json.dumps(result, ensure_ascii=False), flush=True)
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
