"""Dictionaries (智能取词): the default national-standard and local code lists, and value matching.

The defaults ship as TOML data files (one per dictionary, domain.md §4) and load as
:class:`~gridcore.contributions.Dictionary` values; :func:`match_entry` turns a cell value into an entry.
"""

from __future__ import annotations

from gridcore.domain.dictionaries.defaults import (
    DictionaryDataError,
    default_dictionary,
    load_default_dictionaries,
    load_dictionaries,
    load_reference_dictionaries,
    parse_dictionary,
    validate_dictionary,
)
from gridcore.domain.dictionaries.lookup import (
    allowed_values_message,
    enabled_entries,
    entry_by_semantic,
    match_entry,
    normalize,
)

__all__ = [
    "DictionaryDataError",
    "allowed_values_message",
    "default_dictionary",
    "enabled_entries",
    "entry_by_semantic",
    "load_default_dictionaries",
    "load_dictionaries",
    "load_reference_dictionaries",
    "match_entry",
    "normalize",
    "parse_dictionary",
    "validate_dictionary",
]
