"""Resolve the address code (digits 1-6) of an ID number to the division record of its issue time.

A number keeps the code of the place where it was issued, even after that division is renamed or
abolished, and some codes were later reused for another place (419001 was 义马市 1987-1990 and is
济源市 since 1996). So a code is read with the record in force in the year the number was probably
issued (:func:`likely_issue_year`), falling back to the latest record with that code.

Two gaps of the table are filled here: ``XXXX01`` 市辖区 codes that have no row resolve to their
prefecture-level city (display name without "市辖区", e.g. 320101 -> 江苏省南京市), and 810000,
820000 and 830000, the residence-permit codes of Hong Kong, Macao and Taiwan residents, resolve to
fixed records flagged ``kind="hmt_permit"``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cache

from gridcore.domain.idcard.division_table import LAST_DATA_YEAR, division_table
from gridcore.domain.idcard.model import Division, Level

#: Resident identity cards were first issued in 1984-85, to people aged 16 and over.
FIRST_ISSUE_YEAR = 1985
#: Age at which the 1985 regulations issued the first card.
FIRST_CARD_AGE = 16
#: 国发〔1999〕15号: from 1999-10-01 every citizen gets a number "从出生之日起"; the numbering of
#: children already born was done in 1999-2000.
BIRTH_NUMBERING_YEAR = 2000
#: Residence permits for Hong Kong, Macao and Taiwan residents (港澳台居民居住证), since 2018.
HMT_PERMIT_NAMES: dict[str, str] = {
    "810000": "香港特别行政区",
    "820000": "澳门特别行政区",
    "830000": "台湾省",
}
CITY_DISTRICTS = "市辖区"


def likely_issue_year(birth: date) -> int:
    """Estimate the year a number was issued, to choose which record of its address code applies.

    ``min(max(birth + 16, 1985), max(birth, 2000), 2024)``: people born before 1984 got their number
    with their first card (at 16, but not before 1985); people under 16 in 2000 got one in the
    1999-2000 numbering campaign, and everyone born since at birth registration; 2024 is the last
    year of the table. Re-issued cards keep the number, so this is an estimate, not a fact.
    """
    year = birth.year
    first_card = max(year + FIRST_CARD_AGE, FIRST_ISSUE_YEAR)
    return min(first_card, max(year, BIRTH_NUMBERING_YEAR), LAST_DATA_YEAR)


def resolve_division(code: str, year: int) -> Division | None:
    """Return the record of ``code`` in force in ``year`` (else its latest record), or None if unknown."""
    if code in HMT_PERMIT_NAMES:
        return _hmt_permit(code)
    records = division_table().get(code)
    if records:
        return _pick(records, year)
    if code.endswith("01"):
        return _city_districts(code, year)
    return None


def division_codes_in_use(year: int, *, levels: Iterable[Level] = ("县级",)) -> tuple[str, ...]:
    """Codes of the given levels that had a record in force in ``year``, sorted (for demo data, tests)."""
    return _codes_in_use(year, frozenset(levels))


@cache
def _codes_in_use(year: int, levels: frozenset[Level]) -> tuple[str, ...]:
    return tuple(
        sorted(
            code
            for code, records in division_table().items()
            if any(r.level in levels and r.covers(year) for r in records)
        )
    )


def _pick(records: tuple[Division, ...], year: int) -> Division:
    for record in records:
        if record.covers(year):
            return record
    return records[-1]


def _city_districts(code: str, year: int) -> Division | None:
    records = division_table().get(code[:4] + "00")
    if not records:
        return None
    city = _pick(records, year)
    if city.level != "地级" or not city.name.endswith("市"):
        return None
    return Division(
        code=code,
        name=CITY_DISTRICTS,
        level="县级",
        province=city.province,
        prefecture=city.name,
        county=None,
        start_year=city.start_year,
        end_year=city.end_year,
        kind="city_districts",
    )


def _hmt_permit(code: str) -> Division:
    name = HMT_PERMIT_NAMES[code]
    return Division(
        code=code,
        name=name,
        level="省级",
        province=name,
        prefecture=None,
        county=None,
        start_year=None,
        end_year=None,
        kind="hmt_permit",
    )
