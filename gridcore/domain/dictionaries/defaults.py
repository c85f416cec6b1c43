"""The default dictionaries (智能取词): national-standard and local code lists shipped as TOML data.

One file per dictionary under ``data/`` (domain.md §4): top-level ``id``, ``title``, ``standard``,
``sensitive`` and an ``[[entries]]`` array of ``code``, ``label``, ``sort``, ``protected``,
``semantic``, ``aliases``, ``enabled`` and ``verify``. ``data/reference/`` holds the lists that map
imported legacy data (the full GB/T 4658-2006 学历代码, GA 324.1 户口性质 ...) but are not defaults.
Every file is checked on load; bad data stops with a :class:`DictionaryDataError` naming the file
and the entry.
"""

from __future__ import annotations

import functools
import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, NoReturn

from gridcore.contributions import Dictionary, DictionaryEntry
from gridcore.domain.dictionaries.lookup import normalize
from gridcore.errors import PluginError

DATA_PACKAGE = "gridcore.domain.dictionaries.data"
REFERENCE_PACKAGE = "gridcore.domain.dictionaries.data.reference"

_ID = re.compile(r"[a-z][a-z0-9_]*")
_CODE = re.compile(r"[0-9A-Za-z][0-9A-Za-z_-]*")
_SEMANTIC = re.compile(r"[A-Z][A-Z0-9_]*")

_TOP_REQUIRED = ("id", "title", "entries")
_TOP_OPTIONAL = ("standard", "sensitive")
_ENTRY_REQUIRED = ("code", "label")
_ENTRY_OPTIONAL = ("sort", "protected", "semantic", "aliases", "enabled", "verify")


class DictionaryDataError(PluginError):
    """A dictionary data file (or a dictionary built in code) breaks a rule of the data format."""


# --------------------------------------------------------------------------- public loaders


@functools.cache
def load_default_dictionaries() -> tuple[Dictionary, ...]:
    """Return the default dictionaries shipped with gridcore, checked, in file-name order (cached)."""
    return load_dictionaries(resources.files(DATA_PACKAGE))


@functools.cache
def load_reference_dictionaries() -> tuple[Dictionary, ...]:
    """Return the reference lists for mapping legacy data (not defaults), checked and cached.

    Their ids never clash with a default dictionary's id.
    """
    both = load_dictionaries(resources.files(DATA_PACKAGE), resources.files(REFERENCE_PACKAGE))
    return both[len(load_default_dictionaries()) :]


def default_dictionary(dictionary_id: str) -> Dictionary:
    """Return one default dictionary by id; :class:`KeyError` names the id when there is none."""
    return _defaults_by_id()[dictionary_id]


@functools.cache
def _defaults_by_id() -> Mapping[str, Dictionary]:
    return {dictionary.id: dictionary for dictionary in load_default_dictionaries()}


def load_dictionaries(*folders: Traversable | str | os.PathLike[str]) -> tuple[Dictionary, ...]:
    """Read and check every ``*.toml`` file directly inside each folder (sub-folders are skipped).

    Each file is named after its id (``sex.toml``) and ids are unique across all the folders given.
    Folders are read in the order given, the files of one folder in file-name order.
    """
    dictionaries: list[Dictionary] = []
    sources: dict[str, str] = {}
    for directory in folders:
        folder: Traversable = Path(directory) if isinstance(directory, str | os.PathLike) else directory
        files = sorted(
            (item for item in folder.iterdir() if item.is_file() and item.name.endswith(".toml")),
            key=lambda item: item.name,
        )
        if not files:
            raise DictionaryDataError(f"词典数据目录 {folder} 中没有 .toml 文件 (no dictionary data files)")
        for item in files:
            source = str(item)
            dictionary = parse_dictionary(item.read_bytes(), source=source)
            if item.name != f"{dictionary.id}.toml":
                _fail(source, "", f"文件名应为 {dictionary.id}.toml (the file is named after its id)")
            if dictionary.id in sources:
                _fail(source, "", f"词典标识 {dictionary.id!r} 与 {sources[dictionary.id]} 重复 (duplicate id)")
            sources[dictionary.id] = source
            dictionaries.append(dictionary)
    return tuple(dictionaries)


