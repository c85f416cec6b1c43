"""The built-in statistics of the core (人口统计): registered through ``register_statistics`` like any plugin's.

Age is counted from the stored birth date against date boundaries (indexed range counts), never
computed per row from text.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, func, select

from gridcore.contributions import Statistic, StatTable
from gridcore.domain.households import Household
from gridcore.domain.regions import Region
from gridcore.domain.residents import ELDERLY_AGE, HAN_CODE, Resident
from gridcore.errors import ConfigError
from gridcore.services import dictionaries

if TYPE_CHECKING:
    from gridcore.services.unit import UnitOfWork
    from gridcore.stats.scope import Scope

DEFAULT_AGE_BANDS: tuple[int, ...] = (0, 7, 18, 35, 60, 80)


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def by_dictionary(uow: UnitOfWork, scope: Scope, column: Any, dictionary: str, header: str) -> StatTable:
    rows = uow.session.execute(select(column, func.count()).where(scope.where("resident")).group_by(column)).all()
    counts = {dictionaries.label_of(uow, dictionary, code) if code else "未填写": n for code, n in rows}
    ordered = [entry.label for entry in dictionaries.current(uow, dictionary).entries if entry.label in counts]
    ordered += [label for label in counts if label not in ordered]
    return StatTable(columns=(header, "人数"), rows=tuple((label, counts[label]) for label in ordered))


def population_by_region(uow: UnitOfWork, scope: Scope) -> StatTable:
    """Households and residents per community and compound."""
    households = func.count(func.distinct(Household.id))
    residents = func.count(Resident.id)
    compound = Region.__table__.alias("compound")
    community = Region.__table__.alias("community")
    query = (
        select(community.c.name, compound.c.name, households, residents)
        .select_from(Household)
        .join(compound, compound.c.id == Household.compound_id)
        .join(community, community.c.id == compound.c.parent_id, isouter=True)
        .join(Resident, Resident.household_id == Household.id, isouter=True)
        .where(scope.where("household"))
        .group_by(community.c.name, compound.c.name)
        .order_by(community.c.name, compound.c.name)
    )
    rows = tuple((a or "", b, int(h), int(r)) for a, b, h, r in uow.session.execute(query).all())
    return StatTable(columns=("社区", "小区", "户数", "人数"), rows=rows)


def by_sex(uow: UnitOfWork, scope: Scope) -> StatTable:
    return by_dictionary(uow, scope, Resident.sex, "sex", "性别")


def age_bands(uow: UnitOfWork, scope: Scope) -> StatTable:
    """Residents per age band; the bands' lower bounds come from the core setting ``age_bands``."""
    configured = uow.app.setting("core", "age_bands")
    if not all(isinstance(age, int) and age >= 0 for age in configured):
        raise ConfigError(
            f"[settings.core] age_bands 应为非负整数列表,例如 [0, 7, 18, 35, 60, 80];实际为 {configured!r}"
        )
    bands = tuple(sorted(set(configured))) or DEFAULT_AGE_BANDS
    today = dt.date.today()
    rows = []
    for index, low in enumerate(bands):
        high = bands[index + 1] if index + 1 < len(bands) else None
        latest = _years_before(today, low)  # born on or before this day: at least `low` years old
        condition = Resident.birth_date <= latest
        if high is not None:
            condition = and_(condition, Resident.birth_date > _years_before(today, high))
        label = f"{low}-{high - 1}岁" if high is not None else f"{low}岁及以上"
        count = uow.session.execute(
            select(func.count()).select_from(Resident).where(condition, scope.where("resident"))
        ).scalar_one()
        rows.append((label, int(count)))
    unknown = uow.session.execute(
        select(func.count()).select_from(Resident).where(Resident.birth_date.is_(None), scope.where("resident"))
    ).scalar_one()
    if unknown:
        rows.append(("出生日期未填写", int(unknown)))
    return StatTable(columns=("年龄段", "人数"), rows=tuple(rows))


def by_hukou(uow: UnitOfWork, scope: Scope) -> StatTable:
    return by_dictionary(uow, scope, Resident.hukou_type, "hukou_type", "户口类型")


def by_political_status(uow: UnitOfWork, scope: Scope) -> StatTable:
    return by_dictionary(uow, scope, Resident.political_status, "political_status", "政治面貌")


def by_ethnicity(uow: UnitOfWork, scope: Scope) -> StatTable:
    table = by_dictionary(uow, scope, Resident.ethnicity, "ethnicity", "民族")
    han_label = dictionaries.label_of(uow, "ethnicity", HAN_CODE)
    minority = sum(n for label, n in table.rows if label not in {han_label, "未填写"})
    return StatTable(columns=table.columns, rows=(*table.rows, ("少数民族合计", minority)))


def by_population_type(uow: UnitOfWork, scope: Scope) -> StatTable:
    return by_dictionary(uow, scope, Resident.population_type, "population_type", "人口类型")


def special_groups(uow: UnitOfWork, scope: Scope) -> StatTable:
    base = by_dictionary(uow, scope, Resident.special_group, "special_group", "特殊人群")
    listed = tuple(row for row in base.rows if row[0] != "未填写")

    def flagged(column: Any) -> int:
        query = select(func.count()).select_from(Resident).where(column.is_(True), scope.where("resident"))
        return int(uow.session.execute(query).scalar_one())

    return StatTable(
        columns=("类别", "人数"),
        rows=(("残疾人", flagged(Resident.is_disabled)), ("低保人员", flagged(Resident.is_dibao)), *listed),
    )


def households_per_compound(uow: UnitOfWork, scope: Scope) -> StatTable:
    query = (
        select(Region.name, func.count(Household.id))
        .join(Household, Household.compound_id == Region.id)
        .where(scope.where("household"))
        .group_by(Region.name)
        .order_by(Region.name)
    )
    return StatTable(columns=("小区", "户数"), rows=tuple((n, int(c)) for n, c in uow.session.execute(query).all()))


def elderly(uow: UnitOfWork, scope: Scope) -> StatTable:
    """老年人 (60+) and 独居老人 (60+ living alone), by the stored birth date."""
    boundary = _years_before(dt.date.today(), ELDERLY_AGE)
    old = and_(Resident.birth_date <= boundary, scope.where("resident"))
    count = uow.session.execute(select(func.count()).select_from(Resident).where(old)).scalar_one()
    alone = uow.session.execute(
        select(func.count()).select_from(Resident).where(old, Resident.lives_alone.is_(True))
    ).scalar_one()
    return StatTable(columns=("类别", "人数"), rows=(("老年人(60岁及以上)", int(count)), ("独居老人", int(alone))))


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
