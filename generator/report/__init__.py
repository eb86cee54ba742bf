"""The 政府信息公开工作年度报告: data/report/YEAR.yaml checked against its own
tables and the catalogue, rendered as a page and by `gongkai report YEAR`."""

from .build import render_report, report_title
from .load import check_reports, load_reports
from .provider import report_pages

__all__ = ["check_reports", "load_reports", "render_report", "report_pages", "report_title"]
