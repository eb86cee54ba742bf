"""The released package, tested as an office gets it.

`make dist`'s command builds the sdist and, from it, the wheel; the wheel goes
into a new virtual environment (no editable install, no repository on the path,
working folder outside the repository), and that environment's own `gongkai`
makes, builds, prints, reviews, publishes and rolls back a new site. Then the
CI templates `gongkai init` wrote are run step by step as GitHub Actions and
GitLab CI would run them, against that environment: the package installs are
stand-ins that check the Debian packages named exist here, and the SSH server
is a local folder reached through a stand-in ssh (real rsync).
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from fake_ssh import FAKE_SSH
from gitsite import GIT_ENV, commit, git

WHEEL = "gongkai-0.1.0-py3-none-any.whl"
KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\ntest\n-----END OPENSSH PRIVATE KEY-----"

# Stand-ins for the CI machines' package managers and GitHub's CLI. apt-get
# installs nothing, but every package it is asked for must be one this machine
# has installed: a misspelt or missing package name fails here.
FAKE_APT = """#!/bin/sh
echo "apt-get $*" >> "$LOG/apt"
[ "$1" = install ] || exit 0
for arg in "$@"; do
    case "$arg" in install|-*) ;; *)
        dpkg-query -W -f='${Status}' "$arg" 2>/dev/null | grep -q "install ok installed" ||
            { echo "not installed here: $arg" >&2; exit 1; } ;;
    esac
done
"""
FAKE_SUDO = """#!/bin/sh
exec "$@"
"""
FAKE_GH = """#!/bin/sh
echo "gh $*" >> "$LOG/gh"
while [ $# -gt 0 ]; do [ "$1" = --body-file ] && cp "$2" "$LOG/comment.md"; shift; done
"""
FAKE_CURL = """#!/bin/sh
echo "curl $*" >> "$LOG/curl"
"""


# A step that hangs fails; one that is slow does not: installing the wheel's dependencies
# or a build with PDFs takes minutes on a busy machine (make test runs two test workers).
STEP_TIMEOUT = 900


def _run(args, cwd, env) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                            text=True, timeout=STEP_TIMEOUT)
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


def _clean_env(bin_dir: Path, **extra: str) -> dict[str, str]:
    """This environment without any trace of the repository or its virtual environment."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "SOURCE_DATE_EPOCH")}
    path = [p for p in env["PATH"].split(os.pathsep) if p and not p.startswith(str(REPO))]
    env["PATH"] = os.pathsep.join([str(bin_dir), *path])
    return {**env, **GIT_ENV, **extra}


@pytest.fixture(scope="session")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "build", "--outdir", out, REPO], cwd=out, env=os.environ)
    return out


@pytest.fixture(scope="session")
def venv(dist, tmp_path_factory) -> Path:
    """A new virtual environment with only the wheel (and its dependencies) installed."""
    home = tmp_path_factory.mktemp("venv") / "venv"
    _run([sys.executable, "-m", "venv", home], cwd=home.parent, env=os.environ)
    bin_dir = home / "bin"
    # --no-compile: byte-compiling every dependency is slow and not what is tested here.
    _run([bin_dir / "python", "-m", "pip", "install", "-q", "--no-compile", dist / WHEEL],
         cwd=home.parent, env=_clean_env(bin_dir))
    return bin_dir


@pytest.fixture(scope="session")
def office(venv, tmp_path_factory) -> Path:
    """A site made by the installed gongkai, committed to git on branch main."""
    work = tmp_path_factory.mktemp("office")
    _run([venv / "gongkai", "init", "site"], cwd=work, env=_clean_env(venv))
    root = work / "site"
    (root / ".gitignore").write_text("/build/\n", encoding="utf-8")
    git(root, "init", "-q")
    commit(root, "新网站")
    return root


def test_the_wheel_holds_the_whole_package_and_the_sdist_builds_it(dist):
    assert {p.name for p in dist.iterdir()} == {"gongkai-0.1.0.tar.gz", WHEEL}
    with zipfile.ZipFile(dist / WHEEL) as wheel:
        shipped = {n for n in wheel.namelist() if n.startswith("generator/")}
    # Every file of the package: templates, theme files (sitemap.xml was once left out),
    # the scaffold's dotfiles.
    source = {p.relative_to(REPO).as_posix() for p in (REPO / "generator").rglob("*")
              if p.is_file() and "__pycache__" not in p.parts}
    assert shipped == source
    assert "generator/scaffold/site/.github/workflows/gongkai.yml" in shipped
    assert "generator/site/theme/sitemap.xml" in shipped


