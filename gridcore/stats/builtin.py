"""The built-in statistics of the core (人口统计): registered through ``register_statistics`` like any plugin's.

The resident statistics read the summary tables of :mod:`gridcore.stats.summary` (counts per compound,
kept exact by triggers), limited to the compounds of the scope: a few hundred rows, however many
residents there are. Age is counted from stored birth dates: whole months from the summary, and for
the one month each band boundary falls in, an indexed range count of birth dates (a covering index);
never an age computed per row from a text date.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, func, select

from gridcore.contributions import Statistic, StatTable
from gridcore.domain.households import Household
from gridcore.domain.regions import Region
from gridcore.domain.residents import ELDERLY_AGE, HAN_CODE, Resident
from gridcore.errors import ConfigError
from gridcore.services import dictionaries
from gridcore.stats import summary

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement

    from gridcore.services.unit import UnitOfWork
    from gridcore.stats.scope import Scope

DEFAULT_AGE_BANDS: tuple[int, ...] = (0, 7, 18, 35, 60, 80)
UNKNOWN = "未填写"


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _counts(uow: UnitOfWork, scope: Scope, column: Any) -> dict[Any, int]:
    """Residents per value of a summary column, inside the scope (values without residents left out)."""
    table = column.table
    total = func.sum(table.c.residents)
    query = (
        select(column, total).where(summary.in_compounds(table, scope.region_ids)).group_by(column).having(total > 0)
    )
    return {value: int(count) for value, count in uow.session.execute(query).all()}


def by_dictionary(uow: UnitOfWork, scope: Scope, name: str, dictionary: str, header: str) -> StatTable:
    """Residents per entry of the dictionary column ``name`` (one of :data:`summary.CODES`), in entry order."""
    counts: dict[str, int] = {}
    for code, count in _counts(uow, scope, summary.profile.c[name]).items():
        label = dictionaries.label_of(uow, dictionary, code) if code else UNKNOWN
        counts[label] = counts.get(label, 0) + count
    ordered = [entry.label for entry in dictionaries.current(uow, dictionary).entries if entry.label in counts]
    ordered += [label for label in counts if label not in ordered]
    return StatTable(columns=(header, "人数"), rows=tuple((label, counts[label]) for label in ordered))


def _households_per_compound(uow: UnitOfWork, scope: Scope) -> dict[int, int]:
    where = scope.where("household")
    query = (
        select(Household.compound_id, func.count())
        .where(Household.compound_id.is_not(None), where)
        .group_by(Household.compound_id)
    )
    return {int(compound): int(count) for compound, count in uow.session.execute(query).all()}


def population_by_region(uow: UnitOfWork, scope: Scope) -> StatTable:
    """Households and residents per community and compound (compounds with households)."""
    households = _households_per_compound(uow, scope)
    residents = _counts(uow, scope, summary.profile.c.compound_id)
    compound = Region.__table__.alias("compound")
    community = Region.__table__.alias("community")
    names = uow.session.execute(
        select(compound.c.id, community.c.name, compound.c.name)
        .join(community, community.c.id == compound.c.parent_id, isouter=True)
        .where(compound.c.id.in_(sorted(households)))
    ).all()
    grouped: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for region_id, community_name, compound_name in names:
        counts = grouped[(community_name or "", compound_name)]
        counts[0] += households[region_id]
        counts[1] += residents.get(region_id, 0)
    rows = tuple((a, b, h, r) for (a, b), (h, r) in sorted(grouped.items()))
    return StatTable(columns=("社区", "小区", "户数", "人数"), rows=rows)


def by_sex(uow: UnitOfWork, scope: Scope) -> StatTable:
    return by_dictionary(uow, scope, "sex", "sex", "性别")


class _BirthCounter:
    """How many residents of the scope were born on or before a day, from the age summary.

    Whole birth months come from ``stats_core_resident_age``; the part of the day's own month up to
    the day is an indexed range count over ``birth_date`` (a resident's compound through its household).
    """

    def __init__(self, uow: UnitOfWork, scope: Scope, *, lives_alone: bool | None = None) -> None:
        self.uow = uow
        self.scope = scope
        table = summary.ages
        where = [summary.in_compounds(table, scope.region_ids), table.c.birth_month != summary.UNKNOWN_MONTH]
        if lives_alone is not None:
            where.append(table.c.lives_alone.is_(lives_alone))
        month = table.c.birth_month
        query = select(month, func.sum(table.c.residents)).where(*where).group_by(month)
        self.by_month = {int(month): int(count) for month, count in uow.session.execute(query).all()}
        self.lives_alone = lives_alone
        self.known: dict[dt.date, int] = {}

    def born_by(self, day: dt.date) -> int:
        """Residents born on or before ``day``."""
        if day not in self.known:
            month = summary.birth_month(day)
            earlier = sum(count for born, count in self.by_month.items() if born < month)
            self.known[day] = earlier + self._in_month_up_to(day)
        return self.known[day]

    def _in_month_up_to(self, day: dt.date) -> int:
        conditions: list[ColumnElement[bool]] = [Resident.birth_date >= day.replace(day=1), Resident.birth_date <= day]
        if self.lives_alone is not None:
            conditions.append(Resident.lives_alone.is_(self.lives_alone))
        query = select(func.count()).select_from(Resident)
        ids = self.scope.region_ids
        if ids is not None:
            # the few residents born that month, each checked through its household; `+ 0` keeps the
            # planner from starting at the households of the scope, which are many more
            query = query.join(Household, Household.id == Resident.household_id)
            conditions.append((Household.compound_id + 0).in_(sorted(ids)) if ids else Household.id.is_(None))
        return int(self.uow.session.execute(query.where(and_(*conditions))).scalar_one())


def _unknown_births(uow: UnitOfWork, scope: Scope) -> int:
    table = summary.ages
    query = select(func.coalesce(func.sum(table.c.residents), 0)).where(
        summary.in_compounds(table, scope.region_ids), table.c.birth_month == summary.UNKNOWN_MONTH
    )
    return int(uow.session.execute(query).scalar_one())


def age_bands(uow: UnitOfWork, scope: Scope) -> StatTable:
    """Residents per age band; the bands' lower bounds come from the core setting ``age_bands``."""
    configured = uow.app.setting("core", "age_bands")
    if not all(isinstance(age, int) and age >= 0 for age in configured):
        raise ConfigError(
            f"[settings.core] age_bands 应为非负整数列表,例如 [0, 7, 18, 35, 60, 80];实际为 {configured!r}"
        )
    bands = tuple(sorted(set(configured))) or DEFAULT_AGE_BANDS
    today = dt.date.today()
    births = _BirthCounter(uow, scope)
    rows = []
    for index, low in enumerate(bands):
        high = bands[index + 1] if index + 1 < len(bands) else None
        # born on or before `latest`: at least `low` years old; after the day `high` years back: younger
        count = births.born_by(_years_before(today, low))
        if high is not None:
            count -= births.born_by(_years_before(today, high))
        label = f"{low}-{high - 1}岁" if high is not None else f"{low}岁及以上"
        rows.append((label, count))
    unknown = _unknown_births(uow, scope)
    if unknown:
        rows.append(("出生日期未填写", unknown))
    return StatTable(columns=("年龄段", "人数"), rows=tuple(rows))


def by_hukou(uow: UnitOfWork, scope: Scope) -> StatTable:
    return by_dictionary(uow, scope, "hukou_type", "hukou_type", "户口类型")


def by_political_status(uow: UnitOfWork, scope: Scope) -> StatTable:
    return by_dictionary(uow, scope, "political_status", "political_status", "政治面貌")


def by_ethnicity(uow: UnitOfWork, scope: Scope) -> StatTable:
    table = by_dictionary(uow, scope, "ethnicity", "ethnicity", "民族")
    han_label = dictionaries.label_of(uow, "ethnicity", HAN_CODE)
    minority = sum(n for label, n in table.rows if label not in {han_label, UNKNOWN})
    return StatTable(columns=table.columns, rows=(*table.rows, ("少数民族合计", minority)))


def by_population_type(uow: UnitOfWork, scope: Scope) -> StatTable:
    return by_dictionary(uow, scope, "population_type", "population_type", "人口类型")


def special_groups(uow: UnitOfWork, scope: Scope) -> StatTable:
    base = by_dictionary(uow, scope, "special_group", "special_group", "特殊人群")
    listed = tuple(row for row in base.rows if row[0] != UNKNOWN)

    def flagged(name: str) -> int:
        return _counts(uow, scope, summary.profile.c[name]).get(True, 0)

    return StatTable(
        columns=("类别", "人数"),
        rows=(("残疾人", flagged("is_disabled")), ("低保人员", flagged("is_dibao")), *listed),
    )


def households_per_compound(uow: UnitOfWork, scope: Scope) -> StatTable:
    households = _households_per_compound(uow, scope)
    names = uow.session.execute(select(Region.id, Region.name).where(Region.id.in_(sorted(households)))).all()
    counts: dict[str, int] = defaultdict(int)
    for region_id, name in names:
        counts[name] += households[region_id]
    return StatTable(columns=("小区", "户数"), rows=tuple(sorted(counts.items())))


def elderly(uow: UnitOfWork, scope: Scope) -> StatTable:
    """老年人 (60+) and 独居老人 (60+ living alone), by the stored birth date."""
    boundary = _years_before(dt.date.today(), ELDERLY_AGE)
    count = _BirthCounter(uow, scope).born_by(boundary)
    alone = _BirthCounter(uow, scope, lives_alone=True).born_by(boundary)
    return StatTable(columns=("类别", "人数"), rows=(("老年人(60岁及以上)", count), ("独居老人", alone)))


def statistics() -> list[Statistic]:
    return [
        Statistic(id="population_by_region", title="各辖区户数与人口", compute=population_by_region),
        Statistic(id="population_by_sex", title="人口性别构成", compute=by_sex, charts=("pie",)),
        Statistic(id="age_bands", title="年龄段分布", compute=age_bands),
        Statistic(id="hukou_type", title="户口类型 (农村/城市)", compute=by_hukou, charts=("pie",)),
        Statistic(id="political_status", title="政治面貌", compute=by_political_status),
        Statistic(id="ethnicity", title="民族构成 (少数民族)", compute=by_ethnicity),
        Statistic(id="population_type", title="人口类型", compute=by_population_type, charts=("pie",)),
        Statistic(id="special_groups", title="特殊人群", compute=special_groups),
        Statistic(id="households_per_compound", title="各小区户数", compute=households_per_compound),
        Statistic(id="elderly", title="老年人与独居老人", compute=elderly),
    ]
