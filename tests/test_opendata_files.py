"""Open data of a real example build: Frictionless validates it, pandas reads it,
it holds one row per public item, and nothing personal gets into it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from generator.build import build
from generator.load.site_loader import load_site
from generator.model import KINDS
from generator.opendata import opendata_files
from generator.render.pages import make_context
from generator.versions import is_public

AS_OF = date(2026, 11, 28)
FRICTIONLESS = Path(sys.executable).parent / "frictionless"


@pytest.fixture(scope="module")
def example_build(example_built):
    return example_built.folder


def opendata(site) -> Path:
    return site.root / "build/site/opendata"


def public_slugs(root: Path, kind: str) -> set[str]:
    site, _ = load_site(root)
    return {item.slug for item in site.of_kind(kind) if is_public(item, AS_OF)}


def test_frictionless_validates_the_published_package(example_build):
    result = subprocess.run([str(FRICTIONLESS), "validate", "--json", "datapackage.json"],
                            cwd=opendata(example_build), capture_output=True, text=True, timeout=120)
    report = json.loads(result.stdout)
    errors = [(task["name"], error["message"]) for task in report["tasks"]
              for error in task["errors"]]
    assert report["valid"], errors
    names = {task["name"] for task in report["tasks"]}
    assert {"policy", "fee-standards", "versions", "catalog", "contacts", "policy-json"} <= names


def test_package_describes_every_file_with_types_and_keys(example_build):
    folder = opendata(example_build)
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    described = {resource["path"] for resource in package["resources"]}
    on_disk = {p.name for p in folder.iterdir() if p.suffix in (".csv", ".json")} - {"datapackage.json"}
    assert described == on_disk
    fee = next(r for r in package["resources"] if r["name"] == "fee")
    fields = {f["name"]: f for f in fee["schema"]["fields"]}
    assert fields["编号"]["constraints"] == {"required": True, "unique": True,
                                             "pattern": "[a-z0-9]+(-[a-z0-9]+)*"}
    assert "有效" in fields["有效性"]["constraints"]["enum"]
    assert fields["发布日期"]["type"] == "date" and fields["发布日期"]["format"] == "%Y-%m-%d"
    standards = next(r for r in package["resources"] if r["name"] == "fee-standards")
    assert standards["schema"]["foreignKeys"] == [
        {"fields": ["收费编号"], "reference": {"resource": "fee", "fields": ["编号"]}}]
    assert "created" not in package    # no build timestamp: same data, same bytes


def test_each_kind_has_one_csv_row_per_public_item(example_build):
    for kind in KINDS:
        path = opendata(example_build) / f"{kind}.csv"
        assert path.read_bytes().startswith(b"\xef\xbb\xbf"), f"{kind}.csv has no BOM"
        frame = pd.read_csv(path, encoding="utf-8-sig", dtype=str)
        assert list(frame.columns[:3]) == ["编号", "标题", "索引号"]
        slugs = public_slugs(example_build.root, kind)
        assert slugs and set(frame["编号"]) == slugs and len(frame) == len(slugs)


def test_part_tables_flatten_the_nested_lists(example_build):
    folder = opendata(example_build)
    fees = json.loads((folder / "fee.json").read_text(encoding="utf-8"))
    standards = pd.read_csv(folder / "fee_standards.csv", dtype=str)
    assert len(standards) == sum(len(f["content"]["standards"]) for f in fees)
    first = fees[0]
    assert isinstance(first["content"]["standards"][0], dict)
    rows = standards[standards["收费编号"] == first["slug"]]
    assert list(rows["项目"]) == [s["item"] for s in first["content"]["standards"]]
    services = json.loads((folder / "service.json").read_text(encoding="utf-8"))
    materials = pd.read_csv(folder / "service_materials.csv", dtype=str)
    assert len(materials) == sum(len(s["content"]["materials"]) for s in services)
    assert set(materials["是否必需"]) <= {"是", "否"}
    service = pd.read_csv(folder / "service.csv", dtype=str).set_index("编号")
    steps = service.loc["zaishengyu-shenpi", "办理流程"].splitlines()
    assert steps[0].startswith("1. ") and len(steps) == 4


def test_versions_file_has_every_version(example_build):
    site, _ = load_site(example_build.root)
    versions = pd.read_csv(opendata(example_build) / "versions.csv", dtype=str)
    expected = sum(len(item.versions) for item in site.items if is_public(item, AS_OF))
    assert len(versions) == expected
    xize = versions[versions["编号"] == "shehui-fuyangfei-xize"]
    assert list(xize["版本状态"]) == ["历史", "现行"]
    assert "文号" in xize.iloc[1]["本版修改的内容"]


def test_catalogue_csv_and_print_page(example_build):
    catalog = pd.read_csv(opendata(example_build) / "catalog.csv", dtype=str)
    page = (example_build.root / "build/site/catalog/print/index.html").read_text(encoding="utf-8")
    assert len(catalog) == page.count("<tr>") - 1 == 16
    for title in catalog["名称"]:
        assert title in page


def test_opendata_page_lists_files_with_sizes(example_build):
    page = (example_build.root / "build/site/opendata/index.html").read_text(encoding="utf-8")
    for path in opendata(example_build).glob("*.csv"):
        assert f'href="{path.name}"' in page
        assert f"{path.stat().st_size / 1024:.1f}" in page
    assert "使用条款" in page and "名单" in page


def test_same_input_gives_identical_bytes(example_build):
    site_a, _ = load_site(example_build.root)
    site_b, _ = load_site(example_build.root)
    first = opendata_files(make_context(site_a, AS_OF))
    second = opendata_files(make_context(site_b, AS_OF))
    assert first == second
    built = {p.name: p.read_bytes() for p in opendata(example_build).iterdir() if p.suffix != ".html"}
    assert built == {rel.split("/")[-1]: data for rel, data in first.items()}


def test_bytes_do_not_depend_on_the_hash_seed(example_build):
    # Set and dict orders change between processes; the files must not.
    script = ("import hashlib, sys; from datetime import date; from pathlib import Path;"
              "from generator.load.site_loader import load_site;"
              "from generator.render.pages import make_context;"
              "from generator.opendata import opendata_files;"
              "site, _ = load_site(Path(sys.argv[1]));"
              "files = opendata_files(make_context(site, date(2026, 11, 28)));"
              "print(hashlib.sha256(repr(sorted(files.items())).encode()).hexdigest())")
    digests = {subprocess.run([sys.executable, "-c", script, str(example_build.root)],
                              env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True,
                              text=True, check=True).stdout for seed in ("1", "2", "3")}
    assert len(digests) == 1


ID_LIKE = re.compile(rb"(?<!\d)\d{17}[\dXx](?!\d)")
MOBILE = re.compile(rb"(?<!\d)1[3-9]\d{9}(?!\d)")
PERSONAL_HEADER = re.compile(r"身份证|证件号|手机|银行|姓名")


def test_no_personal_numbers_in_the_example_open_data(example_build):
    for path in opendata(example_build).iterdir():
        data = path.read_bytes()
        assert not ID_LIKE.search(data) and not MOBILE.search(data), path.name


def test_name_lists_and_unpublished_items_never_exported(minimal):
    # A 名单公示 with ID numbers, phones and names in its list, during its period.
    minimal.write("data/notices/mingdan.csv",
                  "姓名,身份证号码,联系电话,村组\n张三丰,11010519491231002X,13800138000,一组\n")
    minimal.write("data/notices/gongshi.yaml", """\