def parse_dictionary(data: bytes | str, *, source: str) -> Dictionary:
    """Parse one TOML document into a checked :class:`Dictionary`; ``source`` names it in errors."""
    try:
        document = tomllib.loads(data.decode("utf-8") if isinstance(data, bytes) else data)
    except UnicodeDecodeError as error:
        _fail(source, "", f"不是 UTF-8 编码的文本 (not UTF-8): {error}")
    except tomllib.TOMLDecodeError as error:
        _fail(source, "", f"不是有效的 TOML (invalid TOML): {error}")
    _check_keys(document, _TOP_REQUIRED, _TOP_OPTIONAL, source, "")
    raw_entries = document["entries"]
    if not isinstance(raw_entries, list) or not raw_entries:
        _fail(source, "", "entries 必须是非空的 [[entries]] 数组 (a non-empty array of tables)")
    entries = tuple(_parse_entry(raw, position, source) for position, raw in enumerate(raw_entries, start=1))
    dictionary = Dictionary(
        id=_text(document, "id", source, "", pattern=_ID),
        title=_text(document, "title", source, ""),
        standard=_text(document, "standard", source, "", default="", allow_empty=True),
        sensitive=_flag(document, "sensitive", source, ""),
        entries=entries,
    )
    validate_dictionary(dictionary, source=source)
    sorts: dict[int, int] = {}
    for position, entry in enumerate(entries, start=1):
        if entry.sort in sorts:
            _fail(
                source,
                _where(position, entry),
                f"sort={entry.sort} 与第 {sorts[entry.sort]} 项重复 (duplicate sort)",
            )
        sorts[entry.sort] = position
    return dictionary


def validate_dictionary(dictionary: Dictionary, *, source: str = "") -> None:
    """Check the rules that span entries, so that :func:`match_entry` is never ambiguous.

    Codes, labels and aliases (compared after normalisation) name one entry only; semantic tags are
    unique; a protected entry carries a semantic tag. A data file must also give distinct ``sort``
    values; entries built in code may share one and then keep their declaration order.
    """
    where_file = source or f"<{dictionary.id}>"
    if not _ID.fullmatch(dictionary.id):
        _fail(where_file, "", f"词典标识 {dictionary.id!r} 应为小写英文、数字和下划线 (invalid id)")
    if not dictionary.entries:
        _fail(where_file, "", "词典没有任何内容 (a dictionary needs at least one entry)")
    owners: dict[str, tuple[int, str, str]] = {}
    semantics: dict[str, int] = {}
    for position, entry in enumerate(dictionary.entries, start=1):
        where = _where(position, entry)
        if entry.protected and entry.semantic is None:
            _fail(where_file, where, "受保护的词典内容必须有 semantic 标记 (protected needs semantic)")
        if entry.semantic is not None:
            if entry.semantic in semantics:
                _fail(
                    where_file,
                    where,
                    f"semantic {entry.semantic!r} 与第 {semantics[entry.semantic]} 项重复 (duplicate tag)",
                )
            semantics[entry.semantic] = position
        own: dict[str, tuple[str, str]] = {}
        for kind, value in _names(entry):
            key = normalize(value)
            if not key:
                _fail(where_file, where, f"{kind} {value!r} 规范化后为空 (blank after normalisation)")
            if key in own:
                if kind == "alias":
                    _fail(
                        where_file,
                        where,
                        f"alias {value!r} 与本项的 {own[key][0]} 重复 (alias repeats the entry)",
                    )
                continue  # a code spelled like its own label is harmless
            if key in owners:
                other_position, other_kind, other_value = owners[key]
                _fail(
                    where_file,
                    where,
                    f"{kind} {value!r} 与第 {other_position} 项的 {other_kind} {other_value!r} 冲突 "
                    f"(duplicate {kind}: a value must name one entry only)",
                )
            own[key] = (kind, value)
        for key, (kind, value) in own.items():
            owners[key] = (position, kind, value)


