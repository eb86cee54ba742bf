"""Make a synthetic gongkai site of N items: mixed kinds, Chinese text from the
seed material, version histories, and notices with masked name lists.

Titles, headings and bodies are full of the digits real bulletins carry (counts, amounts,
dates, 文号, 索引号, article numbers), so a build of it shows whether the leak scan
mistakes our own output for a personal number; it must report none.

    python bench/synth.py N TARGET_DIR
"""

from __future__ import annotations

import csv
import random
import re
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
# shared/seeds sits beside the repository, or beside the folder of its worktrees.
SEEDS = next((folder / "shared" / "seeds" for folder in REPO.parents
              if (folder / "shared" / "seeds").is_dir()), REPO / "missing-seeds")
FALLBACK = ["勍香镇农村部分计划生育家庭奖励扶助金按年度发放到人。",
            "申请人向户籍所在地村（居）委会提出申请，经审核后公示七个工作日。",
            "公示期内对名单有异议的，可以向镇人民政府反映。"]
KIND_FOLDERS = {"policy": "policies", "fee": "fees", "subsidy": "subsidies",
                "service": "services", "notice": "notices"}
MIX = ["policy"] * 4 + ["service"] * 2 + ["fee", "subsidy", "notice"]
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def sentences() -> list[str]:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    found = [s.strip() + "。" for s in re.split(r"[。\n]", text) if 12 <= len(s.strip()) <= 120]
    # Drop digit runs so synthetic text never looks like personal data.
    return [re.sub(r"\d{5,}", "", s) for s in found] or FALLBACK


def id_number(rng: random.Random) -> str:
    body = f"532923{rng.randint(1950, 1990)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, W)) % 11]


def digit_heavy_title(rng: random.Random, n: int) -> str:
    year = rng.randint(2018, 2027)
    return rng.choice([
        f"下辖{rng.randint(2, 30)}个村委,总人口{rng.randint(100, 99999)}（第{rng.randint(1, 9999)}号）",
        f"关于{year}年第{rng.randint(1, 12)}批{rng.randint(1, 300)}户{rng.randint(100, 2000)}人奖励扶助对象的公示",
        f"勍政发〔{year}〕{rng.randint(1, 199)}号 {year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日起执行",
        f"{year} {rng.randint(1, 12):02d} {rng.randint(1, 28):02d} 第{n}期 {rng.randint(1000, 9999)}元",
        f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日{rng.randint(8, 18)}时 {rng.randint(100, 999)}个行政村 {rng.randint(1000, 9999)}号",
    ])


def digit_paragraph(rng: random.Random) -> str:
    year = rng.randint(2018, 2027)
    amount = rng.randint(100, 99999)
    return rng.choice([
        f"## 第{rng.randint(1, 99)}条 {year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日起执行第{rng.randint(1, 9999)}号",
        f"## {year} {rng.randint(1, 12):02d} {rng.randint(100, 999)} {rng.randint(1000, 9999)}号",
        f"| 项目 | 金额（元） | 人数 |\n|---|---|---|\n| 奖励扶助金 | {amount:,} | {rng.randint(10, 9999)} |\n"
        f"| 特别扶助金 | {rng.randint(100, 9999)}.{rng.randint(0, 99):02d} | {rng.randint(1, 999)} |",
        f"依据勍政发〔{year}〕{rng.randint(1, 199)}号，索引号 11530921MB1234567X/{year}-{rng.randint(1, 99999):05d}，"
        f"自{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}至{year + 1}.{rng.randint(1, 12):02d}.{rng.randint(1, 28):02d}。",
        f"{year}年共发放 {amount:,} 元、{rng.randint(10, 999)} 人、{rng.randint(1, 99)} 个村，人均 {rng.randint(100, 999)}.{rng.randint(0, 9)} 元。",
    ])


def body(rng: random.Random, pool: list[str], paragraphs: int) -> str:
    return "\n\n".join(digit_paragraph(rng) if rng.random() < 0.4 else "".join(rng.sample(pool, 3))
                         for _ in range(paragraphs))


