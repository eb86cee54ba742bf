"""Compiled templates kept in build/cache: a process that finds them compiles none.
(That pages rendered with them are byte for byte the same: tests/test_warm_cold.py.)"""

from __future__ import annotations

import json
import subprocess
import sys

# Counts the templates Jinja compiles from source.
PROBE = """
import json, sys
from pathlib import Path
import jinja2
compiled = []
original = jinja2.Environment._compile
jinja2.Environment._compile = lambda self, source, filename: compiled.append(filename) or original(self, source, filename)
from generator.cache.store import Store
from generator.render.environment import TEMPLATES_KIND, compile_templates, make_environment
store = Store(Path(sys.argv[1]), TEMPLATES_KIND, "fingerprint")
compile_templates(store)
store.save()
print(json.dumps([len(compiled), len(make_environment().list_templates())]))
"""


def probe(folder) -> list:
    done = subprocess.run([sys.executable, "-c", PROBE, str(folder)], capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout)


def test_templates_found_in_the_store_are_not_compiled_again(tmp_path):
    compiled, templates = probe(tmp_path)
    assert compiled == templates > 10
    assert list(tmp_path.glob("templates-*.pickle"))
    assert probe(tmp_path) == [0, templates]