# --------------------------------------------------------------------------- parsing helpers


def _parse_entry(raw: object, position: int, source: str) -> DictionaryEntry:
    if not isinstance(raw, dict):
        _fail(source, f" 第 {position} 项", "应为 [[entries]] 表 (each entry must be a table)")
    code = raw.get("code")
    label = raw.get("label")
    where = f" 第 {position} 项 (code={code!r}, label={label!r})"
    _check_keys(raw, _ENTRY_REQUIRED, _ENTRY_OPTIONAL, source, where)
    semantic = raw.get("semantic")
    if semantic is not None and not (isinstance(semantic, str) and _SEMANTIC.fullmatch(semantic)):
        _fail(source, where, f"semantic {semantic!r} 应为大写英文标记, 如 URBAN (invalid semantic tag)")
    sort = raw.get("sort", position)
    if not isinstance(sort, int) or isinstance(sort, bool) or sort < 0:
        _fail(source, where, f"sort {sort!r} 应为非负整数 (sort must be a non-negative integer)")
    return DictionaryEntry(
        code=_text(raw, "code", source, where, pattern=_CODE),
        label=_text(raw, "label", source, where),
        sort=sort,
        protected=_flag(raw, "protected", source, where),
        semantic=semantic,
        aliases=_aliases(raw, source, where),
        enabled=_flag(raw, "enabled", source, where, default=True),
        verify=_flag(raw, "verify", source, where),
    )


def _check_keys(
    table: Mapping[str, Any], required: Iterable[str], optional: Iterable[str], source: str, where: str
) -> None:
    missing = [key for key in required if key not in table]
    if missing:
        _fail(source, where, f"缺少必填键 {', '.join(missing)} (missing required keys)")
    known = {*required, *optional}
    unknown = sorted(key for key in table if key not in known)
    if unknown:
        _fail(source, where, f"未知的键 {', '.join(unknown)} (allowed: {', '.join(sorted(known))})")


def _text(
    table: Mapping[str, Any],
    key: str,
    source: str,
    where: str,
    *,
    default: str | None = None,
    allow_empty: bool = False,
    pattern: re.Pattern[str] | None = None,
) -> str:
    value = table.get(key, default)
    if not isinstance(value, str):
        _fail(source, where, f"{key} 应为字符串 (got {value!r})")
    if value != value.strip() or (not value and not allow_empty):
        _fail(source, where, f"{key} {value!r} 不能为空, 首尾不能有空白 (empty or padded with whitespace)")
    if pattern is not None and not pattern.fullmatch(value):
        _fail(source, where, f"{key} {value!r} 含有不允许的字符 (allowed: {pattern.pattern})")
    return value


def _flag(table: Mapping[str, Any], key: str, source: str, where: str, *, default: bool = False) -> bool:
    value = table.get(key, default)
    if not isinstance(value, bool):
        _fail(source, where, f"{key} 应为 true 或 false (got {value!r})")
    return value


def _aliases(table: Mapping[str, Any], source: str, where: str) -> tuple[str, ...]:
    value = table.get("aliases", [])
    if not isinstance(value, list):
        _fail(source, where, f"aliases 应为字符串数组 (got {value!r})")
    return tuple(_text({"alias": item}, "alias", source, where) for item in value)


def _names(entry: DictionaryEntry) -> list[tuple[str, str]]:
    return [("label", entry.label), ("code", entry.code), *(("alias", alias) for alias in entry.aliases)]


def _where(position: int, entry: DictionaryEntry) -> str:
    return f" 第 {position} 项 (code={entry.code!r}, label={entry.label!r})"


def _fail(source: str, where: str, problem: str) -> NoReturn:
    raise DictionaryDataError(f"词典数据文件 {source}{where}: {problem}")
