"""Material's and gongkai's templates kept compiled in build/cache.

Jinja compiles a template to Python code the first time a build renders it, which
for Material's frame and partials took most of what a warm build spent on pages
it had to render. The code is a function of the template's source (Jinja keeps a
checksum of it with the code and checks it) and of the Jinja and Python versions,
which the shared fingerprint covers; kept in a `Store`, a warm build loads it
instead of compiling. A template first compiled in a worker process is not kept.
"""

from __future__ import annotations

from pathlib import Path

from jinja2.bccache import Bucket, BytecodeCache

from ..cache.store import MISSING, Store, key

KIND = "templates"


class TemplateCache(BytecodeCache):
    def __init__(self, folder: Path | None, fingerprint: str) -> None:
        self.store = Store(folder, KIND, fingerprint)

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.store.get(key(bucket.key, bucket.checksum))
        if code is not MISSING:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store.put(key(bucket.key, bucket.checksum), bucket.bytecode_to_string())

    def save(self) -> None:
        self.store.save()
