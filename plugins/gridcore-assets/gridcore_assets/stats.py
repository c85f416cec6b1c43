"""The assets' statistic: items, owners and total value per 财产类型, in the dictionary's order."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from gridcore import StatTable
from gridcore.services import dictionaries
from gridcore_assets.models import Asset

if TYPE_CHECKING:
    from gridcore.services.unit import UnitOfWork
    from gridcore.stats.scope import Scope


CENTS = Decimal("0.01")


def by_type(uow: UnitOfWork, scope: Scope) -> StatTable:
    quantity = func.coalesce(Asset.quantity, 1)
    query = (
        select(Asset.asset_type, func.sum(quantity), func.count(func.distinct(Asset.owner_id)), func.sum(Asset.value))
        .where(scope.where("asset"))
        .group_by(Asset.asset_type)
    )
    found = {
        code: (int(items), int(owners), Decimal(str(total or 0)).quantize(CENTS))
        for code, items, owners, total in uow.session.execute(query)
    }
    entries = dictionaries.current(uow, "asset_type").entries
    ordered = [entry.code for entry in entries if entry.code in found]
    ordered += sorted(code for code in found if code not in ordered)
    return StatTable(
        columns=("财产类型", "件数", "人数", "价值合计(元)"),
        rows=tuple((dictionaries.label_of(uow, "asset_type", code), *found[code]) for code in ordered),
    )
