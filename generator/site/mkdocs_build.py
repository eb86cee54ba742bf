"""Run MkDocs on the rendered tree into a given folder, failing on its warnings.

MkDocs reports broken links and anchors as warnings; a public site must not
have them, so any warning fails the build (with MkDocs' own message).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from ..problems import Problem
from ..output import recording
from .mkdocs_adapter import INSTALL_HINT, into_older_site, untested_versions
from .mkdocs_messages import in_chinese, source_file
from .stamp import BuildStamp


class WarningLog(logging.Handler):
    """MkDocs' warnings logged by the thread that made this log, kept as messages:
    `gongkai serve` builds in a thread while MkDocs' server, in another, logs each
    request it answers with 404 as a warning, which is no problem of the site."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        self.thread = threading.get_ident()

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.messages.append(record.getMessage())


def run_mkdocs(root: Path, site_dir: Path, stamp: BuildStamp, cache_dir: Path | None = None,
               fingerprint: str = "") -> list[Problem]:
    """Build into site_dir, which may hold an older site (generator/output.py: what
    MkDocs made is recorded beside it); `cache_dir` holds the page cache
    (site/pagecache.py), valid under the build's `fingerprint` (generator/cache/fingerprint.py)."""
    untested = untested_versions()
    if untested:
        return [Problem("Python 环境", None, "", untested, INSTALL_HINT)]
    collect = WarningLog()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site_dir))
        config.plugins["gongkai"].stamp = stamp
        config.plugins["gongkai"].cache_dir = cache_dir
        config.plugins["gongkai"].fingerprint = fingerprint
        with recording(site_dir), into_older_site(site_dir):
            build(config)
    except MkDocsException as err:
        details = "；".join(collect.messages) or str(err)
        return [Problem("mkdocs.yml", None, "", f"MkDocs 构建失败：{details}",
                        "请按提示修改 mkdocs.yml（例如 custom_dir 指向的文件夹要存在）")]
    finally:
        logger.removeHandler(collect)
    # An item's text appears on its page and on its version pages: one problem each.
    return list(dict.fromkeys(Problem(source_file(message, root), None, "", in_chinese(message),
                                      "请改正这个链接（写其他条目的网址，或去掉链接）")
                              for message in collect.messages))
