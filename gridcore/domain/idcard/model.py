"""Value objects of the ID-number package: a division record, a parsed number, a check result."""

from __future__ import annotations

from datetime import date
from typing import Literal

import attrs

Level = Literal["省级", "地级", "县级"]
#: ``record``: a row of the GB/T 2260 table; ``city_districts``: a ``XXXX01`` 市辖区 code the table
#: lacks, resolved to its prefecture-level city; ``hmt_permit``: 810000/820000/830000, the codes of
#: the residence permits for Hong Kong, Macao and Taiwan residents (港澳台居民居住证).
DivisionKind = Literal["record", "city_districts", "hmt_permit"]
Sex = Literal["男", "女"]
SexCode = Literal["1", "2"]


@attrs.frozen(kw_only=True)
class Division:
    """One administrative division (GB/T 2260) as it was named during ``[start_year, end_year)``."""

    code: str
    name: str
    level: Level
    province: str
    prefecture: str | None
    county: str | None
    start_year: int | None
    end_year: int | None
    kind: DivisionKind = "record"

    @property
    def full_name(self) -> str:
        """Province + prefecture + county, e.g. ``北京市朝阳区``: the value for 籍贯 and 出生地."""
        parts: list[str] = []
        for part in (self.province, self.prefecture, self.county):
            if part and (not parts or parts[-1] != part):
                parts.append(part)
        return "".join(parts)

    @property
    def in_use(self) -> bool:
        """True when the code still carries this name (the record has no end year)."""
        return self.end_year is None

    @property
    def is_hmt_permit(self) -> bool:
        """True for 810000/820000/830000, the residence-permit codes of HK, Macao and Taiwan residents."""
        return self.kind == "hmt_permit"

    def covers(self, year: int) -> bool:
        """True when this record was the one in force during ``year``."""
        start = self.start_year if self.start_year is not None else year
        return start <= year and (self.end_year is None or year < self.end_year)


@attrs.frozen(kw_only=True)
class IdInfo:
    """What a valid resident ID number says: birth date, sex and the division where it was issued.

    ``issue_year`` is an estimate (see :func:`~gridcore.domain.idcard.likely_issue_year`) used to pick
    the division record; ``legacy15`` is the 15-digit input when the number was upgraded.
    """

    number18: str
    legacy15: str | None
    birth_date: date
    sex: Sex
    sex_code: SexCode
    division: Division
    issue_year: int

    @property
    def division_code(self) -> str:
        """The first six digits (地址码)."""
        return self.number18[:6]

    @property
    def place_name(self) -> str:
        """The division's display name, used to fill 籍贯 and 出生地 (an approximation, R-E06)."""
        return self.division.full_name

    @property
    def is_hmt_permit(self) -> bool:
        """True for a residence-permit number of a Hong Kong, Macao or Taiwan resident."""
        return self.division.is_hmt_permit

    def age(self, on: date) -> int:
        """Age in full years (周岁) on ``on``; a 29 February birthday counts from 1 March."""
        if on < self.birth_date:
            raise ValueError(f"{on.isoformat()} is before the birth date")
        before_birthday = (on.month, on.day) < (self.birth_date.month, self.birth_date.day)
        return on.year - self.birth_date.year - int(before_birthday)


@attrs.frozen(kw_only=True)
class IdCheck:
    """Outcome of :func:`~gridcore.domain.idcard.check_id`: never an exception.

    ``failed_check`` names the first check that failed (``号码格式``, ``校验码``, ``出生日期`` or
    ``地址码``) and ``reason`` is the sentence to show; both are None when ``valid``.
    """

    valid: bool
    reason: str | None = None
    failed_check: str | None = None
    info: IdInfo | None = None
