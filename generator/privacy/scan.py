"""The leak scan: personal numbers anywhere in a built site, or in one value at validate time.

The built site is checked as the public will receive it, every file, so that numbers from
any source (a body, a list, an attachment, a search index, a feed) are caught, not only
those the validator knows about.
"""

from __future__ import annotations

import gzip
import html
import os
import re
import subprocess
import zipfile
from bisect import bisect_right
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import openpyxl

from generator.privacy.detect import Finding, find_personal_numbers
from generator.problems import Problem
from generator.walk import files_under
from generator.workers import MANY, forked_map

TEXT_SUFFIXES = frozenset({".html", ".htm", ".js", ".json", ".xml", ".csv", ".txt", ".md",
                           ".ics", ".vcf", ".svg", ".css", ".map", ".rss", ".atom"})
# Where markup, or escaped markup (a feed's &lt;p&gt;), may split a number.
MARKUP_SUFFIXES = frozenset({".html", ".htm", ".xml", ".svg", ".json", ".rss", ".atom"})
# iCalendar and vCard fold long lines (RFC 5545 3.1), also in the middle of a number.
FOLDED_SUFFIXES = frozenset({".ics", ".vcf"})
OFFICE_ZIP_SUFFIXES = frozenset({".docx", ".pptx", ".odt", ".ods", ".odp"})
OLD_OFFICE_SUFFIXES = frozenset({".doc", ".xls", ".ppt", ".wps", ".et"})
# Beyond this many findings in one file the rest are counted: a leaked list is one mistake.
FINDINGS_SHOWN_PER_FILE = 20

# Tags that do not break a word: a number split by them still reads as one number, so
# they are dropped where they sit between digits (table cells and paragraphs stay apart).
_INLINE_TAG = (r"(?:a|abbr|b|bdi|bdo|code|data|em|font|i|kbd|mark|q|s|samp|small|span"
               r"|strong|sub|sup|time|u|var|wbr)\b[^>\n]*>")
# Starts with a literal "<" (the lookbehind comes after it) so the engine skips from tag to
# tag; lowercase only, as our templates and Markdown write tags.
_INLINE_BETWEEN_DIGITS = re.compile(
    rf"<(?<=[0-9 \-]<)/?{_INLINE_TAG}(?:</?{_INLINE_TAG})*(?=[0-9 \-])")
_FOLD = re.compile(r"\r?\n[ \t]")
_LOGICAL_LINE = re.compile(r"(?<=\n)(?![ \t])")
# In office XML every run of text is wrapped in tags; only these end a word.
_OFFICE_TAG = re.compile(r"<(/?)(?:[A-Za-z]+:)?([A-Za-z-]+)[^>]*>")
_OFFICE_BREAKS = frozenset({"p", "tc", "br", "tab", "cr", "h", "table-cell", "line-break", "s"})

_HINTS = {
    "id_card": "身份证号不能公开：删去它；名单里的身份证号放在名单文件中，并给该列写 mask: id_card 或 publish: false",
    "mobile": "删去或打码（如 138****1234）；如果这是公开的联系电话，在 data/contacts.yaml 中登记它",
    "bank_card": "银行卡号不能公开：删去它；名单里的银行卡号列写 publish: false",
}


@dataclass(frozen=True)
class _Text:
    """Text taken from a file, and where in the file it starts."""

    text: str
    line: int = 1
    place: str = ""          # e.g. 工作表“名单”, word/document.xml
    pages: bool = False      # form feeds separate pages (pdftotext output): name the page


class _Unscannable(Exception):
    pass


def _join_split_numbers(markup: str) -> str | None:
    """The markup unescaped, with inline tags between digits removed; None if that changes nothing."""
    text = html.unescape(markup) if "&" in markup else markup
    text = _INLINE_BETWEEN_DIGITS.sub("", text).replace("\u00a0", " ")
    return None if text == markup else text


