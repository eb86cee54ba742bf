"""The leak scan: personal numbers anywhere in a built site, or in one value at validate time.

The built site is checked as the public will receive it, every file, so that numbers from
any source (a body, a list, an attachment, a search index, a feed) are caught, not only
those the validator knows about.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.cache.files import read_results
from generator.cache.store import Store
from generator.privacy import filetypes
from generator.privacy.detect import Finding, find_personal_numbers
from generator.privacy.readers import Text, Unreadable, texts
from generator.privacy.repeats import Finder
from generator.problems import Problem
from generator.walk import files_under

# Beyond this many findings in one file the rest are counted: a leaked list is one mistake.
FINDINGS_SHOWN_PER_FILE = 20
# The place of a finding in the file's own name.
NAME_PLACE = "文件名"

HINTS = {
    "id_card": "身份证号不能公开：删去它；名单里的身份证号放在名单文件中，并给该列写 mask: id_card 或 publish: false",
    "mobile": "删去或打码（如 138****1234）；如果这是公开的联系电话，在 data/contacts.yaml 中登记它",
    "bank_card": "银行卡号不能公开：删去它；名单里的银行卡号列写 publish: false",
}


def _locate(piece: Text, starts: list[int], finding: Finding) -> tuple[int | None, str]:
    """The line of a finding within the file, and a place note (page, sheet) if any."""
    line = None if piece.line is None else piece.line + bisect_right(starts, finding.start) - 1
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


@dataclass(frozen=True)
class FileFinding:
    """A personal number read out of a file, and where: line (None where lines mean
    nothing) and a place note (page, sheet, part)."""

    finding: Finding
    line: int | None
    place: str


def read_file(name: str, data: bytes, allowed: frozenset[str],
              find: Callable[[str], list[Finding]] | None = None,
              ) -> tuple[list[FileFinding], Unreadable | None]:
    """Personal numbers in the file `name` holding `data`, each once, its name included;
    and why the file could not be read in full, if it could not. `find` is
    find_personal_numbers with `allowed` (a `repeats.Finder` of it, over many files)."""
    find = find or Finder(allowed)
    seen: set[tuple[str, str]] = set()
    found: list[FileFinding] = []
    for piece in _pieces(name, data):
        if isinstance(piece, Unreadable):
            return found, piece
        findings = find(piece.text)
        starts = _line_starts(piece.text) if findings and piece.line is not None else []
        for finding in findings:
            if (finding.kind, finding.digits) in seen:
                continue  # the same number read again (escaped markup, a part's attributes)
            seen.add((finding.kind, finding.digits))
            found.append(FileFinding(finding, *_locate(piece, starts, finding)))
    return found, None


def _pieces(name: str, data: bytes) -> Iterator[Text | Unreadable]:
    yield Text(name, None, NAME_PLACE)
    try:
        yield from texts(name, data)
    except Unreadable as error:
        yield error


def unreadable_hint(name: str) -> str:
    return filetypes.how_to_fix(filetypes.suffix_of(name.removesuffix(".gz")))


def file_problems(name: str, data: bytes, shown: str, source: str | None,
                  allowed: frozenset[str]) -> list[Problem]:
    """Personal numbers in one built file as problems about `shown`; a file that cannot be
    read in full is one problem, never passed over."""
    found, unreadable = read_file(name, data, allowed)
    return _problems(name, shown, found, unreadable, lambda digits: source)


def _problems(name: str, shown: str, found: list[FileFinding], unreadable: Unreadable | None,
              source: Callable[[str], str | None]) -> list[Problem]:
    """`source` gives the data file a number (digits) came from, if known."""
    def from_where(digits: str = "") -> str:
        origin = source(digits)
        return f"（来自 {origin}）" if origin else ""

    problems = [Problem(shown, item.line, item.finding.label,
                        f"生成的网站文件{item.place and '（' + item.place + '）'}中有"
                        f"{item.finding.label} {item.finding.masked}{from_where(item.finding.digits)}",
                        HINTS[item.finding.kind])
                for item in found]
    if unreadable is not None:
        problems.append(Problem(shown, None, "", f"{unreadable}，无法确认其中没有个人信息{from_where()}",
                                unreadable_hint(name)))
    problems.sort(key=lambda problem: problem.line or 0)
    if len(problems) > FINDINGS_SHOWN_PER_FILE:
        extra = len(problems) - FINDINGS_SHOWN_PER_FILE
        problems = problems[:FINDINGS_SHOWN_PER_FILE] + [Problem(
            shown, None, "个人信息", f"这个文件里还有 {extra} 处个人号码没有逐一列出{from_where()}",
            "多半是整列没有打码：检查名单声明中的 mask 和 publish")]
    return problems


def scan_site(site_dir: Path, allowed: frozenset[str],
              origin: Callable[[str], str | None] | None = None,
              display_root: str | None = None,
              cache: Store | None = None) -> list[Problem]:
    """Every personal number in every file under the built site, as problems.

    `origin` maps a path relative to `site_dir` (posix, e.g. "notices/x/index.html") to the
    data file it was made from, so the message can say where to fix it; it is asked only
    about files with a finding. A number in a file made from many (open data, a
    feed) is traced to the data file of another page that shows it. Files are named
    `display_root/relpath` when given (a staging folder shown as "build/site"), else
    relative to the working folder or to site_dir's parent.
    `cache` keeps each file's findings by its name and bytes; `allowed` must be the
    numbers its fingerprint was made with.
    """
    # Each worker remembers the pieces it searched: the theme is most of every page.
    find = Finder(allowed)
    files = files_under(site_dir)
    # Files go to the workers 128 at a time: a build that finds most of them in the cache
    # spent a sixth of its scan handing out smaller batches.
    results = read_results(cache, site_dir, files,
                           lambda relpath, data: read_file(relpath, data, allowed, find),
                           chunksize=128)
    sources = {relpath: origin(relpath) if origin else None
               for relpath, (found, unreadable) in zip(files, results) if found or unreadable}
    traced = {item.finding.digits: sources[relpath]
              for relpath, (found, _) in zip(files, results) if found and sources[relpath]
              for item in found}
    return [problem for relpath, (found, unreadable) in zip(files, results) if relpath in sources
            for problem in _problems(relpath, _display_path(site_dir, relpath, display_root),
                                     found, unreadable,
                                     lambda digits, source=sources[relpath]:
                                     source or traced.get(digits))]


def scan_value(text: str, file: str, line: int | None, field: str,
               allowed: frozenset[str]) -> list[Problem]:
    """Personal numbers in one data value (a body, a summary, an attachment's file name).

    `line` is the line where `text` starts in `file`; a finding on the text's third line
    is reported two lines further down.
    """
    findings = find_personal_numbers(text, allowed)
    starts = _line_starts(text) if findings else []
    return [Problem(file, None if line is None else line + bisect_right(starts, f.start) - 1,
                    field, f"写有{f.label} {f.masked}，会被公开", HINTS[f.kind])
            for f in findings]
