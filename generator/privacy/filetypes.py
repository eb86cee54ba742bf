"""Which files the leak scan can read, and so which attachments may be published.

One list serves the validator (an attachment type is allowed only if the scan can read
every byte of it) and the post-build scan (a file of any other type is refused, never
skipped).
"""

from __future__ import annotations

from pathlib import PurePosixPath

# Read as text; markup may split a number with tags, calendars fold lines.
TEXT = frozenset({"html", "htm", "js", "mjs", "json", "xml", "csv", "txt", "md", "ics", "vcf",
                  "svg", "css", "map", "rss", "atom", "webmanifest", "yaml", "yml",
                  "conf"})   # conf: the Content-Security-Policy header nginx includes (site/csp.py)
MARKUP = frozenset({"html", "htm", "xml", "svg", "json", "rss", "atom"})
FOLDED = frozenset({"ics", "vcf"})
# Zip packages of XML parts, read part by part and recursively (embedded files).
ZIPPED_XML = frozenset({"docx", "xlsx", "pptx", "odt", "ods", "odp", "ofd"})
# Binary formats where text can only sit as plain bytes: images (metadata segments and
# chunks; compressed PNG text is unpacked), fonts, embedded objects.
IMAGES = frozenset({"jpg", "jpeg", "png", "gif", "webp", "ico", "bmp"})
# Besides images, the fonts and drawings Office and OFD packages embed (odttf: Word's
# obfuscated fonts), OLE objects (bin) and OFD signatures (dat).
PLAIN_BINARY = IMAGES | frozenset({"jfif", "wdp", "tif", "tiff", "emf", "wmf", "woff", "woff2",
                                   "ttf", "otf", "odttf", "bin", "dat"})
# Our search index's shards hold grams cut from the text of the pages and of
# search/doc/*.json, which are read in full, packed among postings (plain numbers): read
# as bytes they show numbers that are in no page. Only their names are checked.
# (search/layout.SEARCH_DIR; not imported, as the model imports this module.)
SEARCH_SHARD = "search/", ".bin"
PDF = "pdf"
GZIP = "gz"
# Formats whose text is hidden in a structure we do not read; the message says what to do.
OLD_OFFICE = frozenset({"doc", "xls", "ppt", "wps", "et", "dps"})

# Attachment types a site may publish: all readable, and what offices actually post.
ATTACHMENT_TYPES = ("pdf", "ofd", "docx", "xlsx", "jpg", "jpeg", "png")
READABLE = TEXT | ZIPPED_XML | PLAIN_BINARY | {PDF, GZIP}


def suffix_of(name: str) -> str:
    """The type of a file by its name, lower case without the dot ("" for none)."""
    return PurePosixPath(name).suffix.lower().lstrip(".")


def is_search_shard(name: str) -> bool:
    """`name` (relative to the site) is one of the search index's binary shards."""
    return name.startswith(SEARCH_SHARD[0]) and name.endswith(SEARCH_SHARD[1])


def why_unreadable(suffix: str) -> str | None:
    """Why the scan cannot read a file of this type, in Chinese; None when it can."""
    if suffix in READABLE:
        return None
    if suffix in OLD_OFFICE:
        return f"旧版 Office/WPS 文件（.{suffix}）的内容无法检查"
    return f"不认识的文件类型（.{suffix or '无扩展名'}），内容无法检查"


def how_to_fix(suffix: str) -> str:
    if suffix in OLD_OFFICE:
        return "请另存为 .docx、.xlsx 或 PDF 后再公开"
    return "换成 PDF、OFD、.docx、.xlsx、JPG 或 PNG，或确认后从网站中移除"
