"""The five kinds of published item, their versions, and the resolved form.

An item file holds common facts (title, publisher, dates) and `versions`, each
of which carries only the content fields that changed; `resolve_versions`
folds them into full snapshots so later stages never see a delta.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any, List, Literal

from pydantic import Field, model_validator

from ..kind_names import KIND_NAMES
from .base import Amount, Day, Days, Strict, Text

ChangeType = Literal["major", "minor"]


class Repealed(Strict):
    date: Day
    reason: Text
    basis: str | None = None


class Attachment(Strict):
    file: Text
    title: str | None = None


class VersionBase(Strict):
    effective_from: Day
    change_note: str | None = None
    change_type: ChangeType = "major"


# --- content pieces -------------------------------------------------------

class FeeStandard(Strict):
    item: Text
    amount: Amount | None = None
    amount_text: str | None = None
    unit: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _one_amount(self) -> "FeeStandard":
        if self.amount is None and not self.amount_text:
            raise ValueError("每个收费项目要写 amount（金额数字）或 amount_text（文字说明）")
        return self


class AmountLine(Strict):
    label: Text
    amount: Amount
    unit: str | None = None
    note: str | None = None


class Material(Strict):
    name: Text
    form: Literal["原件", "复印件", "原件和复印件", "电子版"] | None = None
    copies: int | None = Field(default=None, ge=0)
    note: str | None = None
    required: bool = True


class Faq(Strict):
    q: Text
    a: Text


class Period(Strict):
    start: Day
    days: Days | None = None
    working_days: Days | None = None
    end: Day | None = None


class ListColumn(Strict):
    name: Text
    mask: Literal["id_card", "phone", "name", "address"] | None = None
    publish: bool = True
    required: bool = True


class NameListSpec(Strict):
    file: Text
    columns: list[ListColumn] = Field(min_length=1)


# --- versions per kind ----------------------------------------------------

class PolicyVersion(VersionBase):
    doc_no: str | None = None
    genre: str | None = None
    body: str | None = None
    interprets: str | None = None


class FeeVersion(VersionBase):
    basis: list[str] | None = None
    payer: str | None = None
    collector: str | None = None
    standards: list[FeeStandard] | None = None
    reductions: list[str] | None = None
    deferrals: list[str] | None = None
    payment: str | None = None
    contacts: list[str] | None = None


class SubsidyVersion(VersionBase):
    basis: list[str] | None = None
    eligibility: list[str] | None = None
    amounts: list[AmountLine] | None = None
    materials: list[Material] | None = None
    steps: list[str] | None = None
    payment: str | None = None
    contacts: list[str] | None = None


class ServiceVersion(VersionBase):
    basis: list[str] | None = None
    conditions: list[str] | None = None
    materials: list[Material] | None = None
    steps: list[str] | None = None
    location: str | None = None
    hours: str | None = None
    legal_limit_days: Days | None = None
    promised_limit: Days | Literal["即办"] | None = None
    fee: str | None = None
    consult: list[str] | None = None
    complaint: list[str] | None = None
    faq: list[Faq] | None = None


class NoticeVersion(VersionBase):
    kind: Literal["名单公示", "结果公示", "公告", "通告"] | None = None
    body: str | None = None
    period: Period | None = None
    # `List` because the field named `list` shadows the builtin in this class body.
    objection_contacts: List[str] | None = None
    list: NameListSpec | None = None
    withdraw_after_days: Days | None = None


# --- items ----------------------------------------------------------------

class ItemBase(Strict):
    title: Text
    publisher: Text
    created: Day
    published: Day
    index_no: str | None = None
    topic: str | None = None
    summary: str | None = Field(default=None, max_length=300)
    keywords: list[str] = Field(default_factory=list)
    attachments: list[Attachment] = Field(default_factory=list)
    related: list[str] = Field(default_factory=list)
    repealed: Repealed | None = None
    expires: Day | None = None


class PolicyItem(ItemBase):
    versions: list[PolicyVersion] = Field(min_length=1)


class FeeItem(ItemBase):
    versions: list[FeeVersion] = Field(min_length=1)


class SubsidyItem(ItemBase):
    versions: list[SubsidyVersion] = Field(min_length=1)


class ServiceItem(ItemBase):
    versions: list[ServiceVersion] = Field(min_length=1)


class NoticeItem(ItemBase):
    versions: list[NoticeVersion] = Field(min_length=1)


@dataclass(frozen=True)
class Kind:
    name: str        # policy
    folder: str      # policies
    label: str       # 政策文件
    model: type[ItemBase]
    required: tuple[str, ...]   # content fields the first version must give

    @property
    def content_fields(self) -> tuple[str, ...]:
        """The kind's content fields, in the order its version schema declares them."""
        return _content_fields(self.model)


@cache
def _content_fields(model: type[ItemBase]) -> tuple[str, ...]:
    # Read once a kind: pydantic's model_fields costs a fraction of a millisecond a read,
    # and pages ask for them item by item (0.2 s of each serve preview at 1,000 items).
    version_model = model.model_fields["versions"].annotation.__args__[0]
    return tuple(name for name in version_model.model_fields if name not in VERSION_META)


_SCHEMAS = {"policy": (PolicyItem, ("body",)),
            "fee": (FeeItem, ("basis", "standards")),
            "subsidy": (SubsidyItem, ("eligibility", "amounts")),
            "service": (ServiceItem, ("conditions", "materials", "steps")),
            "notice": (NoticeItem, ("kind", "body"))}
KINDS: dict[str, Kind] = {name: Kind(name, folder, label, *_SCHEMAS[name])
                          for name, (folder, label) in KIND_NAMES.items()}
ITEM_MODELS = {k.name: k.model for k in KINDS.values()}
VERSION_META = frozenset(VersionBase.model_fields)


@dataclass(frozen=True)
class ResolvedVersion:
    """A full snapshot of an item's content as one version left it."""

    number: int                  # 1-based, stable: the URL /<folder>/<slug>/v/<number>/
    effective_from: date
    change_note: str | None
    change_type: ChangeType
    content: dict[str, Any]      # every content field known at this version
    changed: frozenset[str]      # the fields this version set


@dataclass
class Item:
    kind: Kind
    slug: str
    file: str                    # as shown to the clerk: data/fees/x.yaml
    meta: ItemBase
    versions: list[ResolvedVersion] = field(default_factory=list)
    doc: Any = None              # the YamlDoc it came from, for line numbers

    def line(self, *path: str | int) -> int | None:
        return self.doc.line(path) if self.doc is not None else None

    @property
    def url(self) -> str:
        return f"{self.kind.folder}/{self.slug}/"


def resolve_versions(meta: ItemBase) -> list[ResolvedVersion]:
    content: dict[str, Any] = {}
    resolved = []
    for number, version in enumerate(meta.versions, 1):
        changed = frozenset(version.model_fields_set - VERSION_META)
        merged = {**content, **{name: getattr(version, name) for name in changed}}
        # Schema order, not set order: the same data gives the same content every run.
        content = {name: merged[name] for name in type(version).model_fields if name in merged}
        resolved.append(ResolvedVersion(number, version.effective_from, version.change_note,
                                        version.change_type, content, changed))
    return resolved
