"""The corpus of tests/corpus/: every hostile case is refused by the validator (naming the
data file and line) and found by the post-build scan in every kind of output, in file
names and in every place of every attachment type; no harmless case is reported; no
message ever shows a corpus number."""

from __future__ import annotations

import csv
import gzip
import html
import io
import json
import zipfile
from dataclasses import replace
from functools import partial
from pathlib import Path

import icalendar
import openpyxl
import pypdf
import pytest
import weasyprint
from openpyxl.comments import Comment
from PIL import Image, PngImagePlugin

from generator.pipeline import PIPELINE, Pipeline
from generator.privacy import filetypes
from generator.privacy.detect import allowed_numbers, find_personal_numbers, mask_numbers
from generator.privacy.scan import scan_site
from generator.problems import Problem, ProblemsError, UsageError
from generator.validate.personal import check_personal, personal_in_file
from generator.validated import load_and_validate
from privacy_corpus import DECLARED, NUMBERS, harmless, hostile, leaked

HOSTILE = hostile()
HARMLESS = harmless()
POLICY = "data/policies/xize.yaml"


def test_the_corpus_is_large_and_every_case_names_a_corpus_number():
    assert len(HOSTILE) >= 150 and len(HARMLESS) >= 50
    for case in HOSTILE:
        assert leaked(case.text), case


def test_every_hostile_case_is_found_as_its_kind_and_masked_away():
    missed = []
    for case in HOSTILE:
        kinds = {finding.kind for finding in find_personal_numbers(case.text)}
        if case.kind not in kinds or leaked(mask_numbers(case.text)):
            missed.append(str(case))
    assert not missed, "\n".join(missed)


def test_no_harmless_case_is_found():
    allowed = allowed_numbers(DECLARED)
    found = [f"{case}: {[f.masked for f in find_personal_numbers(case.text, allowed)]}"
             for case in HARMLESS if find_personal_numbers(case.text, allowed)]
    assert not found, "\n".join(found)


def test_messages_never_show_a_number_in_full():
    for case in HOSTILE:
        problem = Problem(f"data/policies/{case.text[:20]}.yaml", 3, "related",
                          f"找不到相关文件「{case.text}」", f"把「{case.text}」改成现有条目的文件名")
        assert not leaked(str(problem)), case
        assert not leaked(str(UsageError(f"找不到 {case.text}"))), case


def _body_with_every_case(minimal) -> dict[int, list]:
    """Every hostile case in the policy's body, one paragraph each: {line: [case]}."""
    text = minimal.read(POLICY)
    head, _, _ = text.partition("    body: |\n")
    first = head.count("\n") + 2
    lines, where = [], {}
    for case in HOSTILE:
        where.setdefault(first + len(lines), []).append(case)
        lines.extend(case.text.replace("\r\n", "\n").split("\n"))
        lines.append("")
    body = "".join(f"      {line}\n" if line else "\n" for line in lines)
    minimal.write(POLICY, f"{head}    body: |\n{body}")
    return where


def test_the_validator_refuses_each_case_in_a_body_naming_file_and_line(minimal):
    where = _body_with_every_case(minimal)
    with pytest.raises(ProblemsError) as caught:
        load_and_validate(minimal.root)
    reported = {p.line for p in caught.value.problems
                if p.file == POLICY and p.field == "versions[1].body" and "会被公开" in p.message}
    missed = [str(case) for line, cases in where.items() if line not in reported for case in cases]
    assert not missed, "\n".join(missed)
    assert not any(leaked(str(p)) for p in caught.value.problems)


def _file_name_cases() -> list:
    return [case for case in HOSTILE
            if not set(case.text) & set('/\\\n\r\t<>:"|?*&#;\'`~[]() ') and case.text.strip()]


def test_file_names_holding_a_number_are_refused_by_validator_and_scan(minimal, tmp_path):
    cases = _file_name_cases()
    assert len(cases) >= 40
    entries = "".join(f"  - file: 附件{case.text}.pdf\n" for case in cases)
    minimal.replace(POLICY, "topic: 计划生育\n", f"topic: 计划生育\nattachments:\n{entries}")
    with pytest.raises(ProblemsError) as caught:
        load_and_validate(minimal.root)
    reported = {p.line for p in caught.value.problems if p.file == POLICY and "会被公开" in p.message}
    assert reported >= set(range(8, 8 + len(cases)))

    site = tmp_path / "site"
    for number, case in enumerate(cases):
        (site / f"n{number}").mkdir(parents=True)
        (site / f"n{number}" / f"{case.text}.html").write_text("<p>公示</p>", encoding="utf-8")
    named = {p.file.split("/")[1] for p in scan_site(site, frozenset()) if "文件名" in p.message}
    assert named == {f"n{number}" for number in range(len(cases))}


