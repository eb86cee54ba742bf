"""Sheets whose inputs did not change come from the cache, with this build's stamp;
a sheet from the cache is always the sheet a build without the cache writes."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from generator.cache.fingerprint import fingerprint
from generator.context import BuildContext
from generator.print import cache as cache_module, qrcodes, step
from generator.render import make_context
from generator.site.stamp import BuildStamp
from generator.validate.personal import public_numbers
from generator.validated import load_and_validate

AS_OF = date(2026, 11, 28)
FEE = "jisheng-zhengjian-gongbenfei"
SERVICE = "dusheng-zinv-guangrongzheng"      # charges the fee: its sheet names the fee's title


def stamp(hour: int) -> BuildStamp:
    return BuildStamp(datetime(2026, 11, 28, hour, tzinfo=timezone.utc), "abc1234", True, AS_OF)


@pytest.fixture
def rendered(monkeypatch) -> list[str]:
    """The slugs of the sheets rendered (not taken from the cache), in this process:
    the example's few sheets start no workers."""
    seen: list[str] = []
    original = step._unstamped

    def spy(ctx, state, **options):
        seen.append(state.item.slug)
        return original(ctx, state, **options)
    monkeypatch.setattr(step, "_unstamped", spy)
    return seen


@pytest.fixture
def drawn(monkeypatch) -> list[str]:
    """The URLs whose QR code was drawn (not taken from the cache), in this process."""
    seen: list[str] = []
    original = qrcodes.qr_svg

    def spy(url):
        seen.append(url)
        return original(url)
    monkeypatch.setattr(qrcodes, "qr_svg", spy)
    return seen


def print_sheets(root: Path, site_dir: Path, cache_dir: Path | None, hour: int,
                 as_of: date = AS_OF) -> None:
    site, _ = load_and_validate(root)
    build = BuildContext(root, site, make_context(site, as_of), stamp(hour), site_dir, cache_dir,
                         fingerprint(root, public_numbers(site)))
    assert step.print_sheets(build) == []


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def same_as_without_cache(root: Path, out: Path, hour: int, as_of: date = AS_OF) -> None:
    print_sheets(root, out / "fresh", None, hour, as_of)
    assert tree(out / "warm") == tree(out / "fresh")


def test_a_new_stamp_alone_renders_no_sheet_again(example, tmp_path, rendered):
    cache = tmp_path / "cache"
    print_sheets(example.root, tmp_path / "first", cache, hour=1)
    assert SERVICE in rendered and FEE in rendered
    rendered.clear()
    print_sheets(example.root, tmp_path / "warm", cache, hour=2)
    assert rendered == []
    sheet = (tmp_path / "warm" / f"print/service/{SERVICE}/index.html").read_text(encoding="utf-8")
    assert stamp(2).text in sheet and stamp(1).text not in sheet
    assert "\0" not in sheet
    same_as_without_cache(example.root, tmp_path, hour=2)


def test_an_edit_renders_the_item_and_the_sheets_that_name_it(example, tmp_path, rendered):
    cache = tmp_path / "cache"
    print_sheets(example.root, tmp_path / "first", cache, hour=1)
    example.replace(f"data/fees/{FEE}.yaml",
                    "title: 计划生育证件工本费（免收）", "title: 计划生育证件工本费（一律免收）")
    rendered.clear()
    print_sheets(example.root, tmp_path / "warm", cache, hour=2)
    assert sorted(rendered) == sorted([FEE, SERVICE])
    sheet = (tmp_path / "warm" / f"print/service/{SERVICE}/index.html").read_text(encoding="utf-8")
    assert "按《计划生育证件工本费（一律免收）》收取" in sheet
    same_as_without_cache(example.root, tmp_path, hour=2)


def test_another_date_renders_every_sheet_again(example, tmp_path, rendered):
    cache = tmp_path / "cache"
    print_sheets(example.root, tmp_path / "first", cache, hour=1)
    count = len(rendered)
    rendered.clear()
    print_sheets(example.root, tmp_path / "warm", cache, hour=2, as_of=date(2026, 11, 29))
    assert len(rendered) == count
    same_as_without_cache(example.root, tmp_path, hour=2, as_of=date(2026, 11, 29))


def test_another_date_draws_no_qr_code_again(example, tmp_path, rendered, drawn):
    cache = tmp_path / "cache"
    print_sheets(example.root, tmp_path / "first", cache, hour=1)
    sheets = len(rendered)
    assert len(drawn) == sheets > 0
    drawn.clear()
    print_sheets(example.root, tmp_path / "warm", cache, hour=2, as_of=date(2026, 11, 29))
    assert drawn == []
    same_as_without_cache(example.root, tmp_path, hour=2, as_of=date(2026, 11, 29))
    assert len(drawn) == sheets     # the build without the cache drew them all


@pytest.mark.parametrize("html", ["<p>无落款</p>", f"<p>{cache_module.PLACEHOLDER}</p>",
                                  f"{cache_module.PLACEHOLDER}中{cache_module.PLACEHOLDER}尾"])
def test_a_kept_sheet_gets_the_stamp_wherever_the_placeholder_was(html):
    shown = "构建于 2026-11-28 &amp; 提交 abc".encode()
    packed = cache_module.pack(html)
    assert cache_module.stamped(packed, shown) == html.replace(
        cache_module.PLACEHOLDER, shown.decode()).encode()
