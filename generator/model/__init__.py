"""Typed models of the data a clerk writes (DESIGN.md, "Data format")."""

from .directory import Contact, Organization, Schedule
from .items import ITEM_MODELS, KINDS, Item, Kind, ResolvedVersion
from .site_config import SiteConfig

__all__ = ["Contact", "Organization", "Schedule", "ITEM_MODELS", "KINDS", "Item", "Kind",
           "ResolvedVersion", "SiteConfig"]
