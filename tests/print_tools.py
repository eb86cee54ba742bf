"""Reading PDFs back with poppler and zbar, as a person with the printout would."""

from __future__ import annotations

import re
import subprocess
import zlib
from collections import Counter
from pathlib import Path


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def pdf_text(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return _run("pdftotext", "-layout", *pages, str(pdf), "-")


def flat(text: str) -> str:
    """Text without spaces or line breaks: a title may wrap anywhere on paper."""
    return re.sub(r"\s+", "", text)


def pdf_info(pdf: Path) -> dict[str, str]:
    return dict(line.split(":", 1) for line in _run("pdfinfo", str(pdf)).splitlines() if ":" in line)


def page_count(pdf: Path) -> int:
    return int(pdf_info(pdf)["Pages"])


def page_size(pdf: Path) -> str:
    return pdf_info(pdf)["Page size"].strip()


def pdf_fonts(pdf: Path) -> list[dict[str, str]]:
    """pdffonts rows: name and whether the font is embedded."""
    lines = _run("pdffonts", str(pdf)).splitlines()[2:]
    rows = []
    for line in lines:
        # name type… encoding emb sub uni object ID: read from the right, the type has spaces.
        parts = line.split()
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4]})
    return rows


def qr_codes(pdf: Path, page: int, workdir: Path) -> list[str]:
    """Decode the QR codes on a page rasterised at 150 dpi."""
    prefix = workdir / f"{pdf.stem}-p{page}"
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", "-f", str(page), "-l", str(page),
                    str(pdf), str(prefix)], check=True)
    result = subprocess.run(["zbarimg", "--quiet", "--raw", f"{prefix}.png"],
                            capture_output=True, text=True)
    return result.stdout.split()


_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
_TOKEN = re.compile(rb"\[(?:<[0-9a-fA-F]*>|\((?:\\.|[^\\)])*\)|[^\]])*\]|<[0-9a-fA-F]*>"
                    rb"|\((?:\\.|[^\\)])*\)|/[^\s/\[\]<>()]+|[^\s\[\]<>()/]+")
_HEX = re.compile(rb"<([0-9a-fA-F]*)>")


def type_sizes(pdf: Path) -> Counter:
    """Glyphs printed at each type size (pt, one decimal), read from the page content
    streams: the Tf size scaled by the text and transformation matrices (no rotation)."""
    sizes: Counter = Counter()
    for match in _STREAM.finditer(pdf.read_bytes()):
        try:
            content = zlib.decompress(match.group(1))
        except zlib.error:
            continue            # fonts and images, not page content
        scale, stack, text_scale, size, operands = 1.0, [], 1.0, 0.0, []
        for token in _TOKEN.findall(content):
            if token[:1] in b"[<(/" or re.fullmatch(rb"-?[\d.]+", token):
                operands.append(token)
                continue
            if token == b"q":
                stack.append(scale)
            elif token == b"Q" and stack:
                scale = stack.pop()
            elif token == b"cm":
                scale *= abs(float(operands[0]))
            elif token == b"Tm":
                text_scale = abs(float(operands[0]))
            elif token == b"Tf":
                size = float(operands[-1])
            elif token in (b"TJ", b"Tj") and operands:
                # CID fonts (how the CJK fonts are embedded): two bytes a glyph.
                glyphs = sum(len(h) // 4 for h in _HEX.findall(operands[-1]))
                sizes[round(size * text_scale * scale, 1)] += glyphs
            operands = []
    return sizes


SCREENSHOTS = Path(__file__).resolve().parent.parent / "build" / "screenshots"


def save_page_image(pdf: Path, page: int, name: str) -> Path:
    """A page of a PDF as a PNG in build/screenshots/, for people to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    prefix = SCREENSHOTS / name
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", "-f", str(page), "-l", str(page),
                    str(pdf), str(prefix)], check=True)
    return prefix.with_suffix(".png")
