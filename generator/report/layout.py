"""The official tables of the annual report (国办公开办函〔2021〕30号), as data.

The YAML keys a clerk types are the table's own words, shortened only where
the printed label is a sentence; `label` is what the report prints. The
models and the printed tables are both made from these tuples, so a row
cannot be in one and missing from the other.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    parts: tuple["Row", ...] = ()


def _parts(*pairs: tuple[str, str]) -> tuple[Row, ...]:
    return tuple(Row(key, f"{n}.{label}") for n, (key, label) in enumerate(pairs, 1))


# 三、收到和处理政府信息公开申请情况 — the rows of 三、本年度办理结果 (（七）总计 is computed).
RESULTS: tuple[Row, ...] = (
    Row("予以公开", "（一）予以公开"),
    Row("部分公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    Row("不予公开", "（三）不予公开", _parts(
        ("属于国家秘密", "属于国家秘密"),
        ("其他法律行政法规禁止公开", "其他法律行政法规禁止公开"),
        ("危及三安全一稳定", "危及“三安全一稳定”"),
        ("保护第三方合法权益", "保护第三方合法权益"),
        ("属于三类内部事务信息", "属于三类内部事务信息"),
        ("属于四类过程性信息", "属于四类过程性信息"),
        ("属于行政执法案卷", "属于行政执法案卷"),
        ("属于行政查询事项", "属于行政查询事项"))),
    Row("无法提供", "（四）无法提供", _parts(
        ("本机关不掌握相关政府信息", "本机关不掌握相关政府信息"),
        ("没有现成信息需要另行制作", "没有现成信息需要另行制作"),
        ("补正后申请内容仍不明确", "补正后申请内容仍不明确"))),
    Row("不予处理", "（五）不予处理", _parts(
        ("信访举报投诉类申请", "信访举报投诉类申请"),
        ("重复申请", "重复申请"),
        ("要求提供公开出版物", "要求提供公开出版物"),
        ("无正当理由大量反复申请", "无正当理由大量反复申请"),
        ("要求行政机关确认或重新出具已获取信息", "要求行政机关确认或重新出具已获取信息"))),
    Row("其他处理", "（六）其他处理", _parts(
        ("逾期不补正", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        ("逾期未缴费", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        ("其他", "其他"))),
)
NEW, CARRIED_IN, RESULT_TOTAL, CARRIED_OUT = "本年新收", "上年结转", "总计", "结转下年度"
NEW_LABEL = "一、本年新收政府信息公开申请数量"
CARRIED_IN_LABEL = "二、上年结转政府信息公开申请数量"
RESULTS_LABEL = "三、本年度办理结果"
RESULT_TOTAL_LABEL = "（七）总计"
CARRIED_OUT_LABEL = "四、结转下年度继续办理"

# The applicant columns: 自然人, the five kinds of 法人或其他组织, then 总计.
PERSON = "自然人"
ORGS = "法人或其他组织"
ORG_KINDS = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
TOTAL = "总计"

# 四、政府信息公开行政复议、行政诉讼情况
REVIEW = "行政复议"
LITIGATION = "行政诉讼"
LITIGATION_KINDS = ("未经复议直接起诉", "复议后起诉")
OUTCOMES = ("结果维持", "结果纠正", "其他结果", "尚未审结")

# 二、主动公开政府信息情况 — the rows typed in the YAML (规章 and 行政规范性文件
# are counted from the catalogue; the YAML may repeat them only to be checked).
DOC_GENRES = {"规章": ("规章",), "行政规范性文件": ("行政规范性文件", "规范性文件")}
DOC_COLUMNS = ("本年制发件数", "本年废止件数", "现行有效件数")
DECISIONS = (("第二十条第（五）项", ("行政许可",)), ("第二十条第（六）项", ("行政处罚", "行政强制")))
DECISION_COLUMN = "本年处理决定数量"
FEE_ROW, FEE_COLUMN = "行政事业性收费", "本年收费金额"
