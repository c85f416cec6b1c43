"""The notebook's statistic: entries per month (民情日记月度篇数)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from gridcore import StatTable
from sqlalchemy import func, select

from gridcore_notebook.models import NotebookEntry

if TYPE_CHECKING:
    from gridcore.services.unit import UnitOfWork
    from gridcore.stats.scope import Scope


def entries_per_month(uow: UnitOfWork, scope: Scope) -> StatTable:
    """Count entries by month (``YYYY-MM``), oldest first.

    Rows are grouped by day in SQL and folded into months here, which reads the same on SQLite and
    PostgreSQL. ``scope.where(entity_id)`` limits a register to the chosen region; the notebook is not
    tied to a region, so it counts every entry.
    """
    by_day = uow.session.execute(
        select(NotebookEntry.entry_date, func.count()).group_by(NotebookEntry.entry_date)
    ).all()
    months: Counter[str] = Counter()
    for day, count in by_day:
        months[day.strftime("%Y-%m")] += count
    return StatTable(columns=("月份", "篇数"), rows=tuple(sorted(months.items())))
