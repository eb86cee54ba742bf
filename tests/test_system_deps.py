"""Every program gongkai runs is installed by `scripts/system-deps.sh site`.

The generator's calls are found in its source (subprocess.run/Popen/… with a
literal program name); each must belong to a Debian package the script installs
for `make site`, or be Python itself. A call whose program cannot be read from
the source fails the test, so that it is looked at and added here.
"""

from __future__ import annotations

import ast
import re
import subprocess

from conftest import REPO

# Which Debian package brings each program the generator may run.
PACKAGE_OF = {"git": "git"}
SCRIPT = REPO / "scripts/system-deps.sh"
RUNNERS = {("subprocess", name) for name in ("run", "Popen", "call", "check_call", "check_output")}
RUNNERS |= {("os", name) for name in ("system", "popen", "execv", "execvp", "spawnv", "spawnvp")}


def programs_called() -> dict[str, list[str]]:
    """Program name → the places (file:line) that run it."""
    found: dict[str, list[str]] = {}
    for path in sorted((REPO / "generator").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name)
                    and (node.func.value.id, node.func.attr) in RUNNERS):
                continue
            where = f"{path.relative_to(REPO)}:{node.lineno}"
            found.setdefault(_program(node), []).append(where)
    return found


def _program(call: ast.Call) -> str:
    first = call.args[0] if call.args else None
    if isinstance(first, (ast.List, ast.Tuple)) and first.elts:
        first = first.elts[0]
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return first.value
    if first is not None and ast.unparse(first) == "sys.executable":
        return "python"
    return f"<unreadable: {ast.unparse(call)[:80]}>"


def site_packages() -> set[str]:
    """The packages `system-deps.sh site` installs (its want=(…) list)."""
    text = SCRIPT.read_text(encoding="utf-8")
    match = re.search(r"^want=\(([^)]*)\)", text, re.MULTILINE)
    return set(match.group(1).split())


def test_every_program_the_generator_runs_is_installed_for_make_site():
    called = programs_called()
    assert "git" in called            # the scan itself finds calls
    packages = site_packages()
    for program, places in called.items():
        if program == "python":
            continue                  # the running interpreter
        assert program in PACKAGE_OF, f"{program}（{', '.join(places)}）：请在这里和 system-deps.sh 里登记"
        assert PACKAGE_OF[program] in packages, f"{program} 的软件包 {PACKAGE_OF[program]} 不在 site 清单里"


def test_no_program_left_listed_after_its_last_call_is_gone():
    called = programs_called()
    assert set(PACKAGE_OF) <= set(called), set(PACKAGE_OF) - set(called)


def test_the_listed_packages_are_real_and_the_script_finds_nothing_missing_here():
    for package in site_packages():
        status = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package],
                                capture_output=True, text=True)
        assert "install ok installed" in status.stdout, package
    result = subprocess.run(["bash", str(SCRIPT), "site"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr
