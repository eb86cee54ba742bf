"""Open data: the site's structured data as CSV, JSON and a Frictionless data package,
the 开放数据 page that lists them, and the printable 信息公开目录."""

from .provider import catalog_print_page, opendata_files, opendata_page

__all__ = ["catalog_print_page", "opendata_files", "opendata_page"]
