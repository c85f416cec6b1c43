"""Synthetic ID numbers for demo data and tests: valid, but built from no real person.

Use these instead of Faker's ``ssn()``, whose division codes ignore when a division existed.
"""

from __future__ import annotations

import random
from datetime import date

from gridcore.domain.idcard.checksum import check_char
from gridcore.domain.idcard.divisions import division_codes_in_use, likely_issue_year

#: ``seq`` numbers one sex's people within a division and birth date: 500 per sex.
MAX_SEQ = 499
_SEX_PARITY = {"男": 1, "1": 1, "女": 0, "2": 0}


def make_id(division_code: str, birth: date, seq: int, sex: str) -> str:
    """Build an 18-digit number; the 3-digit order code is ``2 * seq + (1 if 男 else 0)``.

    ``sex`` is ``男``/``女`` or the GB/T 2261.1 code ``1``/``2``; ``seq`` runs from 0 to 499. The
    division code and birth date are not checked against the table or the calendar of today, so that
    tests can build numbers that fail on exactly one of those checks.
    """
    if len(division_code) != 6 or not division_code.isascii() or not division_code.isdigit():
        raise ValueError(f"division code must be 6 digits: {division_code!r}")
    if not 0 <= seq <= MAX_SEQ:
        raise ValueError(f"seq must be between 0 and {MAX_SEQ}: {seq}")
    if sex not in _SEX_PARITY:
        raise ValueError(f"sex must be 男, 女, 1 or 2: {sex!r}")
    if not 1000 <= birth.year <= 9999:
        raise ValueError(f"birth year must have four digits: {birth.year}")
    body = f"{division_code}{birth:%Y%m%d}{2 * seq + _SEX_PARITY[sex]:03d}"
    return body + check_char(body)


def pick_division_code(rng: random.Random, year: int) -> str:
    """A county-level code that was in use in ``year`` (1981-2024), chosen with ``rng``."""
    codes = division_codes_in_use(year)
    if not codes:
        raise ValueError(f"no county-level division was in use in {year}")
    return rng.choice(codes)


def random_id(rng: random.Random, *, birth: date, sex: str | None = None) -> str:
    """A valid number for someone born on ``birth``, coded with a division in use when it was issued."""
    chosen_sex = sex if sex is not None else rng.choice(("男", "女"))
    code = pick_division_code(rng, likely_issue_year(birth))
    return make_id(code, birth, rng.randrange(MAX_SEQ + 1), chosen_sex)
