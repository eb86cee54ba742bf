"""Per-item content rules: required fields, topics, safe bodies, attachments."""

from __future__ import annotations

from pathlib import Path

from ..load.site_loader import SITE_FILE, SiteData
from ..model.labels import label
from ..privacy import filetypes
from ..problems import Problem
from .markdown_safety import unsafe_html

ATTACHMENT_DIR = "data/attachments"
CONTENT_DIR = "content"
BODY_FIELDS = ("body",)


def _body_line(item, n: int, field: str, offset: int) -> int | None:
    """Line of `offset` within a block scalar: the key's line plus the offset."""
    base = item.line("versions", n, field)
    origin = item.doc.origin(("versions", n, field)) if item.doc else None
    # Block scalars (| or >) start on the line after the key.
    block = origin is not None and origin.raw is not None and "\n" in origin.raw
    return None if base is None else base + offset - (0 if block else 1)


def check_content(site: SiteData) -> list[Problem]:
    problems: list[Problem] = []
    topics = site.config.topics
    for item in site.items:
        first = item.versions[0]
        for name in item.kind.required:
            if name not in first.content:
                problems.append(Problem(item.file, item.line("versions", 0), f"versions[1].{name}",
                                        f"第一个版本缺少「{name}」（{label(name)}）",
                                        f"{item.kind.label}的第一个版本必须写 {name}"))
        if item.meta.topic and topics and item.meta.topic not in topics:
            problems.append(Problem(item.file, item.line("topic"), "topic",
                                    f"主题分类「{item.meta.topic}」不在 {SITE_FILE} 的 topics 里",
                                    "现有分类：" + "、".join(topics) + "；请改用其中之一，或在 topics 里添加",
                                    level="warning"))
        for n, version in enumerate(item.meta.versions):
            for field in BODY_FIELDS:
                text = getattr(version, field, None)
                if not text:
                    continue
                for offset, what, runs in unsafe_html(text):
                    problems.append(_unsafe(item.file, _body_line(item, n, field, offset),
                                            f"versions[{n + 1}].{field}", what, runs))
        problems.extend(_check_attachments(site, item))
    problems.extend(_check_pages(site))
    return problems


def _unsafe(file: str, line: int | None, field: str, what: str, runs: bool) -> Problem:
    """A warning: the sanitiser removes it from every page anyway, and the clerk
    should know why that text will not be on the site."""
    if runs:
        return Problem(file, line, field, f"正文里有可能执行脚本的内容（{what}），生成网页时会被删除",
                       "公开网页的正文不能含脚本，请删除它；需要表格或加粗请用 Markdown 写法",
                       level="warning")
    return Problem(file, line, field, f"网页上不会显示正文里的{what}（网站只保留安全的排版）",
                   "请删除它，改用 Markdown 写法（加粗、列表、表格、链接）", level="warning")


def _check_pages(site: SiteData) -> list[Problem]:
    """Hand-written pages (content/*.md) pass the same sanitiser as item bodies."""
    problems = []
    for path in sorted((site.root / CONTENT_DIR).glob("**/*.md")):
        rel = path.relative_to(site.root).as_posix()
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            problems.append(Problem(rel, None, "", "文件不是 UTF-8 编码",
                                    "请用 UTF-8 编码另存这个文件（记事本：另存为 → 编码选 UTF-8）"))
            continue
        except OSError as err:
            problems.append(Problem(rel, None, "", f"无法读取这个文件（{err.strerror}）",
                                    "请确认它是一个普通文件，并且当前用户有权读取"))
            continue
        problems.extend(_unsafe(rel, line, "", what, runs) for line, what, runs in unsafe_html(text))
    return problems


def _check_attachments(site: SiteData, item) -> list[Problem]:
    problems: list[Problem] = []
    allowed = [t.lower() for t in site.config.attachment_types]
    root = site.root / ATTACHMENT_DIR
    limit = site.config.attachment_max_mb
    for i, attachment in enumerate(item.meta.attachments):
        field, line = f"attachments[{i + 1}].file", item.line("attachments", i, "file")
        rel = Path(attachment.file)
        target = (root / rel).resolve()
        if rel.is_absolute() or ".." in rel.parts or not target.is_relative_to(root.resolve()):
            problems.append(Problem(item.file, line, field, f"附件「{attachment.file}」不在 {ATTACHMENT_DIR}/ 里",
                                    f"请把文件放进 {ATTACHMENT_DIR}/，这里只写它在该文件夹里的名字"))
            continue
        suffix = filetypes.suffix_of(attachment.file)
        unreadable = filetypes.why_unreadable(suffix)
        # Only what the leak scan can read may be published, whatever site.yaml allows.
        if unreadable and (suffix in allowed or suffix in filetypes.OLD_OFFICE):
            problems.append(Problem(item.file, line, field,
                                    f"附件「{attachment.file}」不能公开：{unreadable}，无法确认其中没有个人信息",
                                    filetypes.how_to_fix(suffix)))
            continue
        if suffix not in allowed or unreadable:
            problems.append(Problem(item.file, line, field, f"附件类型 .{suffix or '（无）'} 不允许公开",
                                    "允许的类型：" + "、".join(allowed) + "（可在 site.yaml 的 attachment_types 调整）"))
            continue
        if not target.is_file():
            problems.append(Problem(item.file, line, field, f"找不到附件 {ATTACHMENT_DIR}/{attachment.file}",
                                    "请确认文件已放进该文件夹，文件名（含大小写）一致"))
            continue
        size_mb = target.stat().st_size / 1024 / 1024
        if size_mb > limit:
            problems.append(Problem(item.file, line, field,
                                    f"附件 {attachment.file} 有 {size_mb:.1f} MB，超过上限 {limit:g} MB",
                                    "请压缩后再上传，或在 site.yaml 的 attachment_max_mb 调整上限"))
    return problems
