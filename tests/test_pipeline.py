"""The pipeline is one value handed to each stage: a stage run on its own, in a fresh
interpreter that never imports the build, runs every part of it."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO

# Only the loader, the validator and the pipeline: no build, no command line.
VALIDATE_ALONE = """
import json, sys
from pathlib import Path
from generator.load.site_loader import load_site
from generator.pipeline import PIPELINE
from generator.validate import validate_site
site, _ = load_site(Path(sys.argv[1]))
problems = validate_site(site, PIPELINE)
print(json.dumps({"problems": [[p.file, p.message] for p in problems],
                  "build_imported": "generator.build" in sys.modules}))
"""


def test_validate_site_alone_runs_the_features_checks_too(minimal):
    minimal.write("site_config/synonyms.yaml", "- [计生委, 计生办]\n- [卫健委]\n")
    minimal.write("data/report/2026.yaml", "publisher: 没有这个机构\n")
    run = subprocess.run([sys.executable, "-c", VALIDATE_ALONE, str(minimal.root)], cwd=REPO,
                         capture_output=True, text=True, check=True)
    found = json.loads(run.stdout)
    assert not found["build_imported"]
    files = {file for file, _ in found["problems"]}
    assert "site_config/synonyms.yaml" in files, found       # check_synonyms
    assert "data/report/2026.yaml" in files, found           # check_reports
