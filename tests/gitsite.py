"""A temporary git repository holding a copy of the minimal site, with a short history.

Base commit: the minimal fixture plus a fee amount and a notice period.
Then three commits: add an item; change a fee amount; shorten the notice's period
so that it ends. Commits use -c user.name/email, so no global git identity is needed.
"""

from __future__ import annotations

import os
import subprocess
from datetime import date
from pathlib import Path

AS_OF = date(2026, 11, 28)

FEE_STANDARD = """
      - item: 城镇居民
        amount: 1200
        unit: 元
"""

NOTICE_PERIOD = """    period: {start: 2026-11-20, days: 30}
"""

NEW_POLICY = """title: 信息公开工作制度
publisher: town
created: 2026-11-02
published: 2026-11-03
topic: 计划生育
versions:
  - effective_from: 2026-11-03
    doc_no: 测政发〔2026〕9号
    genre: 行政规范性文件
    body: 第一条 本镇主动公开政府信息。
"""

GIT_ENV = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_AUTHOR_DATE":
           "2026-11-28T10:00:00+08:00", "GIT_COMMITTER_DATE": "2026-11-28T10:00:00+08:00"}


def git(root: Path, *args: str, check: bool = True, env: dict | None = None):
    return subprocess.run(["git", "-c", "user.name=测试", "-c", "user.email=test@example.invalid",
                           "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
                          cwd=root, capture_output=True, text=True, check=check,
                          env={**os.environ, **GIT_ENV, **(env or {})})


def commit(root: Path, message: str) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
    return git(root, "rev-parse", "HEAD").stdout.strip()


def make_repo(site) -> dict[str, str]:
    """Turn a SiteFolder into a repository; the commit hash of each step by name."""
    site.replace("data/fees/fuyangfei.yaml", "    standards:\n", "    standards:" + FEE_STANDARD)
    site.append("data/notices/gonggao.yaml", NOTICE_PERIOD)
    site.write(".gitignore", "/build/\n")
    git(site.root, "init", "-q")
    commits = {"base": commit(site.root, "示例网站")}
    site.write("data/policies/gongkai-zhidu.yaml", NEW_POLICY)
    commits["add"] = commit(site.root, "新增信息公开工作制度")
    site.replace("data/fees/fuyangfei.yaml", "amount: 1200", "amount: 1500")
    commits["fee"] = commit(site.root, "调整城镇居民收费标准")
    site.replace("data/notices/gonggao.yaml", "days: 30", "days: 10")
    commits["notice"] = commit(site.root, "公告公示期改为 10 天")
    return commits
