"""site/templateload.py's faster attribute lookup gives what Jinja's own gives."""

from __future__ import annotations

from collections import OrderedDict

from jinja2 import Environment

from generator.site.templateload import getattr_


class Meta(dict):
    """A dict subclass may have attributes of its own: left to Jinja."""

    title = "from the class"


def test_dict_lookups_are_jinjas():
    env = Environment()
    objects = [{"title": "题", "items": "as a key", "hide": ["toc"]}, {}, Meta(title="key"),
               OrderedDict(title="key"), None, "text", [1]]
    names = ["title", "items", "hide", "missing", "__class__", "keys", "__doc__", "get", "upper"]
    for obj in objects:
        for name in names:
            ours, jinjas = getattr_(env, obj, name), Environment.getattr(env, obj, name)
            assert type(ours) is type(jinjas), (obj, name)
            if isinstance(jinjas, env.undefined):
                assert (ours._undefined_obj, ours._undefined_name) == (obj, name)
            else:
                assert ours == jinjas, (obj, name)
