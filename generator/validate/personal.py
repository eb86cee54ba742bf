"""Personal numbers (ID, mobile, bank card) anywhere in the data stop the build.

Every text value of every data file is scanned, and so is every hand-written
page in content/; only declared contact channels may hold a mobile number,
and name lists are checked (and masked) by `privacy.namelist` instead.
"""

from __future__ import annotations

from ..load.site_loader import CONTACTS_FILE, SiteData
from ..load.texts import path_text, strings
from ..privacy.detect import allowed_numbers
from ..privacy.scan import scan_value
from ..problems import Problem


def public_numbers(site: SiteData) -> frozenset[str]:
    """Numbers the office has declared public: its contact channels and footer phone."""
    values = [c.value for c in site.contacts.values() if c.value]
    if site.config.identity.phone:
        values.append(site.config.identity.phone)
    return allowed_numbers(values)


def check_personal(site: SiteData) -> list[Problem]:
    allowed = public_numbers(site)
    problems: list[Problem] = []
    for file, doc in sorted(site.docs.items()):
        for path, text in strings(doc.value):
            if file == CONTACTS_FILE and path[-1:] == ("value",):
                continue    # a declared channel is public by definition
            origin = doc.origin(path)
            # A block scalar (| or >) starts on the line after its key.
            line = doc.line(path)
            if origin and origin.raw is not None and "\n" in origin.raw and line is not None:
                line += 1
            problems.extend(scan_value(text, file, line, path_text(path), allowed))
    content = site.root / "content"
    if content.is_dir():
        for page in sorted(content.rglob("*.md")):
            rel = page.relative_to(site.root).as_posix()
            problems.extend(scan_value(page.read_text(encoding="utf-8"), rel, 1, "正文", allowed))
    return problems
