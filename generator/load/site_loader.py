"""Load a site folder (site_config/ + data/) into validated models.

Only the file format and the per-file schema are checked here; rules that
look across files (references, duplicates, dates) live in `validate/`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable, TypeVar

from pydantic import BaseModel

from ..cache.store import Store, key
from ..model import KINDS, Contact, Item, Organization, SiteConfig
from ..model.base import SLUG_RE
from ..model.items import Kind, resolve_versions
from ..notices.workdays import HOLIDAYS_FILE, WorkCalendar
from ..problems import Problem
from ..workers import forked_map
from .field_names import name_fields
from . import limits
from .limits import visible
from .schema_errors import salvage, validate_model
from .yaml_reader import YamlDoc, decode_yaml, read_yaml

M = TypeVar("M", bound=BaseModel)
PARSED_KIND = "parsed-yaml"     # the store of parsed item files in build/cache

SITE_FILE = "site_config/site.yaml"
ORGS_FILE = "data/organizations.yaml"
CONTACTS_FILE = "data/contacts.yaml"


@dataclass
class SiteData:
    root: Path
    config: SiteConfig
    organizations: dict[str, Organization] = field(default_factory=dict)
    contacts: dict[str, Contact] = field(default_factory=dict)
    items: list[Item] = field(default_factory=list)
    docs: dict[str, YamlDoc] = field(default_factory=dict)
    calendar: WorkCalendar | None = None
    name_lists: dict = field(default_factory=dict)   # (list file, columns) → masked NameList
    # file → fields dropped from entries that failed their schema but were kept
    # for the checks across files (the build stops anyway: those are errors), and
    # names of fields on lines that could not be parsed.
    salvaged: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # (kind, slug or id) of items and list entries that are written but could not be
    # read at all: whatever names them is not told they do not exist. Kinds are the
    # item kinds' names, "contact" and "organization".
    unreadable: set[tuple[str, str]] = field(default_factory=set)
    # item file → the key of its name and bytes, for results kept by them (the checks
    # of one file, validate/__init__.py); only files read through the cache have one.
    doc_keys: dict[str, bytes] = field(default_factory=dict)

    def by_slug(self) -> dict[str, Item]:
        return {item.slug: item for item in self.items}

    def of_kind(self, kind: str) -> list[Item]:
        return [item for item in self.items if item.kind.name == kind]


def _read(root: Path, rel: str, problems: list[Problem], required: bool = True) -> YamlDoc | None:
    path = root / rel
    if not path.exists():
        if required:
            problems.append(Problem(rel, None, "", "找不到这个文件",
                                    "请先运行 gongkai init 生成网站骨架，或用 -C 指定网站所在的文件夹"))
        return None
    doc, found = read_yaml(path, rel)
    problems.extend(found)
    return doc


def _load_list(doc: YamlDoc | None, model: type[M], what: str, problems: list[Problem],
               salvaged: dict[str, tuple[str, ...]], unreadable: set[tuple[str, str]]) -> dict[str, M]:
    result: dict[str, M] = {}
    if doc is None or doc.value is None:
        return result
    if not isinstance(doc.value, list):
        problems.append(Problem(doc.file, 1, "", f"{what}文件应该是一个列表",
                                "每一项以「- id: …」开头"))
        return result
    for index, _ in enumerate(doc.value):
        part = doc.sub((index,))
        entry, found = validate_model(model, part)
        problems.extend(Problem(p.file, p.line, f"[{index + 1}].{p.field}".rstrip("."), p.message, p.hint)
                        for p in found)
        if found:
            entry, dropped = salvage(model, part)
            salvaged[doc.file] = salvaged.get(doc.file, ()) + tuple(f"[{index + 1}].{name}"
                                                                   for name in dropped)
        if entry is None:
            written = part.value.get("id") if isinstance(part.value, dict) else None
            if isinstance(written, str):
                unreadable.add((model.__name__.lower(), written))
            continue
        if entry.id in result:
            problems.append(Problem(doc.file, doc.line((index, "id")), f"[{index + 1}].id",
                                    f"编号「{entry.id}」重复了", f"每个{what}的 id 必须不同，请改一个"))
            continue
        result[entry.id] = entry
    return result


Parsed = tuple[YamlDoc | None, list[Problem]]
# Files (site-relative) → each one's Parsed; each file's key (name and bytes) goes
# into the dict given, for the stores that keep results by a file's bytes.
Parse = Callable[[Path, list[str], dict[str, bytes]], list[Parsed]]


@dataclass(frozen=True)
class Loaded:
    """What an item file's parsed document gives: its item (None when its schema fails
    beyond salvage), the schema's problems, and the fields set aside as unreadable."""

    item: Item | None
    problems: tuple[Problem, ...]
    unread: tuple[str, ...]


Load = Callable[[Kind, str, YamlDoc], Loaded]


def load_item(kind: Kind, rel: str, doc: YamlDoc) -> Loaded:
    """The item in `doc`, the document of the file `rel` of `kind`."""
    unread = doc.blanked
    meta, found = validate_model(kind.model, doc)
    if found:
        meta, dropped = salvage(kind.model, doc)
        unread += dropped
    item = (Item(kind, Path(rel).stem, rel, meta, resolve_versions(meta), doc)
            if meta is not None else None)
    return Loaded(item, tuple(found), unread)


