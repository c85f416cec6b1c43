"""Monthly check reports (R-X06): every cell reports to 社区安全办 by the 26th; on the 27th the cells
that have not reported are listed.

The due day is the ``report_day`` setting (26) whatever the weekday; an edition may set
``report_weekend`` to ``before`` or ``after`` to move a due date off a Saturday or Sunday. A report
given after its due date is kept and marked late (逾期).
"""

from __future__ import annotations

import datetime as dt

import attrs
from sqlalchemy import select

from gridcore.errors import ConflictError, ValidationError
from gridcore.services.unit import UnitOfWork, operation
from gridcore_firesafety.domain.calendar import latest_closed_month, month_label, parse_month, report_due
from gridcore_firesafety.models import FireCell, MonthlyReport
from gridcore_firesafety.names import CELL, PATROL, REPORT, VIEW
from gridcore_firesafety.services import cells, common, visibility


def due_date(uow: UnitOfWork, month: str) -> dt.date:
    """The day ``month``'s report is due under the edition's rule."""
    return report_due(
        month, day=int(common.setting(uow, "report_day")), weekend=str(common.setting(uow, "report_weekend"))
    )


def _month(month: str) -> str:
    return month_label(*parse_month(month))


@operation(PATROL)
def submit(
    uow: UnitOfWork,
    cell_key: str,
    *,
    month: str,
    reporter: str,
    checks: int = 0,
    hazards_found: int = 0,
    summary: str | None = None,
    day: object = None,
) -> MonthlyReport:
    """A cell's report of its month's checks; one per cell and month, late if after the due date."""
    cell = cells.get(uow, cell_key)
    month = _month(month)
    when = common.given_date(uow, day, "汇报日期")
    year, number = parse_month(month)
    if when < dt.date(year, number, 1):
        raise ValidationError(f"{month} 的汇报不能早于该月 ({when})", field="汇报日期", value=str(when))
    if checks < 0 or hazards_found < 0:
        raise ValidationError("检查户次和发现隐患数不能为负数", field="检查户次")
    exists = uow.session.execute(
        select(MonthlyReport.report_date).where(MonthlyReport.cell_id == cell.id, MonthlyReport.month == month)
    ).scalar_one_or_none()
    if exists is not None:
        raise ConflictError(f"{cell.name} 已于 {exists} 汇报过 {month} 的检查情况")
    due = due_date(uow, month)
    report = MonthlyReport(
        month=month,
        cell_id=cell.id,
        cell_name=cell.name,
        reporter=common.required_text(reporter, "汇报人", limit=30),
        report_date=when,
        due_date=due,
        late=when > due,
        checks=checks,
        hazards_found=hazards_found,
        summary=common.optional_text(summary),
        community_id=cell.community_id,
    )
    uow.write(REPORT, "create", report)
    return report


@attrs.frozen(kw_only=True)
class Overdue:
    """The cells that have not reported ``month`` by its due date, as seen on ``today``."""

    month: str
    due: dt.date
    today: dt.date
    cells: tuple[FireCell, ...]

    @property
    def flagged(self) -> bool:
        """Whether the due date has passed (only then is a missing report overdue)."""
        return self.today > self.due


def latest_due_month(uow: UnitOfWork) -> str:
    """The latest month whose due date has passed (the one ``overdue`` lists by default)."""
    day, weekend = int(common.setting(uow, "report_day")), str(common.setting(uow, "report_weekend"))
    return latest_closed_month(common.today(uow), day=day, weekend=weekend)


@operation(VIEW)
def overdue(uow: UnitOfWork, *, month: str | None = None) -> Overdue:
    """The cells without a report for ``month`` (default: the latest month already due), after its due date."""
    today = common.today(uow)
    chosen = _month(month) if month else latest_due_month(uow)
    due = due_date(uow, chosen)
    if today <= due:
        return Overdue(month=chosen, due=due, today=today, cells=())
    reported = select(MonthlyReport.cell_id).where(MonthlyReport.month == chosen)
    missing = uow.session.execute(
        select(FireCell).where(visibility.where(uow, CELL), FireCell.id.not_in(reported)).order_by(FireCell.cell_no)
    ).scalars()
    return Overdue(month=chosen, due=due, today=today, cells=tuple(missing))


@operation(VIEW)
def listing(uow: UnitOfWork, *, month: str | None = None) -> list[MonthlyReport]:
    query = (
        select(MonthlyReport)
        .where(visibility.where(uow, REPORT))
        .order_by(MonthlyReport.month, MonthlyReport.cell_name)
    )
    if month:
        query = query.where(MonthlyReport.month == _month(month))
    return list(uow.session.execute(query).scalars())
