"""What each open data table holds: columns, types and constraints.

One `Table` drives three outputs, so they cannot drift apart: the CSV (Chinese
headers), the JSON (English keys, nested content kept nested) and the
table's entry in datapackage.json (Frictionless field types and constraints).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import KINDS
from ..model.labels import CONTACT_KIND_LABELS
from ..versions import AMENDED, EXPIRED, IN_FORCE, NOT_YET, REPEALED

SLUG_PATTERN = "[a-z0-9]+(-[a-z0-9]+)*"
STATUSES = [IN_FORCE, REPEALED, EXPIRED, NOT_YET, AMENDED]
KIND_LABELS = [kind.label for kind in KINDS.values()]
CHANGE_TYPES = {"major": "主要修订", "minor": "次要修订"}
VERSION_STATES = ["现行", "历史", "即将生效"]
YES, NO = "是", "否"


@dataclass(frozen=True)
class Column:
    key: str                 # JSON key and the field's description
    header: str              # CSV header and the Frictionless field name
    type: str = "string"     # Frictionless type: string, integer, number, date, boolean
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    minimum: int | None = None

    def descriptor(self) -> dict:
        out: dict = {"name": self.header, "type": self.type, "description": self.key}
        if self.type == "date":
            out["format"] = "%Y-%m-%d"
        if self.type == "boolean":
            out["trueValues"], out["falseValues"] = [YES], [NO]
        constraints: dict = {}
        if self.required:
            constraints["required"] = True
        if self.unique:
            constraints["unique"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if self.pattern:
            constraints["pattern"] = self.pattern
        if self.minimum is not None:
            constraints["minimum"] = self.minimum
        if constraints:
            out["constraints"] = constraints
        return out


@dataclass(frozen=True)
class ForeignKey:
    columns: tuple[str, ...]     # headers in this table
    table: str                   # resource name ("" = this table)
    target: tuple[str, ...]      # headers in that table


@dataclass(frozen=True)
class Table:
    name: str                    # resource name and file stem: fee-standards → fee_standards.csv
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = field(default=())

    @property
    def stem(self) -> str:
        return self.name.replace("-", "_")

    def schema(self) -> dict:
        out: dict = {"fields": [c.descriptor() for c in self.columns],
                     "primaryKey": list(self.primary_key)}
        if self.foreign_keys:
            out["foreignKeys"] = [{"fields": list(fk.columns),
                                   "reference": {"resource": fk.table, "fields": list(fk.target)}}
                                  for fk in self.foreign_keys]
        return out


def _slug(header: str = "编号") -> Column:
    return Column("slug", header, required=True, unique=True, pattern=SLUG_PATTERN)


def _id() -> Column:
    # Contact and organization ids are free text in the data, unlike slugs.
    return Column("id", "编号", required=True, unique=True)


def _date(key: str, header: str, required: bool = False) -> Column:
    return Column(key, header, "date", required=required)


ITEM_COLUMNS = (
    _slug(),
    Column("title", "标题", required=True),
    Column("index_no", "索引号", unique=True),
    Column("publisher", "发布机构编号", required=True),
    Column("publisher_name", "发布机构", required=True),
    Column("topic", "主题分类"),
    _date("created", "生成日期", True),
    _date("published", "发布日期", True),
    _date("updated", "更新日期", True),
    Column("status", "有效性", required=True, enum=tuple(STATUSES)),
    Column("version", "现行版本号", "integer", required=True, minimum=1),
    _date("effective_from", "本版生效日期", True),
    _date("repealed_date", "废止日期"),
    Column("repealed_reason", "废止原因"),
    Column("repealed_basis", "废止依据"),
    _date("expires", "失效日期"),
    Column("summary", "内容概述"),
    Column("keywords", "关键词"),
    Column("related", "相关条目"),
    Column("attachments", "附件"),
    Column("url", "网址", required=True, unique=True),
)
_PUBLISHER_FK = ForeignKey(("发布机构编号",), "organizations", ("编号",))

KIND_COLUMNS: dict[str, tuple[Column, ...]] = {
    "policy": (Column("doc_no", "文号"), Column("genre", "公文种类"),
               Column("interprets", "解读的文件", pattern=SLUG_PATTERN), Column("body", "正文")),
    "fee": (Column("basis", "收费依据"), Column("payer", "缴费对象"), Column("collector", "征收机关"),
            Column("reductions", "减免条件"), Column("deferrals", "缓缴条件"),
            Column("payment", "缴纳方式"), Column("contacts", "联系渠道")),
    "subsidy": (Column("basis", "政策依据"), Column("eligibility", "享受条件"),
                Column("steps", "办理流程"), Column("payment", "发放方式"),
                Column("contacts", "联系渠道")),
    "service": (Column("basis", "设定依据"), Column("conditions", "申请条件"),
                Column("steps", "办理流程"), Column("location", "办理地点"),
                Column("hours", "办理时间"),
                Column("legal_limit_days", "法定时限（工作日）", "integer", minimum=0),
                Column("promised_limit", "承诺时限"), Column("fee", "收费"),
                Column("consult", "咨询渠道"), Column("complaint", "投诉渠道"),
                Column("faq", "常见问题")),
    "notice": (Column("notice_kind", "公告类别", enum=("名单公示", "结果公示", "公告", "通告")),
               Column("body", "正文"), _date("period_start", "公示开始日期"),
               _date("period_end", "公示结束日期"), Column("period", "公示期"),
               Column("period_state", "公示状态", enum=("未开始", "公示中", "已结束")),
               Column("objection_contacts", "异议反映渠道")),
}


def kind_table(kind: str) -> Table:
    label = KINDS[kind].label
    fks = [_PUBLISHER_FK]
    if kind == "policy":
        fks.append(ForeignKey(("解读的文件",), "", ("编号",)))
    return Table(kind, label, f"{label}的现行版本，每个已公开条目一行。",
                 ITEM_COLUMNS + KIND_COLUMNS[kind], ("编号",), tuple(fks))


def _part(name: str, title: str, owner: str, owner_header: str, columns: tuple[Column, ...]) -> Table:
    return Table(name, title, f"{title}，每行一项；按「{owner_header}」对应{KINDS[owner].label}表的编号。",
                 (Column("slug", owner_header, required=True, pattern=SLUG_PATTERN),
                  Column("no", "序号", "integer", required=True, minimum=1)) + columns,
                 (owner_header, "序号"), (ForeignKey((owner_header,), owner, ("编号",)),))


_MATERIAL_COLUMNS = (
    Column("name", "材料名称", required=True),
    Column("form", "形式", enum=("原件", "复印件", "原件和复印件", "电子版")),
    Column("copies", "份数", "integer", minimum=0),
    Column("required", "是否必需", "boolean", required=True),
    Column("note", "备注"),
)

PART_TABLES = {
    "fee-standards": _part("fee-standards", "收费标准明细", "fee", "收费编号", (
        Column("item", "项目", required=True), Column("amount", "金额（元）", "number", minimum=0),
        Column("amount_text", "金额说明"), Column("unit", "单位"), Column("note", "备注"))),
    "subsidy-amounts": _part("subsidy-amounts", "奖励扶助标准明细", "subsidy", "扶助编号", (
        Column("label", "名称", required=True),
        Column("amount", "金额（元）", "number", required=True, minimum=0),
        Column("unit", "单位"), Column("note", "备注"))),
    "subsidy-materials": _part("subsidy-materials", "奖励扶助申请材料", "subsidy", "扶助编号",
                               _MATERIAL_COLUMNS),
    "service-materials": _part("service-materials", "办事指南申请材料", "service", "指南编号",
                               _MATERIAL_COLUMNS),
}
# Which content list of which kind fills each part table.
PART_SOURCES = {"fee-standards": ("fee", "standards"), "subsidy-amounts": ("subsidy", "amounts"),
                "subsidy-materials": ("subsidy", "materials"),
                "service-materials": ("service", "materials")}

VERSIONS = Table(
    "versions", "全部版本", "每个已公开条目的每一个版本一行（含历史版本和即将生效的版本）。",
    (Column("slug", "编号", required=True, pattern=SLUG_PATTERN),
     Column("kind", "类别", required=True, enum=tuple(KIND_LABELS)),
     Column("number", "版本号", "integer", required=True, minimum=1),
     _date("effective_from", "生效日期", True),
     Column("change_type", "修订类型", required=True, enum=tuple(CHANGE_TYPES.values())),
     Column("state", "版本状态", required=True, enum=tuple(VERSION_STATES)),
     Column("change_note", "修订说明"),
     Column("changed", "本版修改的内容"),
     Column("url", "网址", required=True)),
    ("编号", "版本号"), (ForeignKey(("编号",), "catalog", ("编号",)),))

CATALOG = Table(
    "catalog", "信息公开目录", "本站全部已公开条目，顺序与信息公开目录页面相同。",
    (Column("index_no", "索引号", unique=True), Column("title", "名称", required=True),
     Column("kind", "类别", required=True, enum=tuple(KIND_LABELS)),
     Column("publisher_name", "发布机构", required=True), Column("doc_no", "文号"),
     _date("created", "生成日期", True), _date("published", "发布日期", True),
     _date("updated", "更新日期", True),
     Column("status", "有效性", required=True, enum=tuple(STATUSES)),
     _slug(), Column("url", "网址", required=True, unique=True)),
    ("编号",))

CONTACTS = Table(
    "contacts", "联系渠道", "咨询、投诉、举报电话，接待日，意见箱等公开的联系和监督渠道。",
    (_id(), Column("name", "名称", required=True),
     Column("kind", "类型", required=True, enum=tuple(CONTACT_KIND_LABELS.values())),
     Column("value", "号码或地址"), Column("org", "所属机构编号"),
     Column("hours", "时间"), Column("schedule", "固定安排"), Column("location", "地点"),
     Column("note", "备注")),
    ("编号",), (ForeignKey(("所属机构编号",), "organizations", ("编号",)),))

ORGANIZATIONS = Table(
    "organizations", "机构", "发布信息的机构。",
    (_id(), Column("name", "名称", required=True),
     Column("code", "统一社会信用代码", unique=True), Column("address", "地址"),
     Column("hours", "办公时间"), Column("contacts", "联系渠道"),
     Column("parent", "上级机构编号")),
    ("编号",), (ForeignKey(("上级机构编号",), "", ("编号",)),))