def _file_bytes(path: Path) -> bytes | None:
    """The file's bytes; None when it is too big or cannot be read (read_yaml says why)."""
    try:
        return None if limits.too_big(path.stat().st_size, "") else path.read_bytes()
    except OSError:
        return None


def _parse_items(root: Path, files: list[str], keys: dict[str, bytes], *,
                 store: Store) -> list[Parsed]:
    """read_yaml's result for each item file. A file whose name and bytes the store
    holds is not parsed again; the others are parsed on all cores (parsing is most
    of loading a big site). `keys` is given each file's key."""
    data = [_file_bytes(root / rel) for rel in files]
    held = [i for i, raw in enumerate(data) if raw is not None]
    parsed = {i: read_yaml(root / rel, rel) for i, rel in enumerate(files) if data[i] is None}
    keys.update((files[i], key(files[i], data[i])) for i in held)
    found = store.results([keys[files[i]] for i in held],
                          lambda missing: forked_map(lambda i: decode_yaml(data[i], files[i]),
                                                     [held[m] for m in missing]))
    parsed.update(zip(held, found))
    # Kept now, before anything downstream could change a document it holds.
    store.save()
    return [parsed[i] for i in range(len(files))]


def parse_files(root: Path, files: list[str]) -> list[Parsed]:
    """Each file (site-relative) read and parsed, spread over the cores, nothing kept."""
    return forked_map(lambda rel: read_yaml(root / rel, rel), files)


def _load_items(root: Path, problems: list[Problem], docs: dict[str, YamlDoc],
                salvaged: dict[str, tuple[str, ...]], unreadable: set[tuple[str, str]],
                parse: Parse, load: Load, keys: dict[str, bytes]) -> list[Item]:
    files: list[tuple[Kind, str]] = []
    for kind in KINDS.values():
        folder = root / "data" / kind.folder
        if not folder.is_dir():
            continue
        # scandir knows which entries are folders without a stat each (10,000 files).
        with os.scandir(folder) as entries:
            listed = sorted((entry.name, entry.is_dir()) for entry in entries)
        for name, is_dir in listed:
            rel = f"data/{kind.folder}/{name}"
            stem, suffix = os.path.splitext(name)
            if is_dir or suffix not in (".yaml", ".yml"):
                continue
            if not SLUG_RE.match(stem):
                problems.append(Problem(visible(rel), None, "文件名",
                                        f"文件名「{visible(stem)}」不能用作网址",
                                        "只能用小写英文字母、数字和连字符，例如 shehui-fuyangfei.yaml"))
                continue
            files.append((kind, rel))
    parsed = parse(root, [rel for _, rel in files], keys)
    items: list[Item] = []
    for (kind, rel), (doc, found) in zip(files, parsed):
        problems.extend(found)
        if doc is None:
            unreadable.add((kind.name, Path(rel).stem))
            continue
        docs[rel] = doc
        loaded = load(kind, rel, doc)
        problems.extend(loaded.problems)
        if loaded.unread:
            salvaged[rel] = loaded.unread
        if loaded.item is not None:
            items.append(loaded.item)
        else:
            unreadable.add((kind.name, Path(rel).stem))
    return items


def load_site(root: Path, store: Store | None = None, parse: Parse | None = None,
              load: Load = load_item) -> tuple[SiteData | None, list[Problem]]:
    """Everything under `root`, or None with the problems when it cannot be read.
    Item files are read and parsed by `parse`, and their items made by `load`
    (`gongkai serve` keeps both between saves), or else parsed with `store` holding
    those parsed before (build/cache)."""
    problems: list[Problem] = []
    site_doc = _read(root, SITE_FILE, problems)
    config = None
    if site_doc is not None:
        config, found = validate_model(SiteConfig, site_doc)
        problems.extend(found)
    docs: dict[str, YamlDoc] = {}
    org_doc = _read(root, ORGS_FILE, problems)
    contact_doc = _read(root, CONTACTS_FILE, problems)
    for doc in (site_doc, org_doc, contact_doc):
        if doc is not None:
            docs[doc.file] = doc
    salvaged: dict[str, tuple[str, ...]] = {}
    unreadable: set[tuple[str, str]] = set()
    organizations = _load_list(org_doc, Organization, "机构", problems, salvaged, unreadable)
    contacts = _load_list(contact_doc, Contact, "联系渠道", problems, salvaged, unreadable)
    doc_keys: dict[str, bytes] = {}
    if parse is None:
        parse = partial(_parse_items, store=store or Store(None, PARSED_KIND, ""))
    items = _load_items(root, problems, docs, salvaged, unreadable, parse, load, doc_keys)
    calendar, found = WorkCalendar.load(root / HOLIDAYS_FILE, HOLIDAYS_FILE)
    problems.extend(found)
    problems = name_fields(problems, docs)
    if config is None:
        return None, problems
    return SiteData(root, config, organizations, contacts, items, docs, calendar,
                    salvaged=salvaged, unreadable=unreadable, doc_keys=doc_keys), problems
