"""Everything a person or a program can read out of a file, as texts for the detector.

A PDF gives its page text, document properties, XMP, annotations and link targets,
bookmarks, form fields and embedded files; an Office or OFD package gives every part,
attributes included, and every file embedded in it; an image gives its metadata. Without
a system binary: PDFs are read with pypdf.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from typing import TYPE_CHECKING

from generator.privacy import filetypes

if TYPE_CHECKING:
    import pypdf

# Packages inside packages inside PDFs: deeper than this, or bigger unpacked, is refused
# rather than read (a zip bomb must not stop the build by eating the memory).
MAX_DEPTH = 4
MAX_UNPACKED = 512 * 1024 * 1024

# In office XML every run of text is wrapped in tags; only these end a word.
_OFFICE_TAG = re.compile(r"<(/?)(?:[A-Za-z]+:)?([A-Za-z-]+)[^>]*>")
_OFFICE_BREAKS = frozenset({"p", "tc", "br", "tab", "cr", "h", "table-cell", "line-break", "s",
                            "c", "row", "TextObject"})
# A formula that glues a number together from strings: ="1398765"&"4321".
_CONCATENATION = re.compile(r'"\s*&\s*"')
_FOLD = re.compile(r"\r?\n[ \t]")
_LOGICAL_LINE = re.compile(r"(?<=\n)(?![ \t])")
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_ICAL_ESCAPE = re.compile(r"\\([\\;,nN])")
_ICAL_UNESCAPED = {"n": "\n", "N": "\n"}


@dataclass(frozen=True)
class Text:
    """Text taken from a file, and where in the file it starts."""

    text: str
    line: int | None = 1     # None: lines mean nothing here (binary, metadata)
    place: str = ""          # e.g. 工作表“名单”, word/document.xml, PDF 文档属性
    pages: bool = False      # form feeds separate PDF pages: name the page


class Unreadable(Exception):
    """The file cannot be read in full; the message says why, in Chinese."""


def texts(name: str, data: bytes, depth: int = 0) -> Iterator[Text]:
    """Every text in the file `name` holding `data`; Unreadable if any part cannot be read."""
    if depth > MAX_DEPTH:
        raise Unreadable("文件套文件的层数太多")
    suffix = filetypes.suffix_of(name)
    reason = filetypes.why_unreadable(suffix)
    if reason:
        raise Unreadable(reason)
    if depth == 0 and filetypes.is_search_shard(name):
        return
    if suffix == filetypes.GZIP:
        yield from texts(name[:-3], _gunzip(data), depth + 1)
    elif suffix == filetypes.PDF:
        yield from _pdf_texts(data, depth)
    elif suffix in filetypes.ZIPPED_XML:
        if suffix == "xlsx":
            yield from _xlsx_cells(data)
        yield from _package_texts(data, depth)
    elif suffix in filetypes.PLAIN_BINARY:
        yield from _binary_texts(suffix, data)
    else:
        yield from _text_texts(suffix, data.decode("utf-8", errors="replace"))


def _gunzip(data: bytes) -> bytes:
    try:
        with gzip.GzipFile(fileobj=BytesIO(data)) as unpacked:
            inner = unpacked.read(MAX_UNPACKED + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise Unreadable(f"无法解压（{type(error).__name__}）") from None
    if len(inner) > MAX_UNPACKED:
        raise Unreadable("解压后太大")
    return inner


def _text_texts(suffix: str, text: str) -> Iterator[Text]:
    yield Text(text)
    if suffix in filetypes.FOLDED:
        unfolded = _unfold(text)
        if unfolded is not None:
            text = unfolded
            yield Text(text)
        if "\\" in text:
            # Calendar text escapes: a line break inside a number is written "\n".
            yield Text(_ICAL_ESCAPE.sub(lambda m: _ICAL_UNESCAPED.get(m.group(1), m.group(1)), text))
    if (suffix in filetypes.MARKUP or suffix in filetypes.FOLDED) and "&lt;" in text:
        # Escaped markup (a feed's &lt;span&gt;) may split a number as real tags do; the
        # detector itself reads entities and tags that are not escaped.
        yield Text(html.unescape(text))
    if suffix == "json" and "\\" in text:
        yield from _json_strings(text)


def _json_strings(text: str) -> Iterator[Text]:
    """The strings of a JSON file decoded: escapes (\\u200b, \\n) may split a number."""
    try:
        value = json.loads(text)
    except ValueError:
        return  # not JSON after all: its raw text was read above
    strings: list[str] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            strings.append(item)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    yield Text("\n".join(strings), line=None, place="JSON 字符串")


def _unfold(text: str) -> str | None:
    """Folded iCalendar/vCard lines (RFC 5545 3.1) joined; None when nothing was folded.

    A joined line's line breaks move to its end, so later lines keep their numbers and a
    finding is reported on the line where its property starts.
    """
    if _FOLD.search(text) is None:
        return None
    pieces = []
    for logical in _LOGICAL_LINE.split(text):
        joined, folds = _FOLD.subn("", logical)
        pieces.append(joined + "\n" * folds)
    return "".join(pieces)


def _pdf_texts(data: bytes, depth: int) -> Iterator[Text]:
    # Imported where used: pypdf and openpyxl are a second of a command's start.
    import pypdf

    # pypdf raises many kinds of errors for a damaged or unusual file; each means the
    # same to the clerk: this PDF cannot be checked.
    try:
        reader = pypdf.PdfReader(BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise Unreadable("PDF 已加密，内容无法检查")
        pages = [page.extract_text() or "" for page in reader.pages]
        found = [Text("\f".join(pages), None, "PDF", pages=True)]
        found.extend(_pdf_parts(reader))
        embedded = [(name, content) for name, contents in reader.attachments.items()
                    for content in contents]
        found.append(Text("\n".join(name for name, _ in embedded), None, "PDF 附带的文件名"))
    except Unreadable:
        raise
    except Exception as error:
        raise Unreadable(f"无法读取 PDF（{type(error).__name__}，可能已加密或损坏）") from None
    yield from found
    for name, content in embedded:
        for text in texts(name, content, depth + 1):
            yield Text(text.text, None, f"PDF 附带的文件“{name}”{text.place}")


def _pdf_parts(reader: pypdf.PdfReader) -> Iterator[Text]:
    """What a PDF holds besides its page text."""
    if reader.metadata:
        yield Text("\n".join(str(value) for value in reader.metadata.values()), None,
                   "PDF 文档属性")
    catalog = reader.trailer["/Root"]
    if "/Metadata" in catalog:
        xmp = catalog["/Metadata"].get_object().get_data().decode("utf-8", errors="replace")
        yield Text(xmp, None, "PDF XMP 元数据")
    for number, page in enumerate(reader.pages, start=1):
        notes = []
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            for key in ("/Contents", "/T", "/TU", "/RC", "/V"):
                if key in annotation:
                    notes.append(str(annotation[key]))
            action = annotation.get("/A")
            if action is not None:
                action = action.get_object()
                notes.extend(str(action[key]) for key in ("/URI", "/F", "/D") if key in action)
        if notes:
            yield Text("\n".join(notes), None, f"PDF 第{number}页的批注或链接")
    titles = list(_outline_titles(reader.outline))
    if titles:
        yield Text("\n".join(titles), None, "PDF 书签")
    fields = reader.get_fields() or {}
    values = [f"{name} {field.get('/V', '')}" for name, field in fields.items()]
    if values:
        yield Text("\n".join(values), None, "PDF 表单")


def _outline_titles(outline) -> Iterator[str]:
    for entry in outline:
        if isinstance(entry, list):
            yield from _outline_titles(entry)
        else:
            yield str(entry.title)


def _office_text(xml: str) -> str:
    def replace(tag: re.Match[str]) -> str:
        return " " if tag.group(2) in _OFFICE_BREAKS else ""
    return html.unescape(_OFFICE_TAG.sub(replace, xml))


def _xlsx_cells(data: bytes) -> Iterator[Text]:
    """Cell values row by row, so a finding is named by sheet and row."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise Unreadable(f"无法读取 Excel 内容（{type(error).__name__}）") from None
    try:
        for sheet in book.worksheets:
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells = "\t".join("" if value is None else str(value) for value in row)
                if cells.strip():
                    yield Text(cells, number, f"工作表“{sheet.title}”")
    finally:
        book.close()


