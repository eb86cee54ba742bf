"""Every id or slug an item names must exist: publisher, contacts, fee, related."""

from __future__ import annotations

import difflib

from ..load.site_loader import CONTACTS_FILE, ORGS_FILE, SITE_FILE, SiteData
from ..model import KINDS
from ..problems import Problem

# Content fields that hold contact ids, per kind.
CONTACT_FIELDS = {
    "fee": ("contacts",),
    "subsidy": ("contacts",),
    "service": ("consult", "complaint"),
    "notice": ("objection_contacts",),
}


def _dangling(file: str, line: int | None, field: str, value: str, what: str, known,
              how: str) -> Problem:
    close = difflib.get_close_matches(value, list(known), n=3, cutoff=0.6)
    if close:
        return Problem(file, line, field, f"找不到{what}「{value}」",
                       f"是不是想写「{'」或「'.join(close)}」？{how}")
    sample = "、".join(sorted(known)[:8]) or "（还没有）"
    more = "等" if len(known) > 8 else ""
    return Problem(file, line, field, f"找不到{what}「{value}」", f"{how}；现有的有：{sample}{more}")


def _position(doc, entry_id: str) -> int:
    """Where an entry is in its file: entries that could not be read are not in the loaded list."""
    entries = doc.value if doc is not None and isinstance(doc.value, list) else []
    return next(i for i, entry in enumerate(entries) if isinstance(entry, dict) and entry.get("id") == entry_id)


def check_references(site: SiteData) -> list[Problem]:
    problems: list[Problem] = []
    orgs, contacts, slugs = site.organizations, site.contacts, site.by_slug()

    def org_ref(file, line, field, value):
        if value not in orgs and ("organization", value) not in site.unreadable:
            problems.append(_dangling(file, line, field, value, "机构", orgs,
                                      f"请在 {ORGS_FILE} 里添加这个机构，或改成已有机构的 id"))

    def contact_ref(file, line, field, value):
        if value not in contacts and ("contact", value) not in site.unreadable:
            problems.append(_dangling(file, line, field, value, "联系渠道", contacts,
                                      f"请在 {CONTACTS_FILE} 里添加它，或改成已有渠道的 id"))

    org_doc = site.docs.get(ORGS_FILE)
    for org in site.organizations.values():
        index = _position(org_doc, org.id)
        line = org_doc.line((index,)) if org_doc else None
        if org.parent:
            org_ref(ORGS_FILE, line, f"[{index + 1}].parent", org.parent)
        for contact in org.contacts:
            contact_ref(ORGS_FILE, line, f"[{index + 1}].contacts", contact)
    contact_doc = site.docs.get(CONTACTS_FILE)
    for contact in site.contacts.values():
        index = _position(contact_doc, contact.id)
        if contact.org:
            line = contact_doc.line((index, "org")) if contact_doc else None
            org_ref(CONTACTS_FILE, line, f"[{index + 1}].org", contact.org)
    org_ref(SITE_FILE, site.docs[SITE_FILE].line(("publisher",)), "publisher", site.config.publisher)
    for hotline in site.config.hotlines:
        contact_ref(SITE_FILE, site.docs[SITE_FILE].line(("hotlines",)), "hotlines", hotline)

    for item in site.items:
        org_ref(item.file, item.line("publisher"), "publisher", item.meta.publisher)
        for i, slug in enumerate(item.meta.related):
            if slug not in slugs and not any((kind, slug) in site.unreadable for kind in KINDS):
                problems.append(_dangling(item.file, item.line("related", i), f"related[{i + 1}]",
                                          slug, "相关文件", slugs,
                                          "related 里写其他条目的文件名（不带 .yaml）"))
        for n, version in enumerate(item.meta.versions):
            where = f"versions[{n + 1}]"
            for name in CONTACT_FIELDS.get(item.kind.name, ()):
                for i, value in enumerate(getattr(version, name) or []):
                    contact_ref(item.file, item.line("versions", n, name, i),
                                f"{where}.{name}[{i + 1}]", value)
            fee = getattr(version, "fee", None)
            if fee and fee != "不收费":
                target = slugs.get(fee)
                if (target is None or target.kind.name != "fee") and ("fee", fee) not in site.unreadable:
                    fees = [s for s, it in slugs.items() if it.kind.name == "fee"]
                    problems.append(_dangling(item.file, item.line("versions", n, "fee"),
                                              f"{where}.fee", fee, "收费标准", fees,
                                              "写「不收费」，或写 data/fees/ 里某个收费标准的文件名"))
            interprets = getattr(version, "interprets", None)
            if interprets:
                target = slugs.get(interprets)
                if (target is None or target.kind.name != "policy") and \
                        ("policy", interprets) not in site.unreadable:
                    policies = [s for s, it in slugs.items() if it.kind.name == "policy"]
                    problems.append(_dangling(item.file, item.line("versions", n, "interprets"),
                                              f"{where}.interprets", interprets, "被解读的政策文件",
                                              policies, "写 data/policies/ 里那份文件的文件名"))
    return problems