def _outputs(case, number: int, site: Path) -> list[str]:
    """The case written into each kind of text the site serves, as our code writes them."""
    folder = site / f"c{number:03d}"
    folder.mkdir(parents=True)
    files = {
        "index.html": f"<!doctype html>\n<article>\n<p>{case.text}</p>\n</article>\n",
        "doc.json": json.dumps({"title": "公示", "text": case.text}),
        "raw.json": json.dumps({"text": case.text}, ensure_ascii=False, indent=1),
        "feed.xml": f"<rss>\n<item><description>{html.escape('<p>' + case.text + '</p>')}"
                    "</description></item>\n</rss>\n",
    }
    table = io.StringIO()
    csv.writer(table).writerows([["编号", "正文"], [f"x{number}", case.text]])
    files["list.csv"] = table.getvalue()
    calendar = icalendar.Calendar()
    event = icalendar.Event()
    event.add("summary", "公示期")
    event.add("description", "公示名单说明" * 8 + case.text)
    calendar.add_component(event)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "feed.ics").write_bytes(calendar.to_ical())
    (folder / "index.html.gz").write_bytes(gzip.compress(files["index.html"].encode()))
    return [f"c{number:03d}/{name}" for name in [*files, "feed.ics", "index.html.gz"]]


def test_the_scan_finds_each_case_in_every_kind_of_output(tmp_path):
    site = tmp_path / "site"
    expected = {name: case for number, case in enumerate(HOSTILE)
                for name in _outputs(case, number, site)}
    problems = scan_site(site, frozenset(), display_root="site")
    found = {p.file.removeprefix("site/") for p in problems}
    missed = [f"{name}: {case}" for name, case in expected.items() if name not in found]
    assert not missed, "\n".join(missed)
    assert not any(leaked(str(p)) for p in problems)


# -- attachments: each place of each type that can hold text


def _pdf(case_text: str, build) -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    build(writer, case_text)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pdf_link(writer, text):
    from pypdf.annotations import Link
    writer.add_annotation(0, Link(rect=(10, 10, 100, 30), url=f"tel:{text}"))


