"""Jinja's compiled templates kept in a `Store`.

Jinja compiles a template to Python code the first time it is rendered: for
gongkai's page templates and for Material's frame and partials, that was a fifth
to most of what a build with one item changed spent on them. The code is a
function of the template's source (Jinja keeps a checksum of it with the code and
checks it) and of the Jinja and Python versions, which the shared fingerprint
covers, so a warm build loads it instead of compiling. Code compiled in a worker
process is not kept (a store is written only by the parent).
"""

from __future__ import annotations

from jinja2.bccache import Bucket, BytecodeCache

from .store import MISSING, Store, key


class StoredBytecode(BytecodeCache):
    def __init__(self, store: Store) -> None:
        self.store = store

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.store.get(key(bucket.key, bucket.checksum))
        if code is not MISSING:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store.put(key(bucket.key, bucket.checksum), bucket.bytecode_to_string())
