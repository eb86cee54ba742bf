"""The font families fontconfig offers for a language, asked of its library.

The same question as `fc-list :lang=zh family`, put to the fontconfig library
Pango (so WeasyPrint) loads anyway: no fontconfig program need be installed.
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
    library = _library()
    pattern = library.FcNameParse(f":lang={lang}".encode("ascii"))
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