def test_the_installed_wheel_takes_a_new_site_from_init_to_rollback(venv, office, dist,
                                                                    tmp_path):
    env = _clean_env(venv)
    where = _run([venv / "python", "-c", "import generator; print(generator.__file__)"],
                 cwd=tmp_path, env=env).stdout.strip()
    assert where.startswith(str(venv.parent)) and not where.startswith(str(REPO))

    # init made the folders it needs and put the running gongkai's wheel in the repository.
    assert (office / "site_config/overrides").is_dir()
    kept = office / "deploy/wheels" / WHEEL
    with zipfile.ZipFile(kept) as ours, zipfile.ZipFile(dist / WHEEL) as released:
        package = sorted(n for n in released.namelist() if n.startswith("generator/"))
        assert sorted(n for n in ours.namelist() if n.startswith("generator/")) == package
        assert all(ours.read(n) == released.read(n) for n in package)
        assert ours.read("gongkai-0.1.0.dist-info/METADATA") == released.read(
            "gongkai-0.1.0.dist-info/METADATA")

    site = tmp_path / "site"
    subprocess.run(["cp", "-a", office, site], check=True)
    (site / "data/notices/wangzhan-kaitong.yaml").write_text(
        (site / "data/notices/wangzhan-kaitong.yaml").read_text(encoding="utf-8")
        .replace("title: ", "title: 关于", 1), encoding="utf-8")
    commit(site, "改标题")
    gongkai = [venv / "gongkai", "-C", site]
    _run([*gongkai, "validate"], cwd=tmp_path, env=env)
    _run([*gongkai, "build", "--pdf"], cwd=tmp_path, env=env)
    built = site / "build/site"
    assert (built / "index.html").is_file() and list(built.rglob("*.pdf"))
    _run([*gongkai, "print", "notice/wangzhan-kaitong"], cwd=tmp_path, env=env)
    assert (site / "build/print/notice-wangzhan-kaitong.pdf").read_bytes().startswith(b"%PDF")
    changes = _run([*gongkai, "changes"], cwd=tmp_path, env=env).stdout
    assert "wangzhan-kaitong" in changes
    dest = tmp_path / "srv"
    for _ in range(2):
        _run([*gongkai, "publish", dest], cwd=tmp_path, env=env)
    releases = sorted(p.name for p in (dest / "releases").iterdir())
    assert os.readlink(dest / "current") == f"releases/{releases[1]}"
    _run([*gongkai, "rollback", dest], cwd=tmp_path, env=env)
    assert os.readlink(dest / "current") == f"releases/{releases[0]}"
    assert (dest / "current/index.html").read_bytes() == (built / "index.html").read_bytes()


@pytest.fixture
def ci(venv, office, tmp_path):
    """A clone of the office's repository, stand-in programs and a local 'server'."""
    checkout = tmp_path / "checkout"
    git(tmp_path, "clone", "-q", str(office), str(checkout))     # no empty folders, as in CI
    stand_ins, log = tmp_path / "bin", tmp_path / "log"
    stand_ins.mkdir()
    log.mkdir()
    for name, text in (("ssh", FAKE_SSH), ("apt-get", FAKE_APT), ("sudo", FAKE_SUDO),
                       ("gh", FAKE_GH), ("curl", FAKE_CURL)):
        (stand_ins / name).write_text(text, encoding="utf-8")
        (stand_ins / name).chmod(0o755 | stat.S_IEXEC)
    env = _clean_env(venv, CI="true", LOG=str(log))
    env["PATH"] = f"{stand_ins}{os.pathsep}{env['PATH']}"
    secrets = {"DEPLOY_HOST": "127.0.0.1", "DEPLOY_USER": "deploy",
               "DEPLOY_PATH": str(tmp_path / "srv"), "DEPLOY_SSH_KEY": KEY,
               "DEPLOY_KNOWN_HOSTS": "127.0.0.1 ssh-ed25519 AAAAtest"}
    return checkout, env, secrets, log


def _merge_request(checkout: Path) -> str:
    """A branch that changes a notice, merged into main; returns the base commit."""
    base = git(checkout, "rev-parse", "HEAD").stdout.strip()
    git(checkout, "checkout", "-q", "-b", "change")
    notice = checkout / "data/notices/wangzhan-kaitong.yaml"
    notice.write_text(notice.read_text(encoding="utf-8").replace("title: ", "title: 关于", 1),
                      encoding="utf-8")
    commit(checkout, "改标题")
    git(checkout, "checkout", "-q", "main")
    git(checkout, "merge", "-q", "--no-ff", "-m", "合并", "change")
    return base


def _expand(text: str, values: dict[str, str]) -> str:
    """GitHub's ${{ … }} expressions, from the values a run would have."""
    return re.sub(r"\$\{\{\s*([^}]+?)\s*\}\}", lambda m: values[m.group(1)], text)


