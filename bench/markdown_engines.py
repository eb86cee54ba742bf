"""The two Markdown engines on the pages gongkai generates: Python-Markdown with the
site's mkdocs.yml extensions (what MkDocs used) and markdown-it-pyrs (CommonMark, raw
HTML on, tables), which MkDocs uses for pages whose front matter says
`markup: commonmark`. Prints milliseconds per page for each, and how many pages
came out different after normalising (tests/test_commonmark_oracle.py requires none).

  python bench/markdown_engines.py [SITE_FOLDER ...]    (default: this repository's example)

Each site is rendered (not built) as of today; its generated pages are converted
three times by each engine, and the fastest round counts, in CPU time of this
process (on a shared machine, wall time measures the other users).
"""

from __future__ import annotations

import sys
import time
from datetime import date
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import markdown
from markdown_it_pyrs import MarkdownIt
from mkdocs.utils.meta import get_data

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from generator.render.clerk import EXTENSION_CONFIGS, EXTENSIONS  # noqa: E402

ROUNDS = 3
_SLOW = markdown.Markdown(extensions=list(EXTENSIONS), extension_configs=EXTENSION_CONFIGS)
_FAST = MarkdownIt("commonmark").enable("table")


def render_docs(root: Path, as_of: date | None = None) -> dict[str, bytes]:
    """The docs tree of the site in `root` (path → bytes), rendered as of `as_of`
    (else today), as `gongkai build` writes it to build/docs."""
    from generator.pipeline import PIPELINE
    from generator.validated import load_and_validate
    from generator.render import make_context, render_context
    from generator.today import today

    site, _ = load_and_validate(root)
    return render_context(make_context(site, as_of or today(site.config.timezone)), PIPELINE)


def commonmark_pages(files: dict[str, bytes]) -> dict[str, str]:
    """docs path → Markdown (front matter removed) of every page whose front matter
    says `markup: commonmark`."""
    pages = {}
    for path, content in sorted(files.items()):
        if path.endswith(".md"):
            body, meta = get_data(content.decode("utf-8"))
            if meta.get("markup") == "commonmark":
                pages[path] = body
    return pages


def python_markdown(text: str) -> str:
    return _SLOW.reset().convert(text)


def markdown_it(text: str) -> str:
    return _FAST.render(text)


class _Canonical(HTMLParser):
    """HTML as a list of tokens: tags with sorted attributes, text with entities read
    and runs of whitespace made one space; whitespace alone between tags dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tokens.append("<" + tag + "".join(f' {k}="{escape(v or "")}"' for k, v in sorted(attrs)) + ">")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        self.tokens.append(f"</{tag}>")

    def handle_data(self, data):
        text = " ".join(data.split())
        if text:
            if self.tokens and self.tokens[-1].startswith("text:"):
                self.tokens[-1] += " " + text if data[:1].isspace() else text
            else:
                self.tokens.append("text:" + text)

    def handle_comment(self, data):
        self.tokens.append(f"<!--{data}-->")


def normalise(html: str) -> list[str]:
    parser = _Canonical()
    parser.feed(html)
    parser.close()
    return parser.tokens


def differences(pages: dict[str, str]) -> dict[str, tuple[list[str], list[str]]]:
    """Pages whose two conversions differ: path → (Python-Markdown, markdown-it) tokens."""
    found = {}
    for path, text in pages.items():
        slow, fast = normalise(python_markdown(text)), normalise(markdown_it(text))
        if slow != fast:
            found[path] = (slow, fast)
    return found


def _fastest(convert, texts: list[str]) -> float:
    best = float("inf")
    for _ in range(ROUNDS):
        started = time.process_time()
        for text in texts:
            convert(text)
        best = min(best, time.process_time() - started)
    return best


def main() -> None:
    roots = [Path(arg).resolve() for arg in sys.argv[1:]] or [REPO]
    for root in roots:
        pages = commonmark_pages(render_docs(root))
        texts = list(pages.values())
        print(f"{root}: {len(texts)} 个生成页面，{sum(map(len, texts)) / max(len(texts), 1) / 1024:.1f} KB/页")
        for label, convert in (("Python-Markdown（站点扩展）", python_markdown),
                               ("markdown-it-pyrs（CommonMark）", markdown_it)):
            seconds = _fastest(convert, texts)
            print(f"  {label:<30} {seconds * 1000 / max(len(texts), 1):8.3f} ms/页  共 {seconds:6.3f} s（CPU）")
        print(f"  两种引擎结果不同的页面：{len(differences(pages))}")


if __name__ == "__main__":
    main()
