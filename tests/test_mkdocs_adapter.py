"""gongkai uses private parts of MkDocs and Material (site/mkdocs_adapter.py) only under
the versions it was tested with: under any other it refuses, saying both versions and
what to install, from `gongkai build` and from `mkdocs build` alike."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

import generator
from generator.build import build
from generator.problems import ProblemsError
from generator.site import mkdocs_adapter

from conftest import FIXTURES, REPO
from gitsite import AS_OF


@pytest.fixture
def newer_mkdocs(monkeypatch):
    installed = {"mkdocs": "1.7.0", "mkdocs-material": "9.8.1"}
    monkeypatch.setattr(mkdocs_adapter, "version", installed.__getitem__)


def test_gongkai_build_refuses_an_untested_mkdocs(minimal, newer_mkdocs):
    with pytest.raises(ProblemsError) as caught:
        build(minimal.root, AS_OF)
    text = str(caught.value)
    assert "已安装的 MkDocs 是 1.7.0" in text and "mkdocs-material 9.8.1" in text
    assert "pip install mkdocs==1.6.1 mkdocs-material==9.8.1" in text
    assert not minimal.path("build/site").exists()


def test_mkdocs_build_with_the_plugin_refuses_an_untested_material(tmp_path, monkeypatch, caplog):
    installed = {"mkdocs": "1.6.1", "mkdocs-material": "9.9.0"}
    monkeypatch.setattr(mkdocs_adapter, "version", installed.__getitem__)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(config[:config.index("nav:")], encoding="utf-8")
    (tmp_path / "site_config").mkdir()
    (tmp_path / "site_config/site.yaml").write_bytes((FIXTURES / "minimal/site_config/site.yaml").read_bytes())
    (tmp_path / "build/docs").mkdir(parents=True)
    (tmp_path / "build/docs/index.md").write_text("# 首页\n", encoding="utf-8")
    with pytest.raises(Abort):
        mkdocs_build(load_config(config_file=str(tmp_path / "mkdocs.yml")))
    assert "Material 主题（mkdocs-material）是 9.9.0" in caplog.text
    assert not (tmp_path / "build/site/index.html").exists()


def test_the_tested_versions_are_the_pinned_ones():
    pins = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert {f"{name}=={number}" for name, number in mkdocs_adapter.TESTED.items()} <= set(pins)
    assert mkdocs_adapter.untested_versions() is None


def test_no_other_module_touches_mkdocs_private_parts():
    package = Path(generator.__file__).parent
    private = ("_build_page", "_populate_page", "_title_from_render", "__class__ =",
               "vars(page)", "material.__file__")
    offenders = [(path.relative_to(package).as_posix(), name)
                 for path in package.rglob("*.py") if path.name != "mkdocs_adapter.py"
                 for name in private if name in path.read_text(encoding="utf-8")]
    assert offenders == []


def test_mkdocs_own_pass_leaves_out_the_pages_built_elsewhere(minimal, tmp_path, monkeypatch):
    import mkdocs.commands.build as mkdocs_pass
    from generator.site.mkdocs_build import run_mkdocs
    from generator.site.stamp import make_stamp
    build(minimal.root, AS_OF)        # build/docs, for MkDocs run here, in this process
    templates = []
    real = mkdocs_pass.get_context

    def get_context(nav, files, config, page=None, base_url=""):
        if page is not None:
            templates.append(page.meta.get("template"))
        return real(nav, files, config, page, base_url)

    monkeypatch.setattr(mkdocs_pass, "get_context", get_context)
    assert run_mkdocs(minimal.root, tmp_path / "out", make_stamp(minimal.root, AS_OF)) == []
    assert templates and mkdocs_adapter.SKIP_TEMPLATE not in templates
    assert len(list((tmp_path / "out").rglob("index.html"))) > len(templates) + 1