title: 奖励扶助对象名单公示
publisher: town
created: 2026-11-20
published: 2026-11-23
versions:
  - effective_from: 2026-11-23
    kind: 名单公示
    body: 拟确认以下人员为奖励扶助对象。
    period: {start: 2026-11-23, working_days: 7}
    objection_contacts: [jubao]
    list:
      file: mingdan.csv
      columns:
        - {name: 姓名, mask: name}
        - {name: 身份证号码, mask: id_card}
        - {name: 联系电话, publish: false}
        - {name: 村组}
""")
    # An item not published yet, and a public one that points to it.
    minimal.write("data/policies/later.yaml", minimal.read("data/policies/xize.yaml")
                  .replace("published: 2026-03-04", "published: 2027-01-05")
                  .replace('index_no: "TEST/2026-00001"', 'index_no: "TEST/2027-00001"'))
    minimal.replace("data/fees/fuyangfei.yaml", "related: [xize]", "related: [xize, later]")
    build(minimal.root, AS_OF)
    folder = minimal.root / "build/site/opendata"
    for path in folder.iterdir():
        data = path.read_bytes()
        assert not ID_LIKE.search(data), path.name
        assert not MOBILE.search(data), path.name
        assert "张三丰".encode() not in data and "张*丰".encode() not in data, path.name
        assert b"mingdan" not in data, path.name
        assert "later".encode() not in data, path.name
        if path.suffix == ".csv":
            header = data.decode("utf-8-sig").splitlines()[0]
            assert not PERSONAL_HEADER.search(header), (path.name, header)
    notices = pd.read_csv(folder / "notice.csv", dtype=str)
    assert "gongshi" in set(notices["编号"])         # the notice itself is open data
    assert "later" not in set(pd.read_csv(folder / "policy.csv", dtype=str)["编号"])