def _run_github_job(job: dict, checkout: Path, env: dict, values: dict) -> None:
    """Each `run:` step in its own bash, as the runner does (bash -e -o pipefail)."""
    ran = 0
    for step in job["steps"]:
        if "run" not in step:
            continue            # actions/checkout and setup-python: the checkout and venv here
        step_env = {k: _expand(str(v), values) for k, v in step.get("env", {}).items()}
        script = _expand(step["run"], values)
        result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                                cwd=checkout, env={**env, **step_env}, capture_output=True,
                                text=True, timeout=STEP_TIMEOUT)
        assert result.returncode == 0, f"{step.get('name')}\n{result.stdout}\n{result.stderr}"
        ran += 1
    assert ran >= 3


def test_github_actions_review_and_deploy_steps_run(ci):
    checkout, env, secrets, log = ci
    workflow = yaml.safe_load((checkout / ".github/workflows/gongkai.yml").read_text(encoding="utf-8"))
    summary = checkout.parent / "summary.md"
    env = {**env, **{k: str(v) for k, v in workflow["env"].items()}, "GITHUB_ACTIONS": "true",
           "GITHUB_WORKSPACE": str(checkout), "GITHUB_STEP_SUMMARY": str(summary),
           "RUNNER_TEMP": str(checkout.parent), "GITHUB_REPOSITORY": "office/site"}
    values = {"github.token": "ghs_test", "github.event.pull_request.number": "7",
              "github.server_url": "https://github.com", "github.repository": "office/site",
              "github.run_id": "1", **{f"secrets.{k}": v for k, v in secrets.items()}}
    _merge_request(checkout)
    _run_github_job(workflow["jobs"]["review"], checkout,
                    {**env, "GITHUB_EVENT_NAME": "pull_request"}, values)
    assert "wangzhan-kaitong" in summary.read_text(encoding="utf-8")
    assert "gh pr comment 7" in (log / "gh").read_text(encoding="utf-8")
    assert "wangzhan-kaitong" in (log / "comment.md").read_text(encoding="utf-8")

    _run_github_job(workflow["jobs"]["deploy"], checkout,
                    {**env, "GITHUB_EVENT_NAME": "push", "GITHUB_REF": "refs/heads/main"}, values)
    _assert_deployed(Path(secrets["DEPLOY_PATH"]), log)


class _GitLabLoader(yaml.SafeLoader):
    pass


_GitLabLoader.add_constructor("!reference", lambda loader, node: ("!reference",
                                                                   loader.construct_sequence(node)))


def _gitlab_script(config: dict, job: str) -> str:
    """The job's script with !reference lines put in, as one shell session runs it."""
    lines = []
    for line in config[job]["script"]:
        if isinstance(line, tuple):
            other, key = line[1]
            lines += config[other][key]
        else:
            lines.append(line)
    return "\n".join(lines)


def test_gitlab_ci_changes_and_deploy_jobs_run(ci):
    checkout, env, secrets, log = ci
    config = yaml.load((checkout / ".gitlab-ci.yml").read_text(encoding="utf-8"),
                       Loader=_GitLabLoader)
    base = _merge_request(checkout)
    env = {**env, **{k: str(v) for k, v in config["variables"].items()}, "GITLAB_CI": "true",
           "CI_PROJECT_DIR": str(checkout), "CI_DEFAULT_BRANCH": "main", "CI_PROJECT_ID": "42",
           "CI_API_V4_URL": "https://gitlab.example.invalid/api/v4", **secrets}
    jobs = (("changes", {"CI_PIPELINE_SOURCE": "merge_request_event", "CI_MERGE_REQUEST_IID": "7",
                         "CI_MERGE_REQUEST_DIFF_BASE_SHA": base, "GONGKAI_NOTE_TOKEN": "glpat"}),
            ("deploy", {"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "main"}))
    for job, variables in jobs:
        # The runner stops at the first command that fails, like set -e.
        script = "set -eo pipefail\n" + _gitlab_script(config, job)
        result = subprocess.run(["bash", "--noprofile", "--norc", "-c", script], cwd=checkout,
                                env={**env, **variables}, capture_output=True, text=True,
                                timeout=STEP_TIMEOUT)
        assert result.returncode == 0, f"{job}\n{result.stdout}\n{result.stderr}"
    assert "wangzhan-kaitong" in (checkout / "changes.md").read_text(encoding="utf-8")
    assert "merge_requests/7/notes" in (log / "curl").read_text(encoding="utf-8")
    _assert_deployed(Path(secrets["DEPLOY_PATH"]), log)


def _assert_deployed(dest: Path, log: Path) -> None:
    current = dest / "current"
    assert (current / "index.html").is_file()
    assert list(current.rglob("*.pdf")), "deploy builds include the bulletin-board PDFs"
    assert "install" in (log / "apt").read_text(encoding="utf-8")
