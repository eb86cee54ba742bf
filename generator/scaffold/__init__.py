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

HERE = Path(__file__).parent
SITE_SKELETON = HERE / "site"
ITEM_TEMPLATES = HERE / "new"


def init_site(target: Path) -> Path:
    if target.exists() and any(target.iterdir()):
        raise UsageError(f"文件夹 {target} 不是空的，为避免覆盖已有文件，请换一个新文件夹")
    shutil.copytree(SITE_SKELETON, target, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__"))
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
