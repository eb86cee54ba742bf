"""The font families fontconfig offers for a language, asked of its library.

The same question as `fc-list :lang=zh family` (or `fc-list : file`), put to the
fontconfig library Pango (so WeasyPrint) loads anyway: no fontconfig program need
be installed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import warnings

# The names WeasyPrint tries, in its order (Linux, macOS, Windows).
LIBRARY_NAMES = ("libfontconfig.so.1", "libfontconfig.1.dylib", "libfontconfig-1.dll")


class FontconfigMissing(OSError):
    pass


def font_families(lang: str) -> list[str]:
    return _listed(f":lang={lang}", "family")


def font_files() -> list[str]:
    """Every font file fontconfig offers: what WeasyPrint may draw any text with."""
    return _listed(":", "file")


def _listed(pattern_text: str, element: str) -> list[str]:
    """One element (family, file) of every font matching a fontconfig pattern."""
    library = _library()
    pattern = library.FcNameParse(pattern_text.encode("ascii"))
    wanted = library.FcObjectSetCreate()
    library.FcObjectSetAdd(wanted, element.encode("ascii"))
    found = library.FcFontList(None, pattern, wanted)
    values = set()
    try:
        fonts = found.contents if found else _FontSet()
        for index in range(fonts.nfont):
            value = ctypes.c_char_p()
            if library.FcPatternGetString(fonts.fonts[index], element.encode("ascii"), 0,
                                          ctypes.byref(value)) == 0 and value.value:
                values.add(value.value.decode("utf-8", "replace").strip())
    finally:
        if found:
            library.FcFontSetDestroy(found)
        library.FcObjectSetDestroy(wanted)
        library.FcPatternDestroy(pattern)
    return sorted(values)


class _FontSet(ctypes.Structure):
    _fields_ = [("nfont", ctypes.c_int), ("sfont", ctypes.c_int),
                ("fonts", ctypes.POINTER(ctypes.c_void_p))]


@functools.cache
def _library() -> ctypes.CDLL:
    # WeasyPrint adds its library folders first (on Windows, WEASYPRINT_DLL_DIRECTORIES),
    # so fontconfig is found where WeasyPrint finds it. Its warning about a missing font
    # is said more plainly by the caller.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            import weasyprint.text.ffi  # noqa: F401
        except OSError:
            pass    # no Pango: making the PDF says so; the font check goes on regardless
    for name in (ctypes.util.find_library("fontconfig"), *LIBRARY_NAMES):
        if not name:
            continue
        try:
            library = ctypes.CDLL(name)
        except OSError:
            continue
        break
    else:
        raise FontconfigMissing("fontconfig")
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
