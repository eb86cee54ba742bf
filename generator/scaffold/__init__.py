"""Scaffolds: `gongkai init` (a whole new site) and `gongkai new` (one item)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from ..load.site_loader import SITE_FILE
from ..load.yaml_reader import read_yaml
from ..model import KINDS
from ..model.base import SLUG_RE
from ..problems import UsageError
from .wheel import write_wheel

HERE = Path(__file__).parent
SITE_SKELETON = HERE / "site"
ITEM_TEMPLATES = HERE / "new"
# Made by init, not shipped: a wheel keeps no empty folder, nor does git.
FOLDERS = ("site_config/overrides",)
WHEELS = "deploy/wheels"
# The CI templates install gongkai from the wheel init puts in the site's repository.
CI_FILES = (".github/workflows/gongkai.yml", ".gitlab-ci.yml")


def init_site(target: Path) -> Path:
    if target.exists() and any(target.iterdir()):
        raise UsageError(f"文件夹 {target} 不是空的，为避免覆盖已有文件，请换一个新文件夹")
    shutil.copytree(SITE_SKELETON, target, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__"))
    for folder in FOLDERS:
        (target / folder).mkdir(parents=True, exist_ok=True)
    wheel = write_wheel(target / WHEELS)
    for name in CI_FILES:
        path = target / name
        path.write_text(path.read_text(encoding="utf-8")
                        .replace("{{ wheel }}", f"{WHEELS}/{wheel.name}"), encoding="utf-8")
    return target.resolve()


def new_item(root: Path, kind: str, slug: str) -> Path:
    if not SLUG_RE.match(slug):
        raise UsageError(f"「{slug}」不能用作文件名：只能用小写英文字母、数字和连字符，例如 zaishengyu-shenpi")
    target = root / "data" / KINDS[kind].folder / f"{slug}.yaml"
    if target.exists():
        raise UsageError(f"{target.relative_to(root)} 已经存在，请换一个文件名")
    doc, _ = read_yaml(root / SITE_FILE, SITE_FILE)
    publisher = doc.value.get("publisher", "") if doc and isinstance(doc.value, dict) else ""
    text = (ITEM_TEMPLATES / f"{kind}.yaml").read_text(encoding="utf-8")
    text = (text.replace("{{ slug }}", slug).replace("{{ today }}", date.today().isoformat())
            .replace("{{ publisher }}", publisher))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target
