"""site_config/site.yaml: the office's identity, taxonomy and defaults."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator

from ..privacy.filetypes import ATTACHMENT_TYPES
from .base import Days, Strict, Text

# Whose date is "today" (lists withdrawn, notices opened) unless site.yaml names another zone.
DEFAULT_TIMEZONE = "Asia/Shanghai"


class Identity(Strict):
    """Footer facts government sites must show; each omitted when unset."""

    host: str | None = None            # 主办单位
    phone: str | None = None           # 联系电话
    site_code: str | None = None       # 网站标识码
    icp: str | None = None             # ICP备案号
    police_record: str | None = None   # 公安机关备案号


class SiteConfig(Strict):
    name: Text
    short_name: str | None = None
    description: str | None = None
    base_url: Text
    publisher: Text                     # organization id of the office running the site
    identity: Identity = Field(default_factory=Identity)
    topics: list[str] = Field(default_factory=list)
    hotlines: list[str] = Field(default_factory=list)   # contact ids shown on the home page
    attachment_types: list[str] = Field(default_factory=lambda: list(ATTACHMENT_TYPES))
    attachment_max_mb: float = Field(default=20, gt=0)
    withdraw_after_days: Days = 0
    timezone: str = DEFAULT_TIMEZONE

    @field_validator("base_url")
    @classmethod
    def _absolute(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("base_url 要写完整的网址，例如 https://www.example.gov.cn/")
        return value if value.endswith("/") else value + "/"

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"不认识的时区「{value}」，要写成 Asia/Shanghai 这样的时区名称") from None
        return value
