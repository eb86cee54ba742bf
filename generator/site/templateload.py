"""Jinja's bookkeeping around Material's templates, made cheap for thousands of pages.

Material's page frame includes or imports templates some forty times a page, and
each time Jinja (3.1.6, pinned) looked the template up in an LRU cache that
moves it to the front of a list under a lock, and built a context from the
template's globals, a ChainMap over the environment's that is slow to iterate
and to compare: together about a sixth of the time the frame took. Here the
cache is a plain dict (a build loads each template once and never needs to
forget one) and a template's globals are one dict, a copy of the environment's
made as the template is loaded. And `x.name` on a dict (front matter, mkdocs.yml's
settings), which Jinja tries as an attribute first, raising and catching an
error a fifth of the time, is looked up as the key it will end up being.

The copy sees no global added after that, so this is done only when gongkai's
is the site's only plugin: gongkai adds its globals (site/navmemo.py) before
any template is loaded, and no other plugin's `on_env` can add one later.
"""

from __future__ import annotations

from functools import partial

from jinja2 import Environment

# All a plain dict has as attributes: its type's (it has no __dict__ of its own).
_DICT_ATTRIBUTES = frozenset(dir(dict))


def install(env: Environment, plugins) -> None:
    if set(plugins) != {"gongkai"}:
        return
    env.cache = dict(env.cache.items()) if env.cache is not None else None
    env.make_globals = lambda own=None: {**env.globals, **(own or {})}
    env.getattr = partial(getattr_, env)


def getattr_(env: Environment, obj, attribute: str):
    """What `env.getattr` gives (Jinja's `Environment.getattr`), sooner for a dict."""
    if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
        try:
            return obj[attribute]
        except KeyError:
            return env.undefined(obj=obj, name=attribute)
    return Environment.getattr(env, obj, attribute)
