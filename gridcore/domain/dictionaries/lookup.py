"""Match a cell value against a dictionary (智能取词), and say which values are allowed.

Import matches a value against the entry labels first, then the codes, then the known aliases
(domain.md §4.0), after one normalisation: NFKC (full-width letters, digits and brackets become
half-width), invisible characters removed, surrounding whitespace trimmed and letters case-folded.
Disabled entries never match. These are pure functions of the dictionary value.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import attrs

from gridcore.contributions import Dictionary, DictionaryEntry

#: Zero-width characters that Excel cells and pasted text carry and NFKC keeps.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))

#: The manual shows entries with an ordinal prefix ("1户主"), so a value exported that way has one.
_ORDINAL_PREFIX = re.compile(r"[0-9]+[.、,\s-]*([^0-9].*)")

#: How many labels :func:`allowed_values_message` lists before it cuts the list short.
ALLOWED_VALUES_LIMIT = 20


def normalize(text: str) -> str:
    """Return the form in which a cell value and an entry's label, code or alias are compared."""
    return unicodedata.normalize("NFKC", text).translate(_INVISIBLE).strip().casefold()


@attrs.frozen
class _Index:
    labels: dict[str, DictionaryEntry]
    codes: dict[str, DictionaryEntry]
    aliases: dict[str, DictionaryEntry]


def enabled_entries(dictionary: Dictionary) -> tuple[DictionaryEntry, ...]:
    """Return the enabled entries in display order (``sort``, then declaration order)."""
    ordered = sorted(enumerate(dictionary.entries), key=lambda pair: (pair[1].sort, pair[0]))
    return tuple(entry for _, entry in ordered if entry.enabled)


@functools.lru_cache(maxsize=256)
def _index(dictionary: Dictionary) -> _Index:
    index = _Index(labels={}, codes={}, aliases={})
    for entry in enabled_entries(dictionary):
        # setdefault: if user edits ever make two entries collide, the first in display order wins.
        index.labels.setdefault(normalize(entry.label), entry)
        index.codes.setdefault(normalize(entry.code), entry)
        for alias in entry.aliases:
            index.aliases.setdefault(normalize(alias), entry)
    return index


def match_entry(dictionary: Dictionary, text: str) -> DictionaryEntry | None:
    """Return the enabled entry that ``text`` names, or ``None`` if there is none.

    The order is label, code, alias. A value with the manual's ordinal prefix ("1户主", "02.汉族")
    that matches nothing as written is tried once more without the prefix, against labels and
    aliases only.
    """
    key = normalize(text)
    if not key:
        return None
    index = _index(dictionary)
    for table in (index.labels, index.codes, index.aliases):
        entry = table.get(key)
        if entry is not None:
            return entry
    prefixed = _ORDINAL_PREFIX.fullmatch(key)
    if prefixed is not None:
        rest = prefixed.group(1).strip()
        for table in (index.labels, index.aliases):
            entry = table.get(rest)
            if entry is not None:
                return entry
    return None


def entry_by_semantic(dictionary: Dictionary, semantic: str) -> DictionaryEntry | None:
    """Return the entry tagged ``semantic`` (``URBAN``, ``CPC_FULL``, ``HEAD`` ...), enabled or not."""
    for entry in dictionary.entries:
        if entry.semantic == semantic:
            return entry
    return None


def allowed_values_message(dictionary: Dictionary, *, limit: int = ALLOWED_VALUES_LIMIT) -> str:
    """Return the sentence an error message uses to list the allowed labels, in display order.

    A long list is cut after ``limit`` labels and ends with the total: "民族可选值：汉族、…、傈僳族 等 58 项".
    """
    labels = [entry.label for entry in enabled_entries(dictionary)]
    if not labels:
        return f"{dictionary.title}没有可选值，请先在智能取词设置中启用词典内容"
    if len(labels) <= limit:
        return f"{dictionary.title}可选值：{'、'.join(labels)}"
    return f"{dictionary.title}可选值：{'、'.join(labels[:limit])} 等 {len(labels)} 项"
