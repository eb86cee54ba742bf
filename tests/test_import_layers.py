"""Layers: the build runs the steps, the steps do not reach back into the build.

Read from the source (every import statement, those only for type checkers
included), so a step that imports generator.build for its context fails here.
"""

from __future__ import annotations

import ast

from conftest import REPO

PACKAGE = REPO / "generator"
# The command line and the preview run a build; nothing else may import it.
MAY_IMPORT_BUILD = ("generator.cli", "generator.commands", "generator.serve")


def module_name(path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path) -> set[str]:
    """Every module the file imports, relative imports resolved; `from a import b`
    counts a.b as well, since b may be a module."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            parts = package.split(".")
            base = parts[:len(parts) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def importers_of(target: str) -> set[str]:
    return {module_name(path) for path in PACKAGE.rglob("*.py")
            if target in imported(path) and module_name(path) != target}


def test_only_the_command_line_and_the_preview_import_the_build():
    importers = importers_of("generator.build")
    # The reading above finds the imports that are allowed, so it would find others.
    assert {"generator.commands.build", "generator.serve.session"} <= importers
    assert sorted(m for m in importers
                  if not any(m == allowed or m.startswith(allowed + ".")
                             for allowed in MAY_IMPORT_BUILD)) == []
