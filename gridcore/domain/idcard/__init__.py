"""Resident ID numbers (公民身份号码, GB 11643-1999): validation, derivation and synthetic numbers.

Pure Python, no database: :func:`parse_id` / :func:`check_id` validate a number (18 digits, or a
legacy 15 upgraded) and derive 出生日期, 性别 and the GB/T 2260 division for 籍贯 / 出生地 (R-E01
to R-E06); :func:`verify_person` is the offline 暂住人员身份验证 (R-R03); :mod:`.synthetic` builds
valid numbers for demo data and tests. The division table (1981-2024, CC0) ships in ``data/``.
"""

from __future__ import annotations

from gridcore.domain.idcard.checksum import check_char, downgrade_18, upgrade_15
from gridcore.domain.idcard.divisions import (
    HMT_PERMIT_NAMES,
    division_codes_in_use,
    likely_issue_year,
    resolve_division,
)
from gridcore.domain.idcard.model import Division, IdCheck, IdInfo, Sex, SexCode
from gridcore.domain.idcard.parse import check_id, parse_id
from gridcore.domain.idcard.rules import MIN_BIRTH_DATE, normalise_id
from gridcore.domain.idcard.synthetic import make_id, pick_division_code, random_id
from gridcore.domain.idcard.verify import Check, verify_person

__all__ = [
    "HMT_PERMIT_NAMES",
    "MIN_BIRTH_DATE",
    "Check",
    "Division",
    "IdCheck",
    "IdInfo",
    "Sex",
    "SexCode",
    "check_char",
    "check_id",
    "division_codes_in_use",
    "downgrade_18",
    "likely_issue_year",
    "make_id",
    "normalise_id",
    "parse_id",
    "pick_division_code",
    "random_id",
    "resolve_division",
    "upgrade_15",
    "verify_person",
]
