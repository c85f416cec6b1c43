"""Statistics of premises: by type, by compound (with employees), and premises by number of employees.

Every count is limited to the chosen region subtree (``scope.where("premises")``); employees are the
residents whose 场所编号 is the premises' number, wherever they live.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from gridcore import StatTable
from gridcore.domain.residents import Resident
from gridcore.services import dictionaries
from gridcore_premises.models import Premises

if TYPE_CHECKING:
    from gridcore.services.unit import UnitOfWork
    from gridcore.stats.scope import Scope

UNFILLED = "未填写"
#: Lower bounds of the 从业人数 bands: 0, 1-9, 10-49, 50 and more.
BANDS: tuple[int, ...] = (0, 1, 10, 50)


def _per_premises(scope: Scope) -> Any:
    """One row per premises in scope: its id, type, compound and employee count."""
    employees = func.count(Resident.id).label("employees")
    return (
        select(Premises.id, Premises.premises_type, Premises.community_name, Premises.compound_name, employees)
        .join(Resident, Resident.premises_no == Premises.premises_no, isouter=True)
        .where(scope.where("premises"))
        .group_by(Premises.id, Premises.premises_type, Premises.community_name, Premises.compound_name)
        .subquery()
    )


def by_type(uow: UnitOfWork, scope: Scope) -> StatTable:
    """Premises and employees per 场所类型, in the dictionary's order; blank types last."""
    rows = _per_premises(scope)
    counted = uow.session.execute(
        select(rows.c.premises_type, func.count(), func.sum(rows.c.employees)).group_by(rows.c.premises_type)
    ).all()
    found = {code: (int(n), int(people or 0)) for code, n, people in counted}
    ordered = [entry.code for entry in dictionaries.current(uow, "premises_type").entries if entry.code in found]
    ordered += sorted((code for code in found if code not in ordered), key=lambda code: (code is None, code or ""))
    return StatTable(
        columns=("场所类型", "场所数", "从业人数"),
        rows=tuple(
            (dictionaries.label_of(uow, "premises_type", code) if code else UNFILLED, *found[code]) for code in ordered
        ),
    )


def by_region(uow: UnitOfWork, scope: Scope) -> StatTable:
    """Premises and employees per community and compound."""
    rows = _per_premises(scope)
    counted = uow.session.execute(
        select(rows.c.community_name, rows.c.compound_name, func.count(), func.sum(rows.c.employees))
        .group_by(rows.c.community_name, rows.c.compound_name)
        .order_by(rows.c.community_name, rows.c.compound_name)
    ).all()
    return StatTable(
        columns=("社区", "小区", "场所数", "从业人数"),
        rows=tuple(
            (community or "", compound or "", int(n), int(people or 0)) for community, compound, n, people in counted
        ),
    )


def employee_bands(uow: UnitOfWork, scope: Scope) -> StatTable:
    """How many premises have 0, 1-9, 10-49 and 50 or more employees."""
    rows = _per_premises(scope)
    counts = [0] * len(BANDS)
    for (employees,) in uow.session.execute(select(rows.c.employees)).all():
        band = max(index for index, low in enumerate(BANDS) if int(employees) >= low)
        counts[band] += 1
    labels = [
        f"{low}人" if high == low + 1 else f"{low}-{high - 1}人" if high else f"{low}人及以上"
        for low, high in zip(BANDS, (*BANDS[1:], None), strict=True)
    ]
    return StatTable(columns=("从业人数", "场所数"), rows=tuple(zip(labels, counts, strict=True)))
