"""The oracle for issue 23's decision 2: every page the generator writes reads the same
with Python-Markdown and the site's mkdocs.yml extensions (what MkDocs used) and with
markdown-it-pyrs (CommonMark plus raw HTML, tables), after normalising what HTML does
not care about (whitespace between tags, attribute order and quoting, character
references). So MkDocs may convert these pages with the fast engine.

Constructs that needed special care, each written as the HTML Python-Markdown made:
headings (`<hN id>`, ids from toc's slug and its _1 suffixes), admonitions, labels
before full-width punctuation (`<strong>`), table cells and the boxes around sections
(raw HTML with no Markdown and no blank line inside), links (`<a href>` with the final
URL), a version page's bar (drawn by the theme from the front matter's `frame`), and
text from data (`md`: Markdown's punctuation as character references, a list marker
at its start escaped).
"""

from __future__ import annotations

import re
import sys
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.render.environment import UnplannedLink, make_environment
from generator.sanitise import clean_page

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from markdown_engines import (commonmark_pages, differences, markdown_it, normalise,  # noqa: E402
                              python_markdown, render_docs)
from synth import make_site  # noqa: E402  (bench/ is no package)

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "corpus" / "markdown_text.txt"
AS_OF = date(2026, 11, 28)


def _shown(differ: dict) -> str:
    lines = []
    for path, (slow, fast) in list(differ.items())[:3]:
        first = next(i for i, (a, b) in enumerate(zip(slow + [""], fast + [""])) if a != b)
        lines.append(f"{path}: Python-Markdown {slow[first - 2:first + 3]} / markdown-it {fast[first - 2:first + 3]}")
    return "\n".join(lines)


@pytest.mark.parametrize("site", ["example", "synthetic"])
def test_every_generated_page_reads_the_same_with_both_engines(site, tmp_path):
    root = REPO if site == "example" else make_site(30, tmp_path / "synth")
    files = render_docs(root, AS_OF)
    pages = commonmark_pages(files)
    copied = {path.relative_to(root / "content").as_posix()
              for path in (root / "content").rglob("*.md")} - {"home.md", "guide.md"}
    # Every rendered page says so; the clerk's own pages from content/ do not.
    assert set(pages) == {path for path in files if path.endswith(".md")} - copied
    assert copied and not copied & set(pages)
    assert len(pages) > (50 if site == "example" else 100)
    differ = differences(pages)
    assert not differ, _shown(differ)
    # The pages are really made of the constructs at stake.
    text = "\n".join(pages.values())
    for construct in ('<h2 id="history">', '<div class="admonition', "<strong>内容概述：</strong>",
                      '<td data-label=', '<a href="../'):
        assert construct in text


def _corpus() -> list[str]:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [line.replace("\\n", "\n") for line in lines if line and not line.startswith("#")]


PLACES = """{% import "_macros.md.j2" as m with context %}
{{ m.heading(2, text) }}

{{ text | md }}

- {{ text | md }}
- <strong>{{ text | md }}</strong>：{{ text | md }}

{% call m.cards(["甲"]) %}
{{ m.row(["甲"], [text | md]) }}
{% endcall %}

{{ m.admonition("info", text, text | md) }}
"""


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def _text_of(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


@pytest.mark.parametrize("text", _corpus())
def test_text_from_data_is_text_with_either_engine(text):
    markdown = make_environment().from_string(PLACES).render(
        text=text, page_path="x/index.md", registry=frozenset(), anchors=set())
    slow, fast = python_markdown(markdown), markdown_it(markdown)
    assert normalise(slow) == normalise(fast), markdown
    # Each place shows the text as it was written (a line break inside Chinese is
    # none), and no element but the template's own.
    t = " ".join(re.sub(r"(?<=[\u4e00-\u9fff])\n(?=[\u4e00-\u9fff])", "", text).split())
    assert _text_of(clean_page(fast)) == " ".join([t, t, t, f"{t}：{t}", "甲", t, t, t])
    tags = set(re.findall(r"<([a-z0-9]+)", clean_page(fast)))
    assert tags <= {"h2", "p", "ul", "li", "strong", "table", "thead", "tbody", "tr", "th",
                    "td", "div"}, tags


def test_a_link_to_a_page_the_site_does_not_have_fails_the_render():
    template = make_environment().from_string('{{ url("fees/x/index.md") }}')
    assert template.render(page_path="fees/index.md", registry=frozenset({"fees/x/index.md"}),
                           anchors=set()) == "x/"
    with pytest.raises(UnplannedLink, match="链接到「fees/x/index.md」"):
        template.render(page_path="fees/index.md", registry=frozenset(), anchors=set())


def test_headings_get_the_ids_toc_gave_them():
    markdown = make_environment().from_string(
        '{% import "_macros.md.j2" as m with context %}'
        '{{ m.heading(2, "第一条 总则") }}\n\n{{ m.heading(2, "第一条 总则") }}\n\n'
        '{{ m.heading(2, "__填写") }}\n\n{{ m.heading(2, "？") }}\n').render(
        page_path="x/index.md", registry=frozenset(), anchors=set())
    old = python_markdown("## 第一条 总则\n\n## 第一条 总则\n\n## \\_\\_填写\n\n## ？\n")
    assert normalise(python_markdown(markdown)) == normalise(old)
