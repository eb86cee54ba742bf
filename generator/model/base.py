"""Shared pieces of the models: strictness and the small value types."""

from __future__ import annotations

import re
import types
import typing
from datetime import time
from functools import cache
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Strict(BaseModel):
    """Unknown keys are errors: a misspelt field must not vanish silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _one_as_list(cls, data: Any) -> Any:
        """Clerks write `bymonthday: 18` for a list of one: accept a single value
        wherever a list is expected, for every model at once."""
        if not isinstance(data, dict):
            return data
        single = [key for key in _list_fields(cls)
                  if key in data and data[key] is not None and not isinstance(data[key], list)]
        return {**data, **{key: [data[key]] for key in single}} if single else data


@cache
def _list_fields(model: type[BaseModel]) -> frozenset[str]:
    return frozenset(name for name, info in model.model_fields.items() if _is_list(info.annotation))


def _is_list(annotation: Any) -> bool:
    if typing.get_origin(annotation) in (list, typing.List):
        return True
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return any(_is_list(arg) for arg in typing.get_args(annotation))
    return False


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
