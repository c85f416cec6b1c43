"""The residents' statistics summary: counts per compound, kept exact by database triggers.

Two tables, made by migration ``c0007_stats_search`` and kept up to date by triggers on ``core_resident``
and ``core_household``, in the transaction of every write whatever makes it (the services, an import,
a received package, a restore, plain SQL):

- ``stats_core_resident``: residents per compound, 性别, 户口类型, 政治面貌, 民族, 人口类型, 特殊人群,
  残疾人 and 低保人员;
- ``stats_core_resident_age``: residents per compound, birth month (``YYYYMM``) and 独居.

A resident's compound is its household's (``Entity.region`` of residents: ``household.compound_id``);
``compound_id`` 0 holds the residents of no compound (no household yet, or a household waiting to be
linked), ``""`` a blank code and ``birth_month`` 0 an unknown birth date. Rows whose count drops to zero
are deleted. The tables are derived data, like the full-text index: they are not model tables, so a
backup does not carry them and a restored database fills them again as its rows go in.

The statistics (:mod:`gridcore.stats.builtin`) read these few hundred rows instead of scanning a million
residents; :func:`rebuild` recomputes them from the residents (the migration's backfill, and the tests'
check that the triggers keep them exact).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import Boolean, Column, Integer, MetaData, String, Table, delete, false, func, insert, select

from gridcore.domain.households import Household
from gridcore.domain.residents import Resident

if TYPE_CHECKING:
    from collections.abc import Collection

    from sqlalchemy import ColumnElement
    from sqlalchemy.orm import Session

#: The dictionary columns of ``core_resident`` counted in ``stats_core_resident`` (a blank code is ``""``).
CODES = ("sex", "hukou_type", "political_status", "ethnicity", "population_type", "special_group")
#: The yes/no columns counted in ``stats_core_resident``.
FLAGS = ("is_disabled", "is_dibao")
#: ``compound_id`` of residents in no compound.
NO_COMPOUND = 0
#: ``birth_month`` of residents without a birth date.
UNKNOWN_MONTH = 0

_metadata = MetaData()

profile = Table(
    "stats_core_resident",
    _metadata,
    Column("compound_id", Integer, primary_key=True),
    *(Column(name, String(40), primary_key=True) for name in CODES),
    *(Column(name, Boolean, primary_key=True) for name in FLAGS),
    Column("residents", Integer, nullable=False),
)

ages = Table(
    "stats_core_resident_age",
    _metadata,
    Column("compound_id", Integer, primary_key=True),
    Column("birth_month", Integer, primary_key=True),
    Column("lives_alone", Boolean, primary_key=True),
    Column("residents", Integer, nullable=False),
)


def in_compounds(table: Table, compound_ids: Collection[int] | None) -> ColumnElement[bool]:
    """Rows of the summary ``table`` inside the compounds (every row when ``compound_ids`` is None)."""
    if compound_ids is None:
        return table.c.residents.is_not(None)  # always true: a plain condition keeps the callers simple
    if not compound_ids:
        return false()
    return table.c.compound_id.in_(sorted(compound_ids))


def birth_month(day: Any) -> int:
    """``YYYYMM`` of a date, as the summary keys births."""
    return int(day.year) * 100 + int(day.month)


def _birth_month(session: Session) -> Any:
    born = Resident.birth_date
    if session.get_bind().dialect.name == "sqlite":
        return func.cast(func.substr(born, 1, 4).concat(func.substr(born, 6, 2)), Integer)
    return func.cast(func.extract("year", born) * 100 + func.extract("month", born), Integer)


def rebuild(session: Session) -> None:
    """Recompute both summary tables from the residents (inside the caller's transaction)."""
    compound = func.coalesce(Household.compound_id, NO_COMPOUND)
    joined = select().select_from(Resident).outerjoin(Household, Household.id == Resident.household_id)
    keys = [
        compound,
        *(func.coalesce(getattr(Resident, name), "") for name in CODES),
        *(func.coalesce(getattr(Resident, name), False) for name in FLAGS),
    ]
    session.execute(delete(profile))
    session.execute(
        insert(profile).from_select(
            [profile.c.compound_id, *CODES, *FLAGS, "residents"],
            joined.add_columns(*keys, func.count()).group_by(*keys),
        )
    )
    age_keys = [
        compound,
        func.coalesce(_birth_month(session), UNKNOWN_MONTH),
        func.coalesce(Resident.lives_alone, False),
    ]
    session.execute(delete(ages))
    session.execute(
        insert(ages).from_select(
            ["compound_id", "birth_month", "lives_alone", "residents"],
            joined.add_columns(*age_keys, func.count()).group_by(*age_keys),
        )
    )


def snapshot(session: Session) -> dict[str, set[tuple[Any, ...]]]:
    """Both tables' rows as sets (for comparing the trigger-kept tables with a rebuild)."""
    return {table.name: {tuple(row) for row in session.execute(select(table)).all()} for table in (profile, ages)}