def _unfold(text: str) -> str | None:
    """Folded content lines joined; None when nothing was folded.

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


def _office_text(xml: str) -> str:
    def replace(tag: re.Match[str]) -> str:
        return " " if tag.group(2) in _OFFICE_BREAKS else ""
    return html.unescape(_OFFICE_TAG.sub(replace, xml))


def _pdf_text(data: bytes) -> str:
    try:
        result = subprocess.run(["pdftotext", "-enc", "UTF-8", "-q", "-", "-"], input=data,
                                capture_output=True, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise _Unscannable(f"无法读取 PDF 文字（{type(error).__name__}）") from None
    if result.returncode != 0:
        raise _Unscannable("无法读取 PDF 文字（可能已加密或损坏）")
    return result.stdout.decode("utf-8", errors="replace")


def _xlsx_texts(data: bytes) -> Iterator[_Text]:
    try:
        book = openpyxl.load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise _Unscannable(f"无法读取 Excel 内容（{type(error).__name__}）") from None
    try:
        for sheet in book.worksheets:
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells = "\t".join("" if value is None else str(value) for value in row)
                if cells.strip():
                    yield _Text(cells, number, f"工作表“{sheet.title}”")
    finally:
        book.close()


def _office_zip_texts(data: bytes) -> Iterator[_Text]:
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        members = [name for name in archive.namelist() if name.endswith(".xml")]
        for name in members:
            yield _Text(_office_text(archive.read(name).decode("utf-8", errors="replace")),
                        place=name)
    except (zipfile.BadZipFile, KeyError, OSError) as error:
        raise _Unscannable(f"无法读取文件内容（{type(error).__name__}）") from None


def _texts(name: str, data: bytes) -> Iterator[_Text]:
    suffix = Path(name).suffix.lower()
    if suffix == ".gz":
        try:
            inner = gzip.decompress(data)
        except (OSError, EOFError) as error:
            raise _Unscannable(f"无法解压（{type(error).__name__}）") from None
        yield from _texts(name[:-3], inner)
    elif suffix == ".pdf":
        yield _Text(_pdf_text(data), place="PDF", pages=True)
    elif suffix == ".xlsx":
        yield from _xlsx_texts(data)
    elif suffix in OFFICE_ZIP_SUFFIXES:
        yield from _office_zip_texts(data)
    elif suffix in OLD_OFFICE_SUFFIXES:
        raise _Unscannable(f"旧版 Office 文件（{suffix}）的内容无法检查")
    else:
        try:
            text = data.decode("utf-8", errors="replace" if suffix in TEXT_SUFFIXES else "strict")
        except UnicodeDecodeError:
            return  # images, fonts and other binary files hold no text
        yield _Text(text)
        if suffix in MARKUP_SUFFIXES:
            variant = _join_split_numbers(text)
        elif suffix in FOLDED_SUFFIXES:
            variant = _unfold(text)
        else:
            variant = None
        if variant is not None:
            yield _Text(variant)


def _locate(piece: _Text, starts: list[int], finding: Finding) -> tuple[int, str]:
    """The line of a finding within the file, and a place note (page, sheet) if any."""
    line = piece.line + bisect_right(starts, finding.start) - 1
    place = piece.place
    if piece.pages:
        place = f"PDF 第{piece.text.count(chr(12), 0, finding.start) + 1}页"
    return line, place


def _line_starts(text: str) -> list[int]:
    return [0] + [match.end() for match in re.finditer("\n", text)]


def _display_path(site_dir: Path, relpath: str, display_root: str | None) -> str:
    if display_root is not None:
        return f"{display_root.rstrip('/')}/{relpath}"
    path = site_dir / relpath
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.relative_to(site_dir.parent).as_posix()


def _scan_file(path: Path, shown: str, source: str | None,
               allowed: frozenset[str]) -> list[Problem]:
    from_where = f"（来自 {source}）" if source else ""
    seen: set[tuple[int, str, str]] = set()
    problems: list[Problem] = []
    try:
        for piece in _texts(path.name, path.read_bytes()):
            findings = find_personal_numbers(piece.text, allowed)
            starts = _line_starts(piece.text) if findings else []
            for finding in findings:
                line, place = _locate(piece, starts, finding)
                if (line, finding.kind, finding.digits) in seen:
                    continue
                seen.add((line, finding.kind, finding.digits))
                where = f"（{place}）" if place else ""
                problems.append(Problem(
                    shown, line, finding.label,
                    f"生成的网站文件{where}中有{finding.label} {finding.masked}{from_where}",
                    _HINTS[finding.kind]))
    except _Unscannable as error:
        return [Problem(shown, None, "", f"{error}，无法确认其中没有个人信息{from_where}",
                        "换成能读出文字的 PDF、.docx 或 .xlsx，或确认后从网站中移除")]
    problems.sort(key=lambda problem: problem.line)
    if len(problems) > FINDINGS_SHOWN_PER_FILE:
        extra = len(problems) - FINDINGS_SHOWN_PER_FILE
        problems = problems[:FINDINGS_SHOWN_PER_FILE] + [Problem(
            shown, None, "个人信息", f"这个文件里还有 {extra} 处个人号码没有逐一列出{from_where}",
            "多半是整列没有打码：检查名单声明中的 mask 和 publish")]
    return problems


def scan_site(site_dir: Path, allowed: frozenset[str],
              origin: Callable[[str], str | None] | None = None,
              display_root: str | None = None, since: float | None = None) -> list[Problem]:
    """Every personal number in every file under the built site, as problems.

    `origin` maps a path relative to `site_dir` (posix, e.g. "notices/x/index.html") to the
    data file it was made from, so the message can say where to fix it; it is called from
    worker threads or forked processes. Files are named `display_root/relpath` when given
    (a staging folder shown as "build/site"), else relative to the working folder or to
    site_dir's parent.
    `since` (a time stamp) limits the scan to files modified after it: an
    incremental build's untouched files were scanned when they were made.
    """
    def scan(relpath: str) -> list[Problem]:
        source = origin(relpath) if origin else None
        return _scan_file(site_dir / relpath, _display_path(site_dir, relpath, display_root),
                          source, allowed)

    files = [name for name in files_under(site_dir)
             if since is None or os.stat(os.path.join(site_dir, name)).st_mtime > since]
    if len(files) >= MANY:
        found = forked_map(scan, files)
    else:
        # Threads overlap the waits on pdftotext and on the disk; results keep the file order.
        with ThreadPoolExecutor(max_workers=4) as pool:
            found = list(pool.map(scan, files))
    return [problem for problems in found for problem in problems]


def scan_value(text: str, file: str, line: int | None, field: str,
               allowed: frozenset[str]) -> list[Problem]:
    """Personal numbers in one data value (a body, a summary, an attachment's file name).

    `line` is the line where `text` starts in `file`; a finding on the text's third line
    is reported two lines further down.
    """
    findings = find_personal_numbers(text, allowed)
    starts = _line_starts(text) if findings else []
    return [Problem(file, None if line is None else line + bisect_right(starts, f.start) - 1,
                    field, f"写有{f.label} {f.masked}，会被公开", _HINTS[f.kind])
            for f in findings]