def _zip(parts: dict[str, str | bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def _docx(**extra: str | bytes) -> bytes:
    parts: dict[str, str | bytes] = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types/>',
        "word/document.xml": '<?xml version="1.0"?><w:document><w:body><w:p><w:r><w:t>公示</w:t>'
                             "</w:r></w:p></w:body></w:document>"}
    parts.update({name.replace("__", "/").replace("_dot_", "."): data for name, data in extra.items()})
    return _zip(parts)


def _xlsx(build) -> bytes:
    book = openpyxl.Workbook()
    book.active.title = "名单"
    book.active.append(["姓名", "备注"])
    build(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _image(kind: str, build) -> bytes:
    out = io.BytesIO()
    build(Image.new("RGB", (8, 8), "white"), out, kind)
    return out.getvalue()


def _png_info(method: str, text: str) -> PngImagePlugin.PngInfo:
    info = PngImagePlugin.PngInfo()
    if method == "itxt":
        info.add_itxt("Comment", text, zip=True)
    else:
        info.add_text("Comment", text, zip=method == "ztxt")
    return info


def _exif(text: str) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010E] = text           # ImageDescription
    return exif


def _jpeg_with_comment(text: str) -> bytes:
    plain = _image("JPEG", lambda image, out, kind: image.save(out, kind))
    segment = text.encode("utf-8")
    # A COM segment right after the start-of-image marker.
    return plain[:2] + b"\xff\xfe" + (len(segment) + 2).to_bytes(2, "big") + segment + plain[2:]


def _sheet_with_formula(book, text):
    # The number glued from strings by a formula; Excel shows it whole.
    digits = "".join(ch for ch in text if ch.isdigit() or ch in "Xx")
    book.active["B2"] = f'="{digits[:7]}"&"{digits[7:]}"'


def _ofd(text: str) -> bytes:
    half = len(text) // 2
    page = ('<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016">'
            f'<ofd:Content><ofd:Layer><ofd:TextObject><ofd:TextCode X="0" Y="0">{html.escape(text[:half])}'
            f'</ofd:TextCode><ofd:TextCode X="30" Y="0">{html.escape(text[half:])}</ofd:TextCode>'
            "</ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>")
    return _zip({"OFD.xml": '<?xml version="1.0"?><ofd:OFD/>', "Doc_0/Pages/Page_0/Content.xml": page})


PLACES = {
    "pdf-text.pdf": lambda t: weasyprint.HTML(string=f"<p>公示</p><p>{html.escape(t)}</p>").write_pdf(),
    "pdf-metadata.pdf": lambda t: _pdf(t, lambda w, x: w.add_metadata({"/Author": x})),
    "pdf-keywords.pdf": lambda t: _pdf(t, lambda w, x: w.add_metadata({"/Keywords": f"名单,{x}"})),
    "pdf-link.pdf": lambda t: _pdf(t, _pdf_link),
    "pdf-bookmark.pdf": lambda t: _pdf(t, lambda w, x: w.add_outline_item(f"王秀英 {x}", 0)),
    "pdf-embedded.pdf": lambda t: _pdf(t, lambda w, x: w.add_attachment("名单.csv", f"姓名,号码\n王秀英,{x}\n".encode())),
    "pdf-embedded-name.pdf": lambda t: _pdf(t, lambda w, x: w.add_attachment(f"{x}.txt", b"x")),
    "docx-body.docx": lambda t: _docx(word__document_dot_xml=f"<w:document><w:p><w:r><w:t>{html.escape(t[:5])}</w:t></w:r><w:r><w:t>{html.escape(t[5:])}</w:t></w:r></w:p></w:document>"),
    "docx-link-target.docx": lambda t: _docx(word___rels__document_dot_xml_dot_rels=f'<Relationships><Relationship Id="rId9" Target="tel:{html.escape(t, quote=True)}" TargetMode="External"/></Relationships>'),
    "docx-comment.docx": lambda t: _docx(word__comments_dot_xml=f"<w:comments><w:comment><w:p><w:r><w:t>{html.escape(t)}</w:t></w:r></w:p></w:comment></w:comments>"),
    "docx-properties.docx": lambda t: _docx(docProps__core_dot_xml=f"<cp:coreProperties><dc:creator>{html.escape(t)}</dc:creator></cp:coreProperties>"),
    "docx-embedded-workbook.docx": lambda t: _docx(word__embeddings__Sheet1_dot_xlsx=_xlsx(lambda b: b.active.append(["王秀英", t]))),
    "xlsx-cell.xlsx": lambda t: _xlsx(lambda b: b.active.append(["王秀英", t])),
    "xlsx-comment.xlsx": lambda t: _xlsx(lambda b: setattr(b.active["A1"], "comment", Comment(t, "经办人"))),
    "xlsx-properties.xlsx": lambda t: _xlsx(lambda b: setattr(b.properties, "creator", t)),
    "xlsx-formula.xlsx": lambda t: _xlsx(lambda b: _sheet_with_formula(b, t)),
    "ofd-text.ofd": _ofd,
    "jpg-comment.jpg": _jpeg_with_comment,
    "jpg-exif.jpg": lambda t: _image("JPEG", lambda i, o, k: i.save(o, k, exif=_exif(t))),
    "png-text.png": lambda t: _image("PNG", lambda i, o, k: i.save(o, k, pnginfo=_png_info("text", t))),
    "png-ztxt.png": lambda t: _image("PNG", lambda i, o, k: i.save(o, k, pnginfo=_png_info("ztxt", t))),
    "png-itxt.png": lambda t: _image("PNG", lambda i, o, k: i.save(o, k, pnginfo=_png_info("itxt", t))),
}
# Simple cases for places that hold plain strings; the split ones go where text runs.
_PLAIN = [case for case in HOSTILE if "<" not in case.text and "&" not in case.text]


def _attachments(folder: Path) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for number, (name, make) in enumerate(PLACES.items()):
        case = _PLAIN[(number * 7) % len(_PLAIN)]
        (folder / name).write_bytes(make(case.text))
        names.append(name)
    return names


def test_every_attachment_type_is_a_readable_type():
    assert set(filetypes.ATTACHMENT_TYPES) <= filetypes.READABLE
    assert {"doc", "xls", "wps"}.isdisjoint(filetypes.ATTACHMENT_TYPES)
    assert {filetypes.suffix_of(name) for name in PLACES} >= set(filetypes.ATTACHMENT_TYPES) - {"jpeg"}


def test_every_place_of_every_attachment_type_is_refused_and_scanned(minimal, tmp_path):
    names = _attachments(minimal.path("data/attachments"))
    entries = "".join(f"  - file: {name}\n" for name in names)
    minimal.replace(POLICY, "topic: 计划生育\n", f"topic: 计划生育\nattachments:\n{entries}")
    with pytest.raises(ProblemsError) as caught:
        load_and_validate(minimal.root)
    by_line = {p.line: p for p in caught.value.problems
               if p.file == POLICY and p.field.startswith("attachments[") and "会被公开" in p.message}
    missed = [name for line, name in enumerate(names, start=8) if line not in by_line]
    assert not missed, "\n".join(str(p) for p in caught.value.problems)
    assert not any(leaked(str(p)) for p in caught.value.problems)

    site = tmp_path / "built"
    _attachments(site / "attachments")
    problems = scan_site(site, frozenset(), display_root="site")
    found = {p.file.removeprefix("site/attachments/") for p in problems if p.field}
    assert found == set(names)
    assert not any(leaked(str(p)) for p in problems)


@pytest.mark.parametrize("name", ["名单.doc", "名单.xls", "名单.wps", "名单.zip", "名单.rar", "说明"])
def test_a_file_the_scan_cannot_read_is_refused_not_skipped(tmp_path, name):
    site = tmp_path / "site"
    site.mkdir()
    (site / name).write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
    [problem] = scan_site(site, frozenset())
    assert "无法确认其中没有个人信息" in problem.message and problem.hint


@pytest.mark.parametrize("name", ["名单.doc", "名单.xls", "名单.wps"])
def test_old_office_attachments_are_refused_with_how_to_save_them(minimal, name):
    minimal.path("data/attachments").mkdir(exist_ok=True)
    minimal.path(f"data/attachments/{name}").write_bytes(b"\xd0\xcf\x11\xe0")
    minimal.replace(POLICY, "topic: 计划生育\n", f"topic: 计划生育\nattachments:\n  - file: {name}\n")
    with pytest.raises(ProblemsError) as caught:
        load_and_validate(minimal.root)
    [problem] = [p for p in caught.value.problems if p.field == "attachments[1].file"]
    assert problem.line == 8 and "另存为 .docx、.xlsx 或 PDF" in problem.hint


def test_the_corpus_numbers_are_the_ones_the_cases_use():
    assert {number for case in HOSTILE for number in leaked(case.text)} == NUMBERS


def test_print_runs_the_build_scan_and_writes_nothing_when_it_finds_a_number(minimal, monkeypatch,
                                                                             capsys):
    # With the validator's personal-number rule switched off, only the scan of what
    # `print` renders stands between a number in the data and the printed sheet.
    from generator.cli import main
    from generator.commands import print_cmd
    monkeypatch.setattr(print_cmd, "load_and_validate",
                        partial(load_and_validate, pipeline=_without_personal()))
    service = "data/services/guangrongzheng.yaml"
    minimal.replace(service, "conditions: [只生育一个子女的夫妻]",
                    "conditions: [只生育一个子女的夫妻，联系 139－8765－4321]")
    code = main(["-C", str(minimal.root), "print", "service/guangrongzheng", "--as-of", "2026-11-28"])
    err = capsys.readouterr().err
    assert code == 1
    assert "build/print/service-guangrongzheng.pdf" in err and f"（来自 {service}）" in err
    assert "139****4321" in err and not leaked(err)
    assert not minimal.path("build/print/service-guangrongzheng.pdf").exists()


def _without_personal() -> Pipeline:
    return replace(PIPELINE, checks=tuple(c for c in PIPELINE.checks if c.function is not check_personal),
                   file_checks=tuple(c for c in PIPELINE.file_checks if c.function is not personal_in_file))


def test_search_shards_are_where_the_search_index_writes_them():
    from generator.search.layout import SEARCH_DIR, heavy_paths, shard_path
    for shard in (shard_path(3), *heavy_paths(7)):
        assert filetypes.is_search_shard(f"{SEARCH_DIR}/{shard}")
    assert not filetypes.is_search_shard("attachments/x.bin")


def test_with_the_validator_bypassed_the_build_scan_traces_every_finding_to_the_data(minimal):
    from datetime import date
    from generator.build import build
    minimal.replace(POLICY, "第二条 本细则自发布之日起施行。",
                    "第二条 本细则自发布之日起施行。咨询 139<span>8765</span>４３２１。")
    with pytest.raises(ProblemsError) as caught:
        build(minimal.root, date(2026, 11, 28), pipeline=_without_personal())
    problems = [p for p in caught.value.problems if p.field == "手机号码"]
    files = {p.file for p in problems}
    assert "build/site/policies/xize/index.html" in files
    assert any(file.startswith("build/site/search/doc/") for file in files)
    assert all(f"（来自 {POLICY}）" in p.message for p in problems), "\n".join(map(str, problems))
    assert not any(leaked(str(p)) for p in caught.value.problems)
    assert not minimal.path("build/site").exists()
