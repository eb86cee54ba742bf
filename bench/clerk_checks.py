"""What the clerk's checks cost: schema validation of every example item (with the
single-value-as-list step every model now runs), and reading a broken file again and
again until every syntax mistake is found.

  python bench/clerk_checks.py [rounds]

Prints microseconds per item validated and milliseconds per broken file read (best of 7 runs).
"""

from __future__ import annotations

import sys
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.load.yaml_reader import parse_yaml  # noqa: E402
from generator.model import KINDS  # noqa: E402

BROKEN = ("title：光荣证\npublisher: town\nkeywords: [一, 二\nsummary: \"没有结束的引号\n"
          "created: 2026-03-02\n\tpublished: 2026-03-04\n")


def main(rounds: int) -> None:
    docs = []
    for kind in KINDS.values():
        for path in sorted((ROOT / "data" / kind.folder).glob("*.yaml")):
            doc, _ = parse_yaml(path.read_text(encoding="utf-8"), path.name)
            docs.append((kind.model, doc.value))
    # The best of several runs: the machine is shared, and the best run is the least disturbed.
    took = min(timeit.repeat(lambda: [model.model_validate(value) for model, value in docs],
                             number=rounds, repeat=7))
    print(f"schema validation: {len(docs)} items, {took * 1e6 / (len(docs) * rounds):.0f} µs per item")
    took = min(timeit.repeat(lambda: parse_yaml(BROKEN, "broken.yaml"), number=rounds, repeat=7))
    _, problems = parse_yaml(BROKEN, "broken.yaml")
    print(f"broken file ({len(problems)} syntax mistakes found): {took * 1e3 / rounds:.2f} ms per read")

if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
