"""Personal numbers (ID, mobile, bank card) anywhere in the data stop the build.

Every text value of every data file is scanned, and so is every hand-written
page in content/ and every attachment, read as the post-build scan reads it; only
declared contact channels may hold a mobile number, and name lists are checked (and
masked) by `privacy.namelist` instead.
"""

from __future__ import annotations

from ..load.site_loader import CONTACTS_FILE, SiteData
from ..load.texts import path_text, strings
from ..load.yaml_reader import YamlDoc
from ..privacy import filetypes
from ..privacy.detect import allowed_numbers
from ..privacy.scan import HINTS, NAME_PLACE, read_file, scan_value, unreadable_hint
from ..problems import Problem
from .content import ATTACHMENT_DIR


def public_numbers(site: SiteData) -> frozenset[str]:
    """Numbers the office has declared public: its contact channels and footer phone."""
    values = [c.value for c in site.contacts.values() if c.value]
    if site.config.identity.phone:
        values.append(site.config.identity.phone)
    return allowed_numbers(values)


def personal_in_file(file: str, doc: YamlDoc, allowed: frozenset[str]) -> list[Problem]:
    """Personal numbers in the text values of one data file."""
    problems: list[Problem] = []
    for path, text in strings(doc.value):
        if file == CONTACTS_FILE and path[-1:] == ("value",):
            continue    # a declared channel is public by definition
        origin = doc.origin(path)
        # A block scalar (| or >) starts on the line after its key.
        line = doc.line(path)
        if origin and origin.raw is not None and "\n" in origin.raw and line is not None:
            line += 1
        problems.extend(scan_value(text, file, line, path_text(path), allowed))
    return problems


def check_personal(site: SiteData) -> list[Problem]:
    """Personal numbers in hand-written pages and attachments (the data files' own
    values are `personal_in_file`'s)."""
    allowed = public_numbers(site)
    problems: list[Problem] = []
    content = site.root / "content"
    if content.is_dir():
        for page in sorted(content.rglob("*.md")):
            rel = page.relative_to(site.root).as_posix()
            problems.extend(scan_value(page.read_text(encoding="utf-8"), rel, 1, "正文", allowed))
    problems.extend(_attachment_numbers(site, allowed))
    return problems


def _attachment_numbers(site: SiteData, allowed: frozenset[str]) -> list[Problem]:
    """Numbers inside attachments, named by the item line that lists the attachment.

    Attachments that are missing, outside the folder or of a type the scan cannot read
    are reported by `validate.content`, and so are those over the size limit; an
    attachment's name is checked with the YAML.
    """
    limit = site.config.attachment_max_mb * 1024 * 1024
    root = (site.root / ATTACHMENT_DIR).resolve()
    problems: list[Problem] = []
    for item in site.items:
        for index, attachment in enumerate(item.meta.attachments):
            path = (root / attachment.file).resolve()
            if (not path.is_relative_to(root) or not path.is_file()
                    or filetypes.why_unreadable(filetypes.suffix_of(attachment.file))
                    or path.stat().st_size > limit):
                continue
            line = item.line("attachments", index, "file")
            field = f"attachments[{index + 1}].file"
            found, unreadable = read_file(attachment.file, path.read_bytes(), allowed)
            for where in found:
                if where.place == NAME_PLACE:
                    continue
                problems.append(Problem(
                    item.file, line, field,
                    f"附件「{attachment.file}」（{where.place}）中有{where.finding.label} "
                    f"{where.finding.masked}，会被公开",
                    HINTS[where.finding.kind]))
            if unreadable is not None:
                problems.append(Problem(
                    item.file, line, field,
                    f"附件「{attachment.file}」{unreadable}，无法确认其中没有个人信息",
                    unreadable_hint(attachment.file)))
    return problems
