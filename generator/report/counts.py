"""Section 二's counts, taken from the catalogue rather than typed in.

A policy file is counted as documents: each 文号 is one document. The first
is issued on the item's 成文日期 (created); a later version that brings a new
文号 is a new document issued on its effective date, and the document it
replaces ends then (counted as 废止 that year, as a revision repeals the text
it supersedes). The last document ends on the item's repeal date (废止) or
expiry date (失效: no longer valid, but not a repeal). A document is 现行有效
on 31 December if it was issued by then and had not ended.

Only documents of the reporting office itself count: its publisher is the
office or one of its internal bodies (an organization whose `parent` chain
leads to the office). Counting uses every item in data/, published or not,
so `gongkai validate`, the command and the site always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..load.site_loader import SiteData
from ..model import Item
from ..versions import IN_FORCE, is_public, select
from .layout import DOC_GENRES


@dataclass(frozen=True)
class Document:
    item: Item
    doc_no: str | None
    issued: date
    ended: date | None
    repealed: bool            # ended by repeal or replacement (not by expiry)


@dataclass
class GenreCount:
    issued: list[Document] = field(default_factory=list)
    repealed: list[Document] = field(default_factory=list)
    in_force: list[Document] = field(default_factory=list)

    def numbers(self) -> tuple[int, int, int]:
        return len(self.issued), len(self.repealed), len(self.in_force)


def office_bodies(site: SiteData, office: str) -> set[str]:
    """The office and every organization whose parent chain reaches it."""
    bodies = {office}
    changed = True
    while changed:
        changed = False
        for org in site.organizations.values():
            if org.parent in bodies and org.id not in bodies:
                bodies.add(org.id)
                changed = True
    return bodies


def documents(item: Item) -> list[Document]:
    meta = item.meta
    starts: list[tuple[str | None, date]] = []
    for version in item.versions:
        doc_no = version.content.get("doc_no")
        if not starts:
            starts.append((doc_no, meta.created))
        elif "doc_no" in version.changed and doc_no != starts[-1][0]:
            starts.append((doc_no, version.effective_from))
    docs = []
    for n, (doc_no, issued) in enumerate(starts):
        if n + 1 < len(starts):
            docs.append(Document(item, doc_no, issued, starts[n + 1][1], True))
        elif meta.repealed:
            docs.append(Document(item, doc_no, issued, meta.repealed.date, True))
        else:
            docs.append(Document(item, doc_no, issued, meta.expires, False))
    return docs


def _genre(item: Item, day: date) -> str | None:
    state = select(item, day)
    return (state.current or state.shown).content.get("genre")


def count_documents(site: SiteData, year: int, office: str) -> dict[str, GenreCount]:
    end = date(year, 12, 31)
    bodies = office_bodies(site, office)
    counts = {genre: GenreCount() for genre in DOC_GENRES}
    for item in site.of_kind("policy"):
        if item.meta.publisher not in bodies:
            continue
        genre = next((g for g, names in DOC_GENRES.items() if _genre(item, end) in names), None)
        if genre is None:
            continue
        for doc in documents(item):
            if doc.issued.year == year:
                counts[genre].issued.append(doc)
            if doc.repealed and doc.ended and doc.ended.year == year:
                counts[genre].repealed.append(doc)
            if doc.issued <= end and (doc.ended is None or doc.ended > end):
                counts[genre].in_force.append(doc)
    return counts


def fees_in_force(site: SiteData, year: int) -> list[Item]:
    """Fee items on the site and in force on 31 December."""
    end = date(year, 12, 31)
    return sorted((item for item in site.of_kind("fee")
                   if is_public(item, end) and select(item, end).status == IN_FORCE),
                  key=lambda item: item.slug)


def published_in(site: SiteData, year: int) -> dict[str, int]:
    """How many items of each kind were published during the year."""
    counts: dict[str, int] = {}
    for item in site.items:
        if item.meta.published.year == year:
            counts[item.kind.name] = counts.get(item.kind.name, 0) + 1
    return counts