def versions(rng, pool, kind: str, start: date, list_file: str | None) -> list[dict]:
    out = []
    day = start
    for n in range(rng.choice([1, 1, 2, 3])):
        v: dict = {"effective_from": day,
                   "change_note": f"第{n + 1}次修订，第{rng.randint(1, 99)}条金额改为{rng.randint(100, 9999)}元" if n else None}
        if n and rng.random() < 0.3:
            v["change_type"] = "minor"
        if kind == "policy":
            v.update(doc_no=f"勍政发〔{day.year}〕{rng.randint(1, 99)}号", genre="行政规范性文件",
                     body=body(rng, pool, 6))
        elif kind == "fee":
            v.update(basis=[rng.choice(pool)], standards=[
                {"item": "标准" + str(i), "amount": rng.randint(0, 500) * 10, "unit": "元"} for i in range(3)],
                deferrals=rng.sample(pool, 2), contacts=["qx-jisheng-consult"])
        elif kind == "subsidy":
            v.update(eligibility=rng.sample(pool, 3),
                     amounts=[{"label": "扶助金", "amount": 720 + 120 * n, "unit": "元/人·年"}],
                     steps=rng.sample(pool, 3), contacts=["qx-jisheng-consult"])
        elif kind == "service":
            v.update(conditions=rng.sample(pool, 3),
                     materials=[{"name": f"材料{i}", "form": "原件", "copies": 1} for i in range(4)],
                     steps=rng.sample(pool, 4), promised_limit=rng.choice(["即办", 5, 10]),
                     fee="不收费", consult=["qx-jisheng-consult"], complaint=["qx-report-phone"])
        else:
            v.update(kind="名单公示" if list_file else "公告", body=body(rng, pool, 3),
                     period={"start": day, "working_days": 7},
                     objection_contacts=["qx-report-phone"])
            if list_file:
                v["list"] = {"file": list_file, "columns": [
                    {"name": "姓名", "mask": "name"}, {"name": "身份证号", "mask": "id_card"},
                    {"name": "家庭住址", "mask": "address"}]}
        if n and kind not in ("notice",):
            v = {k: val for k, val in v.items() if k in ("effective_from", "change_note", "change_type")
                 or rng.random() < 0.5}
        out.append({k: val for k, val in v.items() if val is not None})
        day += timedelta(days=rng.randint(60, 400))
        if kind == "notice":
            break
    return out


def make_site(n: int, target: Path, seed: int = 1) -> Path:
    rng = random.Random(seed)
    pool = sentences()
    if target.exists():
        shutil.rmtree(target)
    for part in ("site_config", "content", "mkdocs.yml", "data/organizations.yaml", "data/contacts.yaml"):
        source = REPO / part
        (target / part).parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / part)
    for i in range(n):
        kind = MIX[i % len(MIX)]
        created = date(2023, 1, 2) + timedelta(days=rng.randint(0, 1300))
        slug = f"{kind}-{i:05d}"
        folder = target / "data" / KIND_FOLDERS[kind]
        folder.mkdir(parents=True, exist_ok=True)
        list_file = None
        if kind == "notice" and i % 45 == 8:
            list_file = f"{slug}.csv"
            with (folder / list_file).open("w", newline="", encoding="utf-8-sig") as f:
                writer = csv.writer(f)
                writer.writerow(["姓名", "身份证号", "家庭住址"])
                for _ in range(rng.choice([20, 50, 300])):
                    writer.writerow(["王" + rng.choice("秀英建国春梅志强"), id_number(rng),
                                     f"勍香镇东庄村{rng.randint(1, 9)}组"])
        title = digit_heavy_title(rng, i) if i % 3 == 0 else "".join(rng.sample(pool, 1))[:30]
        item = {"title": title, "publisher": "qingxiang-gov",
                "created": created, "published": created + timedelta(days=1),
                "index_no": f"11530921MB1234567X/{created.year}-{i:05d}", "topic": "综合政务",
                "summary": rng.choice(pool)[:200],
                "versions": versions(rng, pool, kind, created + timedelta(days=1), list_file)}
        (folder / f"{slug}.yaml").write_text(
            yaml.safe_dump(item, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


if __name__ == "__main__":
    make_site(int(sys.argv[1]), Path(sys.argv[2]))
