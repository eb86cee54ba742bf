"""Chinese labels for field names: pages show these, errors quote them."""

FIELD_LABELS: dict[str, str] = {
    # common
    "title": "标题", "publisher": "发布机构", "created": "生成日期", "published": "发布日期",
    "index_no": "索引号", "topic": "主题分类", "summary": "内容概述", "keywords": "关键词",
    "attachments": "附件", "related": "相关文件", "repealed": "废止信息", "expires": "失效日期",
    "versions": "版本", "effective_from": "生效日期", "change_note": "修订说明",
    "change_type": "修订类型", "date": "日期", "reason": "原因", "file": "文件",
    # policy
    "doc_no": "文号", "genre": "公文种类", "body": "正文", "interprets": "解读的文件",
    # fee / subsidy / service
    "basis": "依据", "payer": "缴费对象", "collector": "征收机关", "standards": "收费标准",
    "item": "项目", "amount": "金额", "amount_text": "金额说明", "unit": "单位", "note": "备注",
    "reductions": "减免条件", "deferrals": "缓缴条件", "payment": "缴纳/发放方式",
    "contacts": "联系渠道", "eligibility": "享受条件", "amounts": "扶助标准", "label": "名称",
    "materials": "申请材料", "steps": "办理流程", "conditions": "申请条件", "location": "办理地点",
    "hours": "办理时间", "legal_limit_days": "法定时限", "promised_limit": "承诺时限",
    "fee": "收费", "consult": "咨询渠道", "complaint": "投诉渠道", "faq": "常见问题",
    "name": "名称", "form": "形式", "copies": "份数", "required": "是否必需", "q": "问题", "a": "回答",
    # notice
    "kind": "类别", "period": "公示期", "start": "开始日期", "days": "天数",
    "working_days": "工作日数", "end": "结束日期", "objection_contacts": "异议反映渠道",
    "list": "公示名单", "columns": "名单列", "mask": "遮蔽方式", "publish": "是否公开",
    "withdraw_after_days": "期满后保留天数",
    # directory
    "id": "编号", "value": "号码/地址", "org": "所属机构", "schedule": "固定安排",
    "code": "统一社会信用代码", "address": "地址", "parent": "上级机构", "freq": "频率",
    "byday": "星期", "bymonthday": "日期（几号）", "opens": "开始时间", "closes": "结束时间",
    "on_holiday": "遇节假日",
    # site
    "base_url": "网站地址", "identity": "网站标识", "topics": "主题分类表", "hotlines": "首页热线",
    "timezone": "时区",
}

CONTACT_KIND_LABELS = {
    "phone": "电话", "hotline": "热线", "complaint": "投诉电话", "report": "举报电话",
    "fax": "传真", "email": "电子邮箱", "mailbox": "意见箱/举报箱", "reception": "接待日",
    "address": "地址", "website": "网站",
}


def label(field: str | int) -> str:
    return FIELD_LABELS.get(str(field), str(field))