def _package_texts(data: bytes, depth: int) -> Iterator[Text]:
    """Every part of an Office or OFD package: XML as text and with its attributes (link
    targets, properties, formulas); anything else (embedded workbooks, images) recursively."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        members = [info for info in archive.infolist() if not info.is_dir()]
        if sum(info.file_size for info in members) > MAX_UNPACKED:
            raise Unreadable("解压后太大")
        parts = [(info.filename, archive.read(info)) for info in members]
    except (zipfile.BadZipFile, zlib.error, KeyError, OSError, EOFError,
            NotImplementedError, RuntimeError) as error:
        raise Unreadable(f"无法读取文件内容（{type(error).__name__}）") from None
    yield Text("\n".join(name for name, _ in parts), None, "包内文件名")
    for name, part in parts:
        if filetypes.suffix_of(name) in ("xml", "rels", "vml") or part.lstrip()[:1] == b"<":
            xml = part.decode("utf-8", errors="replace")
            yield Text(_office_text(xml), None, name)
            yield Text(_CONCATENATION.sub("", html.unescape(xml)), None, name)
        else:
            for text in texts(name, part, depth + 1):
                yield Text(text.text, None, f"{name}{text.place and '：' + text.place}")


def _binary_texts(suffix: str, data: bytes) -> Iterator[Text]:
    """A binary file's text wherever it may sit: as plain bytes (JPEG COM and APP segments,
    EXIF, PNG tEXt, font names), as UTF-16 (EXIF XP tags), and PNG's compressed chunks."""
    yield Text(data.decode("latin-1"), None, "文件内容")
    yield Text(data.decode("utf-8", errors="replace"), None, "文件内容")
    for start in (0, 1):
        yield Text(data[start:].decode("utf-16-le", errors="replace"), None, "文件内容")
    if suffix == "png" and data.startswith(_PNG_SIGNATURE):
        for chunk in _png_compressed_text(data):
            yield Text(chunk, None, "PNG 文字信息")


def _png_compressed_text(data: bytes) -> Iterator[str]:
    position = len(_PNG_SIGNATURE)
    while position + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        position += 12 + length
        try:
            if kind == b"zTXt":
                rest = body.partition(b"\0")[2]
                yield zlib.decompress(rest[1:]).decode("latin-1")
            elif kind == b"iTXt":
                rest = body.partition(b"\0")[2]
                if rest[:1] == b"\x01":
                    language_and_key = rest[2:].split(b"\0", 2)
                    yield zlib.decompress(language_and_key[-1]).decode("utf-8", errors="replace")
        except zlib.error:
            raise Unreadable("PNG 的文字信息已损坏，无法检查") from None
