"""A build with a warm build/cache is byte-identical to one without (issue 23, decision 3).

A small site is built once; then a seeded random sequence of edits (a title, a body,
an amount, an item added, an item deleted, site.yaml, a name list, the date), two
at a time, each followed by a build that uses the cache and a build of a copy
without one. Every file of the two sites must be the same, PDFs included. (Two
edits a build: each build pair takes seconds, and a cache hit that should not be
one shows after either edit.)
"""

from __future__ import annotations

import random
import shutil
from datetime import date, timedelta
from pathlib import Path

from generator.build import build
from generator.cache.store import CACHE_DIR

from conftest import SITE_PARTS, SiteFolder

SEED = 23
EPOCH = "1780000000"         # the footer stamp: the same in both builds
AS_OF = date(2026, 6, 1)
# One of every kind of output the cache touches: a sheet with a PDF is a current notice.
LIST_NOTICE = """title: 2026年奖励扶助对象名单公示（第{n}批）
publisher: town
created: 2026-05-20
published: 2026-05-25
versions:
  - effective_from: 2026-05-25
    kind: 名单公示
    body: 拟确认以下对象，现予公示。
    period:
      start: 2026-05-25
      working_days: 10
    objection_contacts: [jubao]
    list:
      file: mingdan-{n}.csv
      columns:
        - {{name: 姓名, mask: name}}
        - {{name: 身份证号, mask: id_card}}
        - {{name: 联系电话, publish: false}}
        - {{name: 扶助类别}}
"""
LIST_ROWS = ["张红梅,532923196208033319,13656674234,奖励扶助",
             "刘红梅,532923196603096256,13544185988,特别扶助"]
NEW_POLICY = """title: 关于第{n}批计划生育家庭奖励扶助的通知
publisher: town
created: 2026-04-0{day}
published: 2026-04-1{day}
topic: 计划生育
related: [xize]
versions:
  - effective_from: 2026-04-1{day}
    doc_no: 测政发〔2026〕{n}号
    genre: 通知
    body: 现将第{n}批奖励扶助有关事项通知如下。
"""


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def first_difference(warm: dict[str, bytes], cold: dict[str, bytes]) -> str | None:
    for path in sorted(warm.keys() | cold.keys()):
        if warm.get(path) != cold.get(path):
            where = "only warm" if path not in cold else "only cold" if path not in warm else "differs"
            return f"{path} ({where})"
    return None


class Edits:
    """Random edits of the minimal site; each says what it did."""

    def __init__(self, site: SiteFolder, rng: random.Random):
        self.site, self.rng, self.as_of, self.added = site, rng, AS_OF, []

    def title(self) -> str:
        rel = self.rng.choice(["data/fees/fuyangfei.yaml", "data/policies/xize.yaml",
                               "data/services/guangrongzheng.yaml"])
        self.site.replace(rel, "title: ", f"title: （第{self.rng.randint(2, 99)}次修订）")
        return f"title of {rel}"

    def body(self) -> str:
        line = f"第三条 本细则由镇人民政府负责解释，第{self.rng.randint(1, 999)}号文件同时废止。"
        self.site.replace("data/policies/xize.yaml", "第二条 本细则自发布之日起施行。",
                          f"第二条 本细则自发布之日起施行。\n\n      {line}")
        return "body of data/policies/xize.yaml"

    def amount(self) -> str:
        old = next(line for line in self.site.read("data/subsidies/jiangli.yaml").splitlines()
                   if "amount:" in line)
        self.site.replace("data/subsidies/jiangli.yaml", old,
                          f"        amount: {self.rng.randint(100, 9999)}")
        return "amount of data/subsidies/jiangli.yaml"

    def add_item(self) -> str:
        n = self.rng.randint(2, 99)
        rel = f"data/policies/tongzhi-{n}.yaml"
        self.site.write(rel, NEW_POLICY.format(n=n, day=self.rng.randint(1, 9)))
        self.added.append(rel)
        return f"added {rel}"

    def delete_item(self) -> str:
        rel = self.added.pop() if self.added else "data/notices/gonggao.yaml"
        self.site.path(rel).unlink()
        return f"deleted {rel}"

    def site_yaml(self) -> str:
        self.site.replace("site_config/site.yaml", "name: 测试镇人民政府信息公开",
                          f"name: 测试镇人民政府信息公开（{self.rng.choice(['试运行', '新版', '2026'])}）")
        return "site.yaml"

    def name_list(self) -> str:
        n = self.rng.randint(2, 99)
        self.site.write(f"data/notices/mingdan-{n}.yaml", LIST_NOTICE.format(n=n))
        rows = self.rng.sample(LIST_ROWS, k=self.rng.randint(1, len(LIST_ROWS)))
        self.site.write(f"data/notices/mingdan-{n}.csv",
                        "\n".join(["姓名,身份证号,联系电话,扶助类别", *rows]) + "\n")
        return f"name list mingdan-{n}"

    def move_date(self) -> str:
        self.as_of += timedelta(days=self.rng.randint(1, 30))
        return f"as of {self.as_of}"


def cold_copy(site: SiteFolder, folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for part in SITE_PARTS:
        source = site.path(part)
        if source.is_dir():
            shutil.copytree(source, folder / part)
        elif source.is_file():
            shutil.copy2(source, folder / part)
    return folder


def test_warm_builds_match_cold_builds_after_random_edits(minimal, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    rng = random.Random(SEED)
    edits = Edits(minimal, rng)
    steps = [edits.title, edits.body, edits.amount, edits.add_item, edits.delete_item,
             edits.site_yaml, edits.name_list, edits.move_date]
    rng.shuffle(steps)
    build(minimal.root, AS_OF, pdf=True)
    assert {p.name.split("-")[0] for p in minimal.path(CACHE_DIR).glob("*.pickle")} >= \
        {"render", "links", "search", "leaks", "pdf"}
    done = []
    for first, second in zip(steps[::2], steps[1::2]):
        done.append(f"{first()} + {second()}")
        build(minimal.root, edits.as_of, pdf=True)
        cold = cold_copy(minimal, tmp_path / "cold")
        build(cold, edits.as_of, pdf=True, cache=False)
        assert not (cold / CACHE_DIR).exists()
        warm_site, cold_site = tree(minimal.path("build/site")), tree(cold / "build/site")
        assert any(path.endswith(".pdf") for path in cold_site)
        for warm_tree, cold_tree in ((tree(minimal.path("build/docs")), tree(cold / "build/docs")),
                                     (warm_site, cold_site)):
            difference = first_difference(warm_tree, cold_tree)
            assert difference is None, f"after {' → '.join(done)}: first different file {difference}"
