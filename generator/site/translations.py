"""Material's interface strings looked up once per build, not on every page.

Each of Material's templates imports partials/language.html, whose `t(key)` builds
the language's whole table of strings to look up one of them (and English's, for
a key the language lacks): about a sixth of the time Material's frame took on a
page. The table is chosen by the theme's language alone and imported without
the page's context, so a key's string is the same on every page: the theme's
language.html hands Material's own lookup to `Translations`, which keeps what it
returns for each key.
"""

from __future__ import annotations

from functools import partial

from jinja2 import Environment


class Translations:
    def __init__(self) -> None:
        self.done: dict[tuple[str, str], object] = {}

    def __call__(self, language: str, lookup):
        """The page's `t`: Material's `lookup`, made once per language and key."""
        return partial(self.get, language, lookup)

    def get(self, language: str, lookup, key: str):
        if (language, key) not in self.done:
            self.done[language, key] = lookup(key)
        return self.done[language, key]


def install(env: Environment) -> None:
    env.globals["gongkai_translations"] = Translations()
