"""Coding rules (编码规则): 社区编码, 小区编码 and the record numbers built on them (domain.md §2).

Pure functions: no database and no I/O. The services decide when to call them and check uniqueness.
"""

from __future__ import annotations

from gridcore.domain.coding.initials import SpelledChar, candidate_initials, initials, spell
from gridcore.domain.coding.place_readings import DEFAULT_READINGS, ReadingTable
from gridcore.domain.coding.record_numbers import (
    HOUSEHOLD_WIDTH,
    RESIDENT_WIDTH,
    household_number,
    next_free,
    numeric_suffix,
    premises_number,
    record_number,
    resident_number,
    sort_key,
)
from gridcore.domain.coding.region_codes import (
    CODE_MAX_LENGTH,
    community_code,
    compound_code,
    is_prefix_ambiguous,
    normalize_code,
    prefix_conflicts,
    suggest_alternative,
)
from gridcore.domain.coding.rules import CodeRule, PinyinCodeRule
from gridcore.domain.coding.significant import CharKind, SignificantChar, significant_chars

__all__ = [
    "CODE_MAX_LENGTH",
    "DEFAULT_READINGS",
    "HOUSEHOLD_WIDTH",
    "RESIDENT_WIDTH",
    "CharKind",
    "CodeRule",
    "PinyinCodeRule",
    "ReadingTable",
    "SignificantChar",
    "SpelledChar",
    "candidate_initials",
    "community_code",
    "compound_code",
    "household_number",
    "initials",
    "is_prefix_ambiguous",
    "next_free",
    "normalize_code",
    "numeric_suffix",
    "prefix_conflicts",
    "premises_number",
    "record_number",
    "resident_number",
    "significant_chars",
    "sort_key",
    "spell",
    "suggest_alternative",
]
