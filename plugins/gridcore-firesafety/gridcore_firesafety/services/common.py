"""What every fire-safety service needs: today's date, settings, dates people give, the community.

Dates people give may not lie in the future (a check, a step, a report happens on or before today);
"today" is the app clock's date in the plugin's time zone, so tests freeze it with ``app.clock``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from gridcore.domain.regions import Region
from gridcore.domain.values import clean_text, parse_date
from gridcore.errors import ValidationError
from gridcore.services import regions
from gridcore.services.unit import UnitOfWork
from gridcore_firesafety.domain.calendar import local_today
from gridcore_firesafety.names import PLUGIN_NAME


def setting(uow: UnitOfWork, name: str) -> Any:
    return uow.app.setting(PLUGIN_NAME, name)


def today(uow: UnitOfWork) -> dt.date:
    """Today in the community's time zone, from the app clock."""
    return local_today(uow.app.clock(), str(setting(uow, "timezone")))


def given_date(uow: UnitOfWork, raw: object, label: str, *, default_today: bool = True) -> dt.date:
    """A date people give (``None`` is today); a date after today is refused."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if not default_today:
            raise ValidationError(f"「{label}」不能为空", field=label)
        return today(uow)
    try:
        day = parse_date(raw)
    except ValueError as error:
        raise ValidationError(f"「{label}」{error}", field=label, value=raw) from None
    if day > today(uow):
        raise ValidationError(f"「{label}」{day.isoformat()} 晚于今天 {today(uow).isoformat()}", field=label, value=raw)
    return day


def any_date(raw: object, label: str) -> dt.date:
    """A date people give, in the past or the future (a deadline)."""
    try:
        return parse_date(raw)
    except ValueError as error:
        raise ValidationError(f"「{label}」{error}", field=label, value=raw) from None


def required_text(raw: str | None, label: str, *, limit: int | None = None) -> str:
    text = clean_text(raw)
    if not text:
        raise ValidationError(f"「{label}」不能为空", field=label, value=raw)
    if limit is not None and len(text) > limit:
        raise ValidationError(f"「{label}」最多 {limit} 个字, 现有 {len(text)} 个字", field=label, value=raw)
    return text


def optional_text(raw: str | None) -> str | None:
    return clean_text(raw) or None


def community(uow: UnitOfWork, code: str) -> Region:
    """The community (the level above compounds) with this code, inside the operator's scope."""
    region = regions.get(uow, code)
    wanted = regions.household_level(uow) - 1
    if region.level != wanted:
        names = regions.levels(uow)
        raise ValidationError(
            f"{region.name} ({region.code}) 是{names[region.level]}, 消防大网格应建在{names[wanted]}",
            field="社区",
            value=code,
        )
    return region


def compound(uow: UnitOfWork, code: str, within: Region) -> Region:
    """A compound (物业小区) of ``within``: the property a cell covers."""
    region = regions.get(uow, code)
    if region.level != regions.household_level(uow) or region.parent_id != within.id:
        raise ValidationError(
            f"{region.name} ({region.code}) 不是{within.name}的{regions.levels(uow)[-1]}",
            field="物业小区",
            value=code,
        )
    return region


def community_or_only(uow: UnitOfWork, code: str | None) -> Region:
    """The community named by ``code``, or the only community that has fire-safety grids."""
    if code:
        return community(uow, code)
    from gridcore_firesafety.models import FireBigGrid
    from gridcore_firesafety.names import GRID
    from gridcore_firesafety.services import visibility

    ids = sorted(
        set(uow.session.execute(select(FireBigGrid.community_id).where(visibility.where(uow, GRID))).scalars())
    )
    if len(ids) != 1:
        message = "有多个社区的消防网格, 请用 --community 指定社区编码" if ids else "还没有消防大网格, 请先建立大网格"
        raise ValidationError(message, field="社区")
    found = uow.session.get(Region, ids[0])
    assert found is not None
    return found
