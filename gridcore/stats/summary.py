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

A bulk insert on SQLite (the import) does not pay the row triggers: inside :func:`deferred_upkeep` the
flag table ``deferred_upkeep`` holds a row, the insert triggers of the summary and of the FTS5 indexes
do nothing, and the import counts each chunk's residents with :func:`count_inserted` (one aggregated
upsert per table, as the PostgreSQL statement triggers do) and fills the FTS5 indexes
(:func:`gridcore.search.index.index_inserted`) before the flag is emptied, all in its own transaction:
a crash or a rollback takes the flag away with the rows.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from sqlalchemy import Boolean, Column, Integer, MetaData, String, Table, delete, false, func, insert, select, text

from gridcore.domain.households import Household
from gridcore.domain.residents import Resident

if TYPE_CHECKING:
    from collections.abc import Collection, Iterator

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


# ----------------------------------------------------------------------------------------------- bulk inserts

#: SQLite's flag table (migration c0007): while it holds a row, the insert triggers leave the work to the caller.
DEFERRED = "deferred_upkeep"
_PROFILE_KEY = ", ".join(("compound_id", *CODES, *FLAGS))
_COUNT_PROFILE = (
    f"INSERT INTO stats_core_resident ({_PROFILE_KEY}, residents) "
    "SELECT coalesce(h.compound_id, 0), "
    + ", ".join((*(f"coalesce(r.{name}, '')" for name in CODES), *(f"coalesce(r.{name}, 0)" for name in FLAGS)))
    + ", count(*) FROM core_resident AS r LEFT JOIN core_household AS h ON h.id = r.household_id "
    "WHERE r.id BETWEEN :first AND :last "
    f"GROUP BY {', '.join(str(i) for i in range(1, 2 + len(CODES) + len(FLAGS)))} "
    f"ON CONFLICT ({_PROFILE_KEY}) DO UPDATE SET residents = residents + excluded.residents"
)
_COUNT_AGES = (
    "INSERT INTO stats_core_resident_age (compound_id, birth_month, lives_alone, residents) "
    "SELECT coalesce(h.compound_id, 0), "
    "coalesce(CAST(substr(r.birth_date, 1, 4) || substr(r.birth_date, 6, 2) AS INTEGER), 0), "
    "coalesce(r.lives_alone, 0), count(*) "
    "FROM core_resident AS r LEFT JOIN core_household AS h ON h.id = r.household_id "
    "WHERE r.id BETWEEN :first AND :last GROUP BY 1, 2, 3 "
    "ON CONFLICT (compound_id, birth_month, lives_alone) DO UPDATE SET residents = residents + excluded.residents"
)


def can_defer(session: Session) -> bool:
    """Whether the insert triggers can be deferred here: SQLite with the flag table of migration c0007."""
    if session.get_bind().dialect.name != "sqlite":
        return False
    found = session.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"), {"name": DEFERRED}
    ).first()
    return found is not None


@contextlib.contextmanager
def deferred_upkeep(session: Session, *, enabled: bool = True) -> Iterator[bool]:
    """Set SQLite's flag for the block (yields True), or do nothing (False) when not ``enabled``.

    Inside, inserts into ``core_resident`` and ``core_search`` fire no summary or FTS5 trigger: the
    block must call :func:`count_inserted` and :func:`gridcore.search.index.index_inserted` for what it
    inserted before it ends. The flag is emptied on the way out, in the caller's transaction.
    """
    if not enabled:
        yield False
        return
    connection = session.connection()
    connection.exec_driver_sql(f"INSERT INTO {DEFERRED} (active) VALUES (1)")
    try:
        yield True
    except BaseException:
        with contextlib.suppress(Exception):  # the transaction rolls back anyway; keep the first error
            connection.exec_driver_sql(f"DELETE FROM {DEFERRED}")
        raise
    connection.exec_driver_sql(f"DELETE FROM {DEFERRED}")


def count_inserted(session: Session, table: str, first_id: int, last_id: int) -> None:
    """Add the rows ``first_id``..``last_id`` just inserted into ``table`` to the summary (SQLite, deferred).

    Only ``core_resident`` is summarised; the rows' households must not change before this is called.
    """
    if table != "core_resident":
        return
    connection = session.connection()
    bounds = {"first": first_id, "last": last_id}
    connection.execute(text(_COUNT_PROFILE), bounds)
    connection.execute(text(_COUNT_AGES), bounds)
