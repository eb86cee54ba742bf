"""The hostile-input corpus (tests/corpus/xss_payloads.txt) and what may survive it."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus" / "xss_payloads.txt"

# A line the validator must warn about: it holds something the sanitiser removes.
# The others (entities shown as text, template braces, plain formatting) must pass quietly.
REMOVED = re.compile(
    r"(?i)<\s*/?\s*(script|iframe|svg|math|object|embed|meta|base|link|style|form|input|"
    r"textarea|button|video|audio|source|marquee|body|template|noscript|font|center|scr)\b"
    r"|\bon\w+\s*=|javascript|vbscript|data:|style=|target=|background=|__config|__drawer|data-md-|srcdoc"
    r"|=\"[^\"]*&#|<!--(?!.*-->)")


# A case that opens an element whose content is dropped (script, style, …) or a comment
# and never closes it: the rest of that same text is inside it, in any browser.
_SWALLOWS = re.compile(
    r"(?is)<(script|style|textarea|title|xmp|iframe|noembed|noframes|noscript|plaintext|"
    r"template|svg|math|select)\b(?![^\n]*</\1)|<!--(?!>|->)(?!.*-->)")


def swallows_what_follows(payload: str) -> bool:
    return bool(_SWALLOWS.search(payload))


def payloads() -> list[str]:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [line.replace("\\n", "\n") for line in lines if line.strip() and not line.startswith("#")]


def expected_warning(payload: str) -> bool:
    return bool(REMOVED.search(payload))


class _Survey(HTMLParser):
    """Every element and attribute of an HTML text, parsed as a browser would tokenise it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]


def live_script(html: str) -> list[str]:
    """What in `html` could run script or restyle the page: script-capable elements,
    event handlers, style attributes, URLs with a scheme other than the allowed ones."""
    survey = _Survey()
    survey.feed(html)
    survey.close()
    found = [f"<{tag}>" for tag in survey.tags
             if tag in ("script", "iframe", "svg", "math", "object", "embed", "meta", "base",
                        "link", "style", "input", "button", "textarea", "template", "frame")]
    for tag, name, value in survey.attributes:
        plain = re.sub(r"[\x00-\x20]+", "", value).lower()
        if name.startswith("on") or name in ("style", "srcdoc", "formaction", "action"):
            found.append(f"<{tag} {name}>")
        elif name in ("href", "src", "xlink:href", "background", "cite") \
                and re.match(r"^[a-z][a-z0-9+.\-]*:", plain) \
                and not re.match(r"^(https?|mailto|tel):", plain):
            found.append(f"<{tag} {name}={value[:30]}>")
    return found
