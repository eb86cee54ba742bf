"""A generated page's front matter, read a line at a time as JSON (site/frontmatter.py),
is what MkDocs' YAML reader makes of it: on every page the example site generates, and
where YAML reads JSON otherwise, which goes to MkDocs' reader."""

from __future__ import annotations

import pytest
from mkdocs.utils.meta import get_data

from generator.render.pages import dump_front, is_generated
from generator.site import frontmatter
from generator.site.frontmatter import read_front_matter


def test_every_generated_page_of_the_example_reads_as_mkdocs_reads_it(example_built, monkeypatch):
    sources = [path.read_text(encoding="utf-8-sig")
               for path in sorted((example_built.root / "build/docs").rglob("*.md"))]
    generated = [source for source in sources if is_generated(source)]
    assert len(generated) > 40
    fallbacks = []
    monkeypatch.setattr(frontmatter, "get_data", lambda source: fallbacks.append(source)
                        or get_data(source))
    for source in sources:
        assert read_front_matter(source) == get_data(source)
    # The fast reading is the one that was used for the generated pages.
    assert not any(is_generated(source) for source in fallbacks)


@pytest.mark.parametrize("front", [
    {"markup": "commonmark", "title": "收费标准 <b>&amp;</b> \"引号\"", "version": 3,
     "search": {"kind": "政策文件", "n": [1, -2, None, True]}, "on": "yes", "null": False,
     "键": "\u0085\u2028\x7f\U0001f600 尾", "tab\there": "\t", "empty": "", "list": []},
])
def test_dump_front_reads_back_as_yaml_reads_it(front):
    source = dump_front(front) + "正文\n"
    assert read_front_matter(source) == get_data(source)
    assert read_front_matter(source)[1] == front


@pytest.mark.parametrize("block", [
    'markup: "commonmark"\nratio: 1.5',             # YAML 1.1 and JSON agree, but checked by YAML
    'markup: "commonmark"\nbig: 1e5',               # YAML 1.1: the text "1e5"
    'markup: "commonmark"\nn: NaN',
    'markup: "commonmark"\nyes: 1',                 # the key is True in YAML 1.1
    'markup: "commonmark"\ntitle: plain text',
    'markup: "commonmark"\ntitle: "a" # note',
    'markup: "commonmark"\ntitle: "bell \x07"',     # YAML refuses it: MkDocs reads no front matter
    'markup: "commonmark"\ntitle: "\\ud83d\\ude00"',  # escaped surrogates: libyaml refuses them
    'markup: "commonmark"\nlist:\n  - 1',
])
def test_anything_else_is_read_by_mkdocs(block):
    source = f"---\n{block}\n---\n\n正文\n"
    assert read_front_matter(source) == get_data(source)
