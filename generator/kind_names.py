"""Each kind of item by name, with its folder and label: what the command line takes
and shows, apart from the schemas (model/items.py), which take half a second to import."""

KIND_NAMES: dict[str, tuple[str, str]] = {
    "policy": ("policies", "政策文件"),
    "fee": ("fees", "收费标准"),
    "subsidy": ("subsidies", "奖励扶助"),
    "service": ("services", "办事指南"),
    "notice": ("notices", "公示公告"),
}
