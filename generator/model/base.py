"""Shared pieces of the models: strictness and the small value types."""

from __future__ import annotations

import re
from datetime import time
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Strict(BaseModel):
    """Unknown keys are errors: a misspelt field must not vanish silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _time_text(value: str) -> time:
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", value.strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError(f"时间「{value}」写得不对，请写成 HH:MM，例如 \"09:00\"")
    return time(int(match[1]), int(match[2]))


# Typed as text first: YAML 1.1 reads 9:30 as the number 570, and the schema
# must report that trap instead of turning 570 into a time of day.
ClockTime = Annotated[str, AfterValidator(_time_text)]
Amount = Annotated[float, Field(ge=0)]
Text = Annotated[str, Field(min_length=1)]
