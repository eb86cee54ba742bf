"""One commit and one --as-of date give the same site, whenever and wherever it is built."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys

import pytest

from generator.publish.buildinfo import INFO_FILE

from gitsite import AS_OF, commit, git

# The footer stamp and the print sheets' small print both carry class gk-stamp.
STAMP_LINE = re.compile(rb'class="gk-stamp">[^<]*<')


def tree(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def without_stamp(files: dict[str, bytes]) -> dict[str, bytes]:
    return {path: STAMP_LINE.sub(b"<", content) for path, content in files.items()
            if path != INFO_FILE}


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The example site at one commit, built four times in four different folders;
    the last two split the pages outside the navigation over three processes and
    build them all in one."""
    from conftest import REPO, copy_site
    source = copy_site(REPO, tmp_path_factory.mktemp("source") / "site")
    git(source.root, "init", "-q")
    commit(source.root, "示例")
    results = {}
    # Separate processes with different hash seeds: set and dict-of-set orders differ
    # between them, as they would between two CI runs.
    for seed, (name, epoch, jobs) in enumerate((
            ("now", None, None), ("epoch", "1893456000", None),
            ("epoch-again", "1893456000", 3), ("epoch-serial", "1893456000", 1))):
        root = tmp_path_factory.mktemp(name) / "copy"
        shutil.copytree(source.root, root, symlinks=True)
        if jobs:
            config = root / "mkdocs.yml"
            config.write_text(config.read_text(encoding="utf-8").replace(
                "  - gongkai\n", f"  - gongkai:\n      jobs: {jobs}\n"), encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        env["PYTHONHASHSEED"] = str(seed + 1)
        if epoch:
            env["SOURCE_DATE_EPOCH"] = epoch     # 2030-01-01, another day entirely
        subprocess.run([sys.executable, "-m", "generator.cli", "-C", str(root), "build",
                        "--as-of", AS_OF.isoformat()], env=env, check=True, capture_output=True,
                       cwd=REPO)
        results[name] = (root, tree(root / "build/docs"), tree(root / "build/site"))
    return results


def test_markdown_tree_is_byte_identical(builds):
    assert builds["now"][1] == builds["epoch"][1] == builds["epoch-again"][1]
    assert len(builds["now"][1]) > 20


def test_site_differs_only_in_the_build_stamp(builds):
    now, other_day = builds["now"][2], builds["epoch"][2]
    assert now.keys() == other_day.keys()
    assert now["index.html"] != other_day["index.html"]   # the stamps do differ ...
    different = [p for p, content in without_stamp(now).items()
                 if content != without_stamp(other_day)[p]]
    assert different == []                                  # ... and nothing else does


def test_same_source_date_epoch_gives_identical_bytes(builds):
    assert builds["epoch"][2] == builds["epoch-again"][2]


def test_pages_built_in_parallel_match_pages_built_in_one_process(builds):
    parallel, serial = builds["epoch-again"][2], builds["epoch-serial"][2]
    assert "services/zaishengyu-shenpi/index.html" in serial
    assert parallel == serial


def test_sitemap_follows_the_data_not_the_build_day(builds):
    site = builds["epoch"][2]
    assert b"2030-01-01" not in site["sitemap.xml"]
    assert b"<lastmod>2026-11-28</lastmod>" in site["sitemap.xml"]   # listings: the as-of date
    assert gzip.decompress(site["sitemap.xml.gz"]) == site["sitemap.xml"]
    assert site["sitemap.xml.gz"] == builds["now"][2]["sitemap.xml.gz"]


def test_no_absolute_build_paths_in_the_output(builds):
    for root, docs, site in builds.values():
        for path, content in {**docs, **site}.items():
            assert str(root).encode() not in content, path
            assert b"/.site-" not in content, path
