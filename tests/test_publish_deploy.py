"""The CI, deploy and nginx files that `gongkai init` ships, exercised for real.

deploy.sh runs with real rsync; only ssh is replaced by a stand-in that runs
the remote commands on this machine. The nginx security headers are served by
a loopback HTTP server to headless Chromium, which reports any CSP violation.
"""

from __future__ import annotations

import functools
import os
import re
import shlex
import stat
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from generator.build import build
from generator.cli import main, make_parser
from generator.commands import publish as publish_command
from generator.publish.release import list_releases

from browser_support import own_context
from fake_ssh import FAKE_SSH
from gitsite import AS_OF, commit, git


@pytest.fixture(scope="module")
def scaffold(tmp_path_factory):
    """A fresh `gongkai init` site in git, built as of AS_OF."""
    root = tmp_path_factory.mktemp("init") / "site"
    assert main(["init", str(root)]) == 0
    git(root, "init", "-q")
    commit(root, "新网站")
    build(root, AS_OF)
    return root


def test_init_ships_ci_deploy_and_hook_files_which_are_not_published(scaffold):
    for rel in (".github/workflows/gongkai.yml", ".gitlab-ci.yml", ".pre-commit-config.yaml",
                "deploy/nginx.conf", "deploy/README.md", "deploy/deploy.sh"):
        assert (scaffold / rel).is_file(), rel
    site = scaffold / "build/site"
    for rel in (".github", ".gitlab-ci.yml", "deploy", ".pre-commit-config.yaml"):
        assert not (site / rel).exists(), rel
    assert "gongkai rollback" in (scaffold / "deploy/README.md").read_text(encoding="utf-8")


def gongkai_commands(text: str) -> list[list[str]]:
    """Every `gongkai …` command line in a workflow, split as the shell would."""
    commands = []
    for line in text.splitlines():
        match = re.search(r"(?:^|[-|]\s|run:\s)\s*(gongkai\s[^>#]*)", line)
        if match:
            commands.append(shlex.split(match.group(1).replace('"$AS_OF"', "2026-11-28")
                                        .replace('"$as_of"', "2026-11-28")
                                        .replace('"$(date -u -d \'+8 hours\' +%F)"', "2026-11-28")))
    return commands


def test_workflows_run_valid_gongkai_commands_on_the_right_events(scaffold):
    github_text = (scaffold / ".github/workflows/gongkai.yml").read_text(encoding="utf-8")
    gitlab_text = (scaffold / ".gitlab-ci.yml").read_text(encoding="utf-8")
    github = yaml.safe_load(github_text)
    triggers = github[True]                       # YAML 1.1 reads the key `on` as true
    assert {"pull_request", "push", "schedule"} <= triggers.keys()
    assert triggers["schedule"][0]["cron"] == "5 16 * * *"       # 00:05 in Beijing
    assert github["jobs"]["review"]["permissions"]["pull-requests"] == "write"
    assert "GITHUB_STEP_SUMMARY" in github_text and "gh pr comment" in github_text
    assert "sh deploy/deploy.sh" in github_text and "sh deploy/deploy.sh" in gitlab_text
    assert "CI_MERGE_REQUEST_DIFF_BASE_SHA" in gitlab_text and "/notes" in gitlab_text
    for text in (github_text, gitlab_text):
        commands = gongkai_commands(text)
        names = [c[1] for c in commands]
        assert {"validate", "changes", "build"} <= set(names), names
        for command in commands:
            make_parser().parse_args(command[1:])    # exits (fails the test) on a bad option
    beijing = subprocess.run(["date", "-u", "-d", "+8 hours", "+%F"], capture_output=True,
                             text=True, check=True).stdout.strip()
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", beijing)


