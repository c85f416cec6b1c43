"""The exact-query conditions of the house-state chart (精确查询), kept per operator until reset (R-N05, R-N06).

As in the manual's window, the conditions of one query are kept for the next: running the chart again
with a new condition adds it to the old ones (all must hold, R-N05), and an old condition still
applies until 条件重置 (:func:`reset_conditions`). Each operator has their own.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import delete, select

from gridcore.entities import resolve_field
from gridcore.query.spec import Condition, QuerySpec
from gridcore.services import query
from gridcore.services.unit import UnitOfWork, operation
from gridcore_maps.models import HouseQueryCondition
from gridcore_maps.plugin import VIEW

ENTITY = "household"


def _operator(uow: UnitOfWork) -> str:
    return uow.actor.login


@operation(VIEW)
def current_conditions(uow: UnitOfWork) -> list[Condition]:
    """The operator's conditions in the order they were given."""
    rows = uow.session.execute(
        select(HouseQueryCondition)
        .where(HouseQueryCondition.operator == _operator(uow))
        .order_by(HouseQueryCondition.id)
    ).scalars()
    return [Condition(field=row.field, op="=", value=row.value) for row in rows]


@operation(VIEW)
def add_conditions(uow: UnitOfWork, given: Mapping[str, str]) -> list[Condition]:
    """Add ``{field label: value}`` to the operator's conditions; return all of them.

    Each field must be a household field and each value acceptable to it (a dictionary label, a
    number ...); a wrong one is refused and nothing is kept.
    """
    entity = query.entity(uow, ENTITY)
    existing = {(c.field, c.value) for c in current_conditions(uow)}
    for name, raw in given.items():
        label = resolve_field(entity.model, name, entity_title=entity.title).label
        value = raw.strip()
        condition = Condition(field=label, op="=", value=value)
        query.conditions(uow, entity, QuerySpec(where=(condition,)))  # checks the field and the value
        if (label, value) not in existing:
            uow.session.add(HouseQueryCondition(operator=_operator(uow), field=label, value=value))
            existing.add((label, value))
    uow.session.flush()
    return current_conditions(uow)


@operation(VIEW)
def reset_conditions(uow: UnitOfWork) -> int:
    """条件重置: forget the operator's conditions; return how many there were."""
    count = len(current_conditions(uow))
    uow.session.execute(delete(HouseQueryCondition).where(HouseQueryCondition.operator == _operator(uow)))
    return count
