"""The one place that says which parts make a site.

The core (load, validate, render, build) defines lists of checks, page
providers, file providers and post-build steps; feature packages plug into
them here, so no core module imports a feature and no feature imports another.
Importing this module (build.py does) completes the lists.
"""

from .calendars.files import calendar_files
from .checks.leaks import leak_scan
from .checks.links import check_links
from .feeds import feed_files
from .opendata import catalog_print_page, opendata_files, opendata_page
from .print.step import print_sheets
from .publish.buildinfo import write_build_info
from .publish.sitemap import pin_sitemap
from .render.history import history_pages
from .render.pages import FILE_PROVIDERS, PAGE_PROVIDERS
from .report import report_pages
from .report.load import check_reports
from .search.step import index_site
from .search.synonyms import check_synonyms
from .site.csp import write_header_policy
from .stubs import version_stubs
from .validate import CHECKS

CHECKS.extend([check_reports, check_synonyms])

PAGE_PROVIDERS.extend([history_pages, opendata_page, catalog_print_page, report_pages])
FILE_PROVIDERS.extend([calendar_files, feed_files, opendata_files, version_stubs])

# Each step reads what the steps before it wrote, so the checks come last.
POST_BUILD = [
    print_sheets,        # print pages and PDFs for the notice board
    index_site,          # the chunked Chinese search index under search/
    pin_sitemap,         # sitemap.xml.gz dated by the data, not the build day
    write_build_info,    # which commit and date; read by gongkai publish
    write_header_policy,  # the pages' Content-Security-Policy for the nginx header
    leak_scan,           # no unmasked personal number in any file
    check_links,         # every internal link and anchor resolves, PDFs and feeds included
]

STEP_NAMES = {
    "print_sheets": "公开栏打印页和 PDF",
    "index_site": "全文检索索引",
    "pin_sitemap": "站点地图",
    "write_build_info": "构建信息",
    "write_header_policy": "内容安全策略",
    "leak_scan": "个人信息泄露扫描",
    "check_links": "死链接检查",
}