@pytest.fixture
def deploy_env(scaffold, tmp_path):
    bin_dir, log = tmp_path / "bin", tmp_path / "log"
    bin_dir.mkdir()
    log.mkdir()
    ssh = bin_dir / "ssh"
    ssh.write_text(FAKE_SSH)
    ssh.chmod(ssh.stat().st_mode | stat.S_IEXEC)
    dest = tmp_path / "srv" / "gongkai"
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "LOG": str(log),
           "DEPLOY_HOST": "127.0.0.1", "DEPLOY_USER": "deploy", "DEPLOY_PATH": str(dest),
           "DEPLOY_SSH_KEY": "-----BEGIN OPENSSH PRIVATE KEY-----\ntest\n-----END OPENSSH PRIVATE KEY-----",
           "DEPLOY_KNOWN_HOSTS": "127.0.0.1 ssh-ed25519 AAAAtest"}
    return dest, env, log


def deploy(scaffold, env, **extra):
    return subprocess.run(["sh", "deploy/deploy.sh"], cwd=scaffold, env={**env, **extra},
                          capture_output=True, text=True, timeout=60)


def test_deploy_script_uploads_switches_and_prunes_like_gongkai_publish(scaffold, deploy_env,
                                                                        monkeypatch):
    dest, env, log = deploy_env
    monkeypatch.setattr(publish_command, "today", lambda zone=None: AS_OF)
    for _ in range(2):
        result = deploy(scaffold, env)
        assert result.returncode == 0, result.stderr
    names = [r.name for r in list_releases(dest)]
    assert [n.split("-")[0] for n in names] == ["0001", "0002"]
    assert os.readlink(dest / "current") == f"releases/{names[1]}"
    first, second = (dest / "releases" / n / "index.html" for n in names)
    assert first.read_bytes() == (scaffold / "build/site/index.html").read_bytes()
    assert first.stat().st_ino == second.stat().st_ino     # unchanged files are hard links
    assert (log / "hosts").read_text().split() == ["deploy@127.0.0.1"] * 3 * 2  # 2 ssh + 1 rsync each
    assert "StrictHostKeyChecking=yes" in (log / "options").read_text()
    assert (log / "key").read_text().startswith("-----BEGIN OPENSSH PRIVATE KEY-----\ntest")
    # The same layout for gongkai's own commands: rollback, and publish continues the sequence.
    assert main(["rollback", str(dest)]) == 0
    assert os.readlink(dest / "current") == f"releases/{names[0]}"
    assert main(["-C", str(scaffold), "publish", str(dest)]) == 0
    assert list_releases(dest)[-1].name.startswith("0003-")
    result = deploy(scaffold, env, DEPLOY_KEEP="2")
    assert result.returncode == 0 and "已发布版本 0004-" in result.stdout
    assert [r.name[:4] for r in list_releases(dest)] == ["0003", "0004"]
    assert not list((dest / "releases").glob(".incoming-*"))


def test_deploy_script_refuses_without_a_build_or_secrets(scaffold, deploy_env, tmp_path):
    dest, env, _ = deploy_env
    result = deploy(scaffold, {k: v for k, v in env.items() if k != "DEPLOY_KNOWN_HOSTS"})
    assert result.returncode != 0 and "DEPLOY_KNOWN_HOSTS" in result.stderr
    empty = tmp_path / "empty"
    (empty / "deploy").mkdir(parents=True)
    (empty / "deploy/deploy.sh").write_bytes((scaffold / "deploy/deploy.sh").read_bytes())
    result = deploy(empty, env)
    assert result.returncode != 0 and "请先运行 gongkai build" in result.stderr
    assert not dest.exists()


def nginx_headers(conf: str) -> dict[str, str]:
    return dict(re.findall(r'^\s*add_header\s+([\w-]+)\s+"([^"]*)"\s+always;', conf, re.M))


def cache_rules(conf: str) -> list[tuple[str, str]]:
    block = re.search(r"map \$uri \$gongkai_cache_control \{(.*?)\n\}", conf, re.S).group(1)
    return re.findall(r'^\s*(~\S+|default)\s+"([^"]+)";', block, re.M)


