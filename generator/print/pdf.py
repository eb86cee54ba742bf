"""HTML → PDF with WeasyPrint, after making sure a Chinese font is there.

Without a CJK font WeasyPrint still writes a PDF, full of empty boxes; a
board of blank squares is worse than no PDF, so the build stops and says
which package to install.
"""

from __future__ import annotations

import os
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from ..problems import Problem
from ..replace import replace_file
from .fontconfig import FontconfigMissing, font_families, font_files
from .targets import STYLESHEETS

FONT_PACKAGE = "fonts-noto-cjk"
# Beside WeasyPrint (in the shared fingerprint), what lays out, subsets and writes a PDF.
ENGINE_LIBRARIES = ("weasyprint", "pydyf", "fonttools", "Pillow", "tinycss2", "cssselect2",
                    "tinyhtml5", "Pyphen")
# The sheet links its stylesheets as ../../print.css (it is print/<kind>/<slug>/);
# from this made-up address in the package they are the templates' own files.
SHEET_BASE = STYLESHEETS / "kind" / "slug" / "index.html"


class MissingFont(Exception):
    def __init__(self, detail: str):
        self.detail = detail
        super().__init__(f"{detail}，PDF 里的汉字会印成方框。请安装中文字体："
                         f"sudo apt-get install {FONT_PACKAGE}（或运行 scripts/system-deps.sh）")


def cjk_fonts() -> list[str]:
    """Font families fontconfig offers for Chinese: the ones WeasyPrint (Pango) will use."""
    try:
        return font_families("zh")
    except FontconfigMissing:
        raise MissingFont("找不到 fontconfig 库（WeasyPrint 生成 PDF 也要用它），"
                          "无法确认有没有中文字体") from None


def require_cjk_font() -> None:
    if not cjk_fonts():
        raise MissingFont("系统里没有中文字体")


def font_problem(err: MissingFont) -> Problem:
    return Problem("（系统）", None, "", str(err))


def engine_key() -> str:
    """What else shapes a sheet's PDF than its HTML and gongkai's stylesheets: the
    libraries, Pango's version and the font files the system offers (a font updated
    in place keeps its path, not its size and time)."""
    from weasyprint.text.ffi import pango
    parts = [f"{name}={_version(name)}" for name in ENGINE_LIBRARIES]
    parts.append(f"pango={pango.pango_version()}")
    for path in font_files():
        try:
            stat = os.stat(path)
        except OSError:
            continue
        parts.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(parts)


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "-"


def render_pdf(html: str) -> tuple[bytes, int]:
    """The PDF and its page count."""
    from weasyprint import HTML   # slow to import; only PDF runs pay for it
    document = HTML(string=html, base_url=str(SHEET_BASE)).render()
    return document.write_pdf(), len(document.pages)


def write_pdf(html: str, out: Path) -> int:
    """Write the PDF; returns its page count."""
    pdf, pages = render_pdf(html)
    out.parent.mkdir(parents=True, exist_ok=True)
    replace_file(out, pdf)
    return pages
