"""schema.org structured data (JSON-LD) for the pages machines read.

Service guides, fees and subsidies are GovernmentService; notices are
SpecialAnnouncement (datePosted, expires = end of the 公示期); policies are
Legislation (文号, dates, legal force, each version a workExample) and their
解读 an Article about the policy they explain; the guide and
contacts pages describe every organization as GovernmentOrganization with its
ContactPoints and their OpeningHoursSpecification. The data is built here as
plain dicts and handed to the page as a JSON string in front matter
(`jsonld`); main.html only prints it.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from ..model.labels import CONTACT_KIND_LABELS
from ..versions import version_status

if TYPE_CHECKING:
    from ..load.site_loader import SiteData
    from ..versions import ItemState
    from .pages import Page, RenderContext

CONTEXT = "https://schema.org"
DAYS = {"MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday", "FR": "Friday",
        "SA": "Saturday", "SU": "Sunday"}
WORKDAYS = ("MO", "TU", "WE", "TH", "FR")
# "8:30—12:00", "14:30-18:00": the ranges in free-text hours such as 工作日 8:30—12:00，14:30—18:00.
TIME_RANGE = re.compile(r"(\d{1,2}):(\d{2})\s*[—–\-~～至]+\s*(\d{1,2}):(\d{2})")
PHONE_KINDS = {"phone", "hotline", "complaint", "report"}
# 有效性 → schema.org LegalForceStatus; a version not yet in force has no force either.
LEGAL_FORCE = {"有效": "InForce", "已修改": "NotInForce", "已废止": "NotInForce",
               "失效": "NotInForce", "尚未生效": "NotInForce", "即将生效": "NotInForce"}
ORG_PAGES = ("guide/index.md", "contacts/index.md")


def jsonld_front(ctx: "RenderContext", page: "Page") -> dict:
    """Front matter to add to a page: {"jsonld": "..."} or nothing."""
    state = page.context.get("state")
    if state is not None and page.path.endswith(f"{state.item.slug}/index.md"):
        data = item_data(ctx, state)
    elif page.path in ORG_PAGES:
        data = organizations_data(ctx.site)
    else:
        data = None
    return {"jsonld": json.dumps(data, ensure_ascii=False)} if data else {}


def item_data(ctx: "RenderContext", state: "ItemState") -> dict | None:
    item, meta, content = state.item, state.item.meta, state.shown.content
    kind = item.kind.name
    if kind not in ("service", "fee", "subsidy", "notice", "policy"):
        return None
    site = ctx.site
    url = page_url(site, item.url)
    publisher = org_ref(site, meta.publisher)
    if kind == "policy":
        return _policy(ctx, state, url, publisher)
    if kind == "notice":
        data = {"@context": CONTEXT, "@type": "SpecialAnnouncement", "@id": url, "url": url,
                "name": meta.title, "category": item.kind.label,
                "datePosted": meta.published.isoformat(), "publisher": publisher}
        facts = ctx.facts.get(item.slug)
        expires = facts.period.end if facts and facts.period else meta.expires
        if expires:
            data["expires"] = expires.isoformat()
        if meta.summary:
            data["text"] = meta.summary
        return data
    data = {"@context": CONTEXT, "@type": "GovernmentService", "@id": url, "url": url,
            "name": meta.title, "serviceType": item.kind.label, "provider": publisher}
    if meta.summary:
        data["description"] = meta.summary
    if kind == "service":
        data.update(_service(site, content))
    elif kind == "fee":
        data["offers"] = [_fee_offer(line) for line in content.get("standards") or []]
    else:
        data["serviceOutput"] = [{"@type": "MonetaryAmount", "name": line.label,
                                  "value": line.amount, "currency": "CNY",
                                  **({"description": line.unit} if line.unit else {})}
                                 for line in content.get("amounts") or []]
    channels = [contact_point(site, cid) for cid in content.get("contacts") or []
                if cid in site.contacts]
    if channels:
        data["availableChannel"] = {"@type": "ServiceChannel", "availableLanguage": "zh-CN",
                                    "servicePhone": channels}
    return data


def _policy(ctx: "RenderContext", state: "ItemState", url: str, publisher: dict) -> dict:
    item, meta, content = state.item, state.item.meta, state.shown.content
    site = ctx.site
    interprets = content.get("interprets")
    if interprets and interprets in ctx.public:
        data = {"@context": CONTEXT, "@type": "Article", "@id": url, "url": url,
                "headline": meta.title, "name": meta.title, "inLanguage": "zh-CN",
                "dateCreated": meta.created.isoformat(),
                "datePublished": meta.published.isoformat(), "publisher": publisher,
                "about": {"@type": "Legislation",
                          "@id": page_url(site, ctx.public[interprets].item.url),
                          "name": ctx.public[interprets].item.meta.title}}
        if meta.summary:
            data["description"] = meta.summary
        return data
    data = {"@context": CONTEXT, "@type": "Legislation", "@id": url, "url": url,
            "name": meta.title, "inLanguage": "zh-CN",
            "legislationDate": meta.created.isoformat(),          # 成文日期
            "datePublished": meta.published.isoformat(),
            "legislationDateVersion": state.shown.effective_from.isoformat(),
            "legislationLegalForce": f"{CONTEXT}/{LEGAL_FORCE.get(state.status, 'NotInForce')}",
            "legislationPassedBy": publisher, "publisher": publisher,
            "version": state.shown.number}
    if content.get("doc_no"):
        data["legislationIdentifier"] = content["doc_no"]
    if content.get("genre"):
        data["legislationType"] = content["genre"]
    if meta.summary:
        data["description"] = meta.summary
    if meta.repealed:
        data["expires"] = meta.repealed.date.isoformat()
    elif meta.expires:
        data["expires"] = meta.expires.isoformat()
    # Every version at its own address (/v/N/), each with the date it took effect. The one
    # in force too: its address is a stub naming the item page canonical (generator/stubs),
    # and an identifier must not change when a later version supersedes it.
    data["workExample"] = [_policy_version(site, state, version) for version in item.versions]
    return data


def _policy_version(site: "SiteData", state: "ItemState", version) -> dict:
    number = version.number
    node = {"@type": "Legislation", "@id": page_url(site, f"{state.item.url}v/{number}/"),
            "version": number, "legislationDateVersion": version.effective_from.isoformat(),
            "legislationLegalForce": f"{CONTEXT}/{LEGAL_FORCE[version_status(state, version)]}"}
    if version.content.get("doc_no"):
        node["legislationIdentifier"] = version.content["doc_no"]
    if number > 1:
        node["legislationChanges"] = {"@id": page_url(site, f"{state.item.url}v/{number - 1}/")}
    return node


def _service(site: "SiteData", content: dict) -> dict:
    out: dict = {}
    channel: dict = {"@type": "ServiceChannel", "availableLanguage": "zh-CN"}
    if content.get("location"):
        channel["serviceLocation"] = {"@type": "Place", "name": content["location"],
                                      "address": content["location"]}
        hours = opening_hours(content.get("hours"))
        if hours:
            channel["serviceLocation"]["openingHoursSpecification"] = hours
    consult = [contact_point(site, cid) for cid in content.get("consult") or []
               if cid in site.contacts]
    if consult:
        channel["servicePhone"] = consult
    out["availableChannel"] = channel
    fee = content.get("fee")
    if fee == "不收费":
        out["offers"] = {"@type": "Offer", "price": 0, "priceCurrency": "CNY",
                         "description": "不收费"}
    if content.get("conditions"):
        out["audience"] = {"@type": "Audience", "description": "；".join(content["conditions"])}
    return out


def _fee_offer(line) -> dict:
    offer = {"@type": "Offer", "name": line.item, "priceCurrency": "CNY"}
    if line.amount is not None:
        offer["price"] = line.amount
    if line.amount_text:
        offer["description"] = line.amount_text
    if line.unit:
        offer["priceSpecification"] = {"@type": "UnitPriceSpecification", "priceCurrency": "CNY",
                                       "unitText": line.unit,
                                       **({"price": line.amount} if line.amount is not None else {})}
    return offer


def organizations_data(site: "SiteData") -> dict | None:
    if not site.organizations:
        return None
    graph = []
    for org in site.organizations.values():
        node = {"@type": "GovernmentOrganization", "@id": org_id(site, org.id), "name": org.name}
        if org.code:
            node["identifier"] = org.code
        if org.address:
            node["address"] = {"@type": "PostalAddress", "streetAddress": org.address,
                               "addressCountry": "CN"}
        if org.parent and org.parent in site.organizations:
            node["parentOrganization"] = {"@id": org_id(site, org.parent)}
        points = [contact_point(site, cid) for cid in org.contacts if cid in site.contacts]
        if points:
            node["contactPoint"] = points
        hours = opening_hours(org.hours)
        if hours:
            node["hoursAvailable"] = hours
        graph.append(node)
    return {"@context": CONTEXT, "@graph": graph}


def contact_point(site: "SiteData", contact_id: str) -> dict:
    contact = site.contacts[contact_id]
    point = {"@type": "ContactPoint", "name": contact.name,
             "contactType": CONTACT_KIND_LABELS.get(contact.kind, contact.kind),
             "availableLanguage": "zh-CN"}
    if contact.kind in PHONE_KINDS and contact.value:
        point["telephone"] = contact.value
    elif contact.kind == "fax" and contact.value:
        point["faxNumber"] = contact.value
    elif contact.kind == "email" and contact.value:
        point["email"] = contact.value
    elif contact.kind == "website" and contact.value:
        point["url"] = contact.value
    notes = [text for text in (contact.location, contact.note) if text]
    if notes:
        point["description"] = "；".join(notes)
    hours = schedule_hours(contact.schedule) if contact.schedule else opening_hours(contact.hours)
    if hours:
        point["hoursAvailable"] = hours
    return point


def schedule_hours(schedule) -> list[dict]:
    """A structured schedule: weekly days map to dayOfWeek; a monthly date has no
    schema.org field, so it is said in words."""
    spec = {"@type": "OpeningHoursSpecification", "opens": f"{schedule.opens:%H:%M}",
            "closes": f"{schedule.closes:%H:%M}"}
    if schedule.freq == "weekly":
        spec["dayOfWeek"] = [f"https://schema.org/{DAYS[d]}" for d in schedule.byday]
    else:
        days = "、".join(f"{d}日" for d in sorted(schedule.bymonthday or []))
        spec["description"] = f"每月{days}"
    return [spec]


def opening_hours(text: str | None) -> list[dict]:
    """Free-text hours that start with 工作日 become Monday–Friday ranges; other
    wording (seasonal windows, holidays) is kept as a description only."""
    if not text:
        return []
    ranges = TIME_RANGE.findall(text)
    if not text.strip().startswith("工作日") or not ranges:
        return [{"@type": "OpeningHoursSpecification", "description": text}]
    return [{"@type": "OpeningHoursSpecification",
             "dayOfWeek": [f"https://schema.org/{DAYS[d]}" for d in WORKDAYS],
             "opens": f"{int(h1):02d}:{m1}", "closes": f"{int(h2):02d}:{m2}",
             "description": text}
            for h1, m1, h2, m2 in ranges]


def page_url(site: "SiteData", path: str) -> str:
    return site.config.base_url.rstrip("/") + "/" + path


def org_id(site: "SiteData", org_id_: str) -> str:
    return page_url(site, f"guide/#org-{org_id_}")


def org_ref(site: "SiteData", org_id_: str) -> dict:
    org = site.organizations.get(org_id_)
    ref = {"@type": "GovernmentOrganization", "@id": org_id(site, org_id_)}
    if org is not None:
        ref["name"] = org.name
    return ref
