"""HTML → PDF with WeasyPrint, after making sure a Chinese font is there.

Without a CJK font WeasyPrint still writes a PDF, full of empty boxes; a
board of blank squares is worse than no PDF, so the build stops and says
which package to install.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
from pathlib import Path

from ..problems import Problem
from ..replace import replace_file

FONT_PACKAGE = "fonts-noto-cjk"


class MissingFont(Exception):
    def __init__(self, detail: str):
        self.detail = detail
        super().__init__(f"{detail}，PDF 里的汉字会印成方框。请安装中文字体："
                         f"sudo apt-get install {FONT_PACKAGE}（或运行 scripts/system-deps.sh）")


def cjk_fonts() -> list[str]:
    """Font families fontconfig offers for Chinese: the ones WeasyPrint (Pango) will use.

    Asked of the fontconfig library Pango itself loads, as `fc-list :lang=zh family`
    would, so no fontconfig program need be installed."""
    library = _fontconfig()
    pattern = library.FcNameParse(b":lang=zh")
    wanted = library.FcObjectSetCreate()
    library.FcObjectSetAdd(wanted, b"family")
    found = library.FcFontList(None, pattern, wanted)
    families = set()
    try:
        fonts = found.contents if found else _FontSet()
        for index in range(fonts.nfont):
            family = ctypes.c_char_p()
            if library.FcPatternGetString(fonts.fonts[index], b"family", 0,
                                          ctypes.byref(family)) == 0 and family.value:
                families.add(family.value.decode("utf-8", "replace").strip())
    finally:
        if found:
            library.FcFontSetDestroy(found)
        library.FcObjectSetDestroy(wanted)
        library.FcPatternDestroy(pattern)
    return sorted(families)


class _FontSet(ctypes.Structure):
    _fields_ = [("nfont", ctypes.c_int), ("sfont", ctypes.c_int),
                ("fonts", ctypes.POINTER(ctypes.c_void_p))]


# The names WeasyPrint tries, in its order (Linux, macOS, Windows).
_LIBRARY_NAMES = ("libfontconfig.so.1", "libfontconfig.1.dylib", "libfontconfig-1.dll")


@functools.cache
def _fontconfig() -> ctypes.CDLL:
    for name in (ctypes.util.find_library("fontconfig"), *_LIBRARY_NAMES):
        if not name:
            continue
        try:
            library = ctypes.CDLL(name)
        except OSError:
            continue
        break
    else:
        raise MissingFont("找不到 fontconfig 库（WeasyPrint 生成 PDF 也要用它），无法确认有没有中文字体")
    pointer = ctypes.c_void_p
    for function, result, arguments in (
            ("FcNameParse", pointer, [ctypes.c_char_p]),
            ("FcObjectSetCreate", pointer, []),
            ("FcObjectSetAdd", ctypes.c_int, [pointer, ctypes.c_char_p]),
            ("FcFontList", ctypes.POINTER(_FontSet), [pointer, pointer, pointer]),
            ("FcPatternGetString", ctypes.c_int,
             [pointer, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(ctypes.c_char_p)]),
            ("FcFontSetDestroy", None, [ctypes.POINTER(_FontSet)]),
            ("FcObjectSetDestroy", None, [pointer]),
            ("FcPatternDestroy", None, [pointer])):
        getattr(library, function).restype = result
        getattr(library, function).argtypes = arguments
    return library


def require_cjk_font() -> None:
    if not cjk_fonts():
        raise MissingFont("系统里没有中文字体")


def font_problem(err: MissingFont) -> Problem:
    return Problem("（系统）", None, "", str(err))


def write_pdf(html: str, out: Path) -> int:
    """Write the PDF; returns its page count."""
    from weasyprint import HTML   # slow to import; only PDF runs pay for it
    document = HTML(string=html).render()
    out.parent.mkdir(parents=True, exist_ok=True)
    replace_file(out, document.write_pdf())
    return len(document.pages)