def cache_control(rules, uri: str) -> str:
    for pattern, value in rules:
        if pattern == "default" or re.search(pattern[1:], uri):
            return value
    raise AssertionError(uri)


def test_nginx_caches_only_fingerprinted_assets_for_long(scaffold):
    rules = cache_rules((scaffold / "deploy/nginx.conf").read_text(encoding="utf-8"))
    site = scaffold / "build/site"
    assets = ["/" + p.relative_to(site).as_posix() for p in (site / "assets").rglob("*") if p.is_file()]
    # Material names its own bundles by content (main.57a0d79d.min.css); nothing else is.
    fingerprinted = [uri for uri in assets if re.search(r"\.[0-9a-f]{8}\.min\.(css|js)$", uri)]
    assert {"main", "palette", "bundle"} <= {uri.rsplit("/", 1)[1].split(".")[0] for uri in fingerprinted}
    for uri in assets:
        assert ("immutable" in cache_control(rules, uri)) == (uri in fingerprinted
                                                              or uri.endswith(".min.js.map")
                                                              and uri[:-4] in fingerprinted
                                                              or uri.endswith(".min.css.map")
                                                              and uri[:-4] in fingerprinted), uri
    for uri in ("/", "/fees/", "/fees/fuyin-fei/", "/404.html"):
        assert cache_control(rules, uri) == "no-cache", uri
    assert "immutable" not in cache_control(rules, "/assets/gongkai/gongkai.css")
    assert "immutable" not in cache_control(rules, "/sitemap.xml")


class HeaderHandler(SimpleHTTPRequestHandler):
    headers_to_send: dict[str, str] = {}

    def end_headers(self):
        for name, value in self.headers_to_send.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):
        pass


def csp_messages(browser, site: Path, headers: dict[str, str], toggle: bool = True) -> list[str]:
    handler = type("Handler", (HeaderHandler,), {"headers_to_send": headers})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    messages = []
    try:
        with own_context(browser) as context:
            page = context.new_page()
            page.on("console", lambda message: messages.append(message.text))
            for path in ("/", "/notices/", "/fees/fuyin-fei/", "/contacts/", "/catalog/")[
                    : 5 if toggle else 1]:
                page.goto(f"http://127.0.0.1:{server.server_address[1]}{path}", wait_until="load")
            if toggle:
                page.locator("label.md-header__button[for^='__palette']:visible").click()
                page.wait_for_timeout(200)
                messages.append("palette:" + str(page.evaluate("document.body.dataset.mdColorScheme")))
    finally:
        server.shutdown()
        server.server_close()
    return messages


def site_headers(conf: str, site: Path) -> dict[str, str]:
    """The headers nginx sends for the published site: the configuration's own, and the
    Content-Security-Policy from the file the build wrote that it includes."""
    headers = nginx_headers(conf)
    for included in re.findall(r"^\s*include\s+/srv/gongkai/current/(\S+);", conf, re.M):
        headers.update(nginx_headers((site / included).read_text(encoding="utf-8")))
    return headers


def test_nginx_security_headers_let_the_site_work_and_nothing_more(scaffold, browser):
    site = scaffold / "build/site"
    headers = site_headers((scaffold / "deploy/nginx.conf").read_text(encoding="utf-8"), site)
    assert {"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy",
            "Permissions-Policy"} <= headers.keys()
    csp = headers["Content-Security-Policy"]
    assert csp.startswith("default-src 'none'") and "http" not in csp
    assert "'unsafe-inline'" not in csp and "frame-ancestors 'none'" in csp
    messages = csp_messages(browser, site, headers)
    assert not [m for m in messages if "Content Security Policy" in m], messages
    assert "palette:slate" in messages            # Material's scripts ran: the toggle worked
    # Control: without the hashes Material's inline scripts are blocked.
    strict = {**headers, "Content-Security-Policy": re.sub(r" 'sha256-[^']+'", "", csp)}
    assert [m for m in csp_messages(browser, site, strict, toggle=False) if "Content Security Policy" in m]
