"""Running statistics (``gridcore stats``): every registered statistic over a region subtree."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from gridcore.contributions import Statistic, StatTable
from gridcore.errors import NotFoundError
from gridcore.services import scope
from gridcore.services.query import subtree_ids
from gridcore.services.unit import UnitOfWork, operation
from gridcore.stats.scope import Scope


@attrs.frozen(kw_only=True)
class StatResult:
    statistic: Statistic
    table: StatTable


def scope_for(uow: UnitOfWork, region: str | None) -> Scope:
    """The subtree a statistic counts over: ``region``'s (inside the operator's scope), else the scope."""
    ids = frozenset(subtree_ids(uow, region)) if region else scope.region_ids(uow)
    return Scope(region_ids=ids, entities=uow.app.registry.entities)


@operation("stats.view")
def run_statistics(uow: UnitOfWork, *, region: str | None = None, only: Sequence[str] = ()) -> list[StatResult]:
    """Compute the chosen statistics (all by default) over ``region``'s subtree (everything by default)."""
    registered = uow.app.registry.statistics
    unknown = [name for name in only if name not in registered]
    if unknown:
        raise NotFoundError(f"没有统计项 {unknown[0]!r};可用: {', '.join(registered)}")
    scope = scope_for(uow, region)
    chosen = [registered[name] for name in only] if only else list(registered.values())
    results = []
    for statistic in chosen:
        if statistic.permission:
            uow.require(statistic.permission)
        results.append(StatResult(statistic=statistic, table=statistic.compute(uow, scope)))
    return results
