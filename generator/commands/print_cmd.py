"""gongkai print KIND/SLUG: one item's bulletin-board PDF, without building the site.

The PDF goes through the same leak scan as every file of a build before it is
put where asked: a number split over two lines of the data is whole on paper.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from ..print import targets
from ..problems import ProblemsError, UsageError
from ..today import today
from ._common import as_of_date, report


def register(sub) -> None:
    parser = sub.add_parser("print", help="生成一个条目的公开栏 PDF（公示公告默认 A3，其他 A4）")
    parser.add_argument("target", metavar="类别/文件名",
                        help="条目，例如 notice/jiangli-fuzhu-gongshi-2027 或 services/zaishengyu-dengji")
    parser.add_argument("--paper", type=str.upper, choices=targets.PAPERS,
                        help="纸张大小（默认：公示公告 A3，其他 A4）")
    parser.add_argument("--out", type=Path, help="PDF 保存到哪里（默认 build/print/<kind>-<slug>.pdf）")
    parser.add_argument("--as-of", type=as_of_date, help="按哪一天的情况打印（默认今天）")
    parser.set_defaults(func=run)


def load_and_validate(root: Path):
    """validated.load_and_validate, imported when a sheet is printed (it brings the
    whole pipeline); a name of this module, so tests can hand the command a site."""
    from ..validated import load_and_validate as load

    return load(root)


def _kind(name: str):
    """Accept the kind (notice) or its folder (notices), as the clerk sees both."""
    from ..model import KINDS

    for kind in KINDS.values():
        if name in (kind.name, kind.folder):
            return kind
    known = "、".join(f"{k.name}（{k.label}）" for k in KINDS.values())
    raise UsageError(f"不认识的类别「{name}」，可以用：{known}")


def _withhold_list_withdrawn_by(ctx, state, now) -> None:
    """A sheet of an earlier day reprinted today: a list withdrawn since is not printed."""
    from ..render.pages import notice_facts
    from ..versions import select

    since = notice_facts(ctx.site, select(state.item, now))
    if since.withdrawn:
        slug = state.item.slug
        ctx.facts[slug] = replace(ctx.facts[slug], name_list=None, list_hidden=since.list_hidden)


def _shown(out: Path, root: Path) -> str:
    """The PDF's name in messages: relative to the site folder when it is inside it."""
    try:
        return out.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(out)


def run(args) -> int:
    from ..print.pdf import MissingFont, render_pdf, require_cjk_font
    from ..print.step import sheet_html
    from ..privacy.scan import file_problems
    from ..render.pages import make_context
    from ..replace import replace_file
    from ..site.stamp import make_stamp
    from ..validate.personal import public_numbers

    kind_name, _, slug = args.target.strip("/").partition("/")
    if not slug:
        raise UsageError(f"「{args.target}」要写成 类别/文件名，例如 notice/jiangli-fuzhu-gongshi-2027")
    kind = _kind(kind_name)
    try:
        require_cjk_font()
    except MissingFont as err:
        raise UsageError(str(err))
    started = time.perf_counter()
    root = args.root.resolve()
    site, warnings = load_and_validate(root)
    now = today(site.config.timezone)
    as_of = args.as_of or now
    report(warnings)
    ctx = make_context(site, as_of)
    state = next((s for s in ctx.states if s.item.kind == kind and s.item.slug == slug), None)
    if state is None:
        exists = any(i.kind == kind and i.slug == slug for i in site.items)
        why = (f"在 {as_of.isoformat()} 还没有发布" if exists
               else f"找不到 data/{kind.folder}/{slug}.yaml")
        raise UsageError(f"无法打印 {kind.name}/{slug}：{why}")
    if as_of < now and kind.name == "notice":
        _withhold_list_withdrawn_by(ctx, state, now)
    out = args.out or root / "build" / "print" / f"{kind.name}-{slug}.pdf"
    html = sheet_html(ctx, state, make_stamp(root, as_of).text, paper=args.paper)
    pdf, pages = render_pdf(html)
    # The same leak scan as `build` runs on its outputs, before anything is written.
    leaks = file_problems(out.name, pdf, _shown(out, root), state.item.file, public_numbers(site))
    if leaks:
        raise ProblemsError(leaks)
    out.parent.mkdir(parents=True, exist_ok=True)
    replace_file(out, pdf)
    print(f"已生成 {out}：{pages} 页，{args.paper or targets.paper_for(kind.name)}，"
          f"用时 {time.perf_counter() - started:.1f} 秒。")
    return 0
