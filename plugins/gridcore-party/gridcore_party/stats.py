"""党建统计: members by organization, category and age, and activities per month.

Members are counted through their resident, so a statistics run over a region counts the members who
live there; party organizations and activities are not divided by region.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from gridcore import StatTable
from gridcore.domain.residents import Resident
from gridcore.errors import ConfigError
from gridcore.services import dictionaries
from gridcore_party.eligibility import POLITICAL_STATUS, eligible_codes
from gridcore_party.models import PartyActivity, PartyMember
from gridcore_party.organizations import flatten, org_tree
from gridcore_party.plugin import DEFAULT_AGE_BANDS, PLUGIN

if TYPE_CHECKING:
    from gridcore.services.unit import UnitOfWork
    from gridcore.stats.scope import Scope


def members_by_org(uow: UnitOfWork, scope: Scope) -> StatTable:
    """各党组织党员人数: every organization of the tree (indented by level) with its own members."""
    query = (
        select(PartyMember.party_org_id, func.count())
        .join(Resident, Resident.id == PartyMember.resident_id)
        .where(scope.where("resident"))
        .group_by(PartyMember.party_org_id)
    )
    counts = dict(uow.session.execute(query).tuples().all())
    rows = tuple(
        ("　" * row.depth + row.org.name, dictionaries.label_of(uow, "party_org_type", row.org.org_type),
         int(counts.get(row.org.id, 0)))
        for row in flatten(org_tree(uow))
    )  # fmt: skip
    return StatTable(columns=("党组织", "类型", "党员人数"), rows=rows)


def members_by_category(uow: UnitOfWork, scope: Scope) -> StatTable:
    """党员类别统计: 党员, 预备党员, 积极分子 (by their protected codes, whatever their labels)."""
    query = (
        select(PartyMember.category, func.count())
        .join(Resident, Resident.id == PartyMember.resident_id)
        .where(scope.where("resident"))
        .group_by(PartyMember.category)
    )
    counts = dict(uow.session.execute(query).tuples().all())
    rows = tuple(
        (dictionaries.label_of(uow, POLITICAL_STATUS, code), int(counts.get(code, 0)))
        for code in eligible_codes(uow.app)
    )
    return StatTable(columns=("党员类别", "人数"), rows=rows)


def _bands(uow: UnitOfWork) -> list[int]:
    configured = uow.app.setting(PLUGIN.name, "age_bands")
    if not isinstance(configured, list) or not all(isinstance(a, int) and a >= 0 for a in configured):
        raise ConfigError(f"[settings.party] age_bands 应为非负整数列表, 例如 {DEFAULT_AGE_BANDS}; 现为 {configured!r}")
    return sorted(set(configured)) or DEFAULT_AGE_BANDS


def band_label(bands: list[int], index: int) -> str:
    low = bands[index]
    if index + 1 == len(bands):
        return f"{low}岁及以上"
    high = bands[index + 1] - 1
    return f"{high}岁及以下" if low == 0 else f"{low}-{high}岁"


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def members_by_age(uow: UnitOfWork, scope: Scope) -> StatTable:
    """党员年龄结构: members per age band (``[settings.party] age_bands``), from the resident's birth date."""
    bands = _bands(uow)
    today = dt.date.today()
    query = (
        select(Resident.birth_date)
        .join(PartyMember, PartyMember.resident_id == Resident.id)
        .where(scope.where("resident"))
    )
    counts: Counter[str] = Counter()
    for (birth,) in uow.session.execute(query).all():
        if birth is None:
            counts["未填写"] += 1
            continue
        age = age_on(birth, today)
        index = max((i for i, low in enumerate(bands) if age >= low), default=0)
        counts[band_label(bands, index)] += 1
    rows = [(band_label(bands, i), counts.pop(band_label(bands, i), 0)) for i in range(len(bands))]
    rows += sorted(counts.items())
    return StatTable(columns=("年龄段", "人数"), rows=tuple(rows))


def activities_per_month(uow: UnitOfWork, scope: Scope) -> StatTable:
    """组织活动月度统计: activities and participations per month (YYYY-MM), oldest first."""
    query = select(
        PartyActivity.activity_date, func.count(), func.sum(func.coalesce(PartyActivity.participant_count, 0))
    )
    by_day = uow.session.execute(query.group_by(PartyActivity.activity_date)).all()
    activities: Counter[str] = Counter()
    people: Counter[str] = Counter()
    for day, count, attended in by_day:
        month = day.strftime("%Y-%m")
        activities[month] += int(count)
        people[month] += int(attended or 0)
    rows = tuple((month, activities[month], people[month]) for month in sorted(activities))
    return StatTable(columns=("月份", "活动次数", "参加人次"), rows=rows)
