"""Briefings (简报, R-X09): every two months, hazard rectification per big grid for the superiors.

For a period (1—2月 is 第1期 ... 11—12月 第6期) and each big grid of the community: hazards found in
the period, rectified in it (reached 已整改), escalated in it (报安全办), and overdue at its end (still
open past the deadline; at today's date if the period has not ended). The briefing is recorded once
per period (issuing it again refreshes it) and written as xlsx and text by
:mod:`gridcore_firesafety.exports.briefing_files`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import attrs
from sqlalchemy import select

from gridcore.services.unit import UnitOfWork, operation
from gridcore_firesafety.domain.calendar import Period, latest_ended_period, parse_month, period_of
from gridcore_firesafety.models import Briefing, FireBigGrid, FireCell, Hazard, ShopArchive, WorkflowStep
from gridcore_firesafety.names import BRIEFING, HAZARD_WORKFLOW, OFFICE, VIEW
from gridcore_firesafety.services import common, visibility
from gridcore_firesafety.workflows import OPEN_HAZARD_STATES, RECTIFIED, RECTIFIED_STATES, REPORTED


@attrs.frozen(kw_only=True)
class GridLine:
    grid_no: str
    grid_name: str
    found: int
    rectified: int
    overdue: int
    escalated: int
    found_rectified: int = 0


@attrs.frozen(kw_only=True)
class BriefingData:
    """The content of one briefing."""

    community: str
    period: Period
    cutoff: dt.date
    issued: dt.date
    lines: tuple[GridLine, ...]

    def total(self, name: str) -> int:
        return sum(int(getattr(line, name)) for line in self.lines)


def _period(uow: UnitOfWork, month: str | None) -> Period:
    months = int(common.setting(uow, "briefing_months"))
    if month:
        year, number = parse_month(month)
        return period_of(dt.date(year, number, 1), months)
    return latest_ended_period(common.today(uow), months)


def compute(uow: UnitOfWork, *, month: str | None = None, community_code: str | None = None) -> BriefingData:
    """The briefing of the period containing ``month`` (default: the last period that has ended)."""
    community = common.community_or_only(uow, community_code)
    period = _period(uow, month)
    today = common.today(uow)
    cutoff = min(period.end, today)
    grids = list(
        uow.session.execute(
            select(FireBigGrid).where(FireBigGrid.community_id == community.id).order_by(FireBigGrid.grid_no)
        ).scalars()
    )
    hazards = uow.session.execute(
        select(Hazard, FireCell.grid_id)
        .join(ShopArchive, ShopArchive.id == Hazard.archive_id)
        .join(FireCell, FireCell.id == ShopArchive.cell_id)
        .where(Hazard.community_id == community.id, Hazard.found_date <= cutoff)
    ).all()
    ids = [hazard.id for hazard, _ in hazards]
    history: dict[int, list[WorkflowStep]] = defaultdict(list)
    if ids:
        for step in uow.session.execute(
            select(WorkflowStep)
            .where(WorkflowStep.workflow == HAZARD_WORKFLOW, WorkflowStep.record_id.in_(ids))
            .order_by(WorkflowStep.id)
        ).scalars():
            history[step.record_id].append(step)
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for hazard, grid_id in hazards:
        line = counts[grid_id]
        taken = history[hazard.id]
        in_period = [step for step in taken if period.start <= step.step_date <= cutoff]
        state = _state_on(taken, cutoff)
        found = period.start <= hazard.found_date <= cutoff
        line["found"] += found
        line["found_rectified"] += found and state in RECTIFIED_STATES
        line["rectified"] += any(step.to_state == RECTIFIED for step in in_period)
        line["escalated"] += any(step.to_state == REPORTED for step in in_period)
        line["overdue"] += state in OPEN_HAZARD_STATES and hazard.deadline < cutoff
    lines = tuple(
        GridLine(
            grid_no=grid.grid_no,
            grid_name=grid.name,
            found=counts[grid.id]["found"],
            rectified=counts[grid.id]["rectified"],
            overdue=counts[grid.id]["overdue"],
            escalated=counts[grid.id]["escalated"],
            found_rectified=counts[grid.id]["found_rectified"],
        )
        for grid in grids
    )
    return BriefingData(community=community.name, period=period, cutoff=cutoff, issued=today, lines=lines)


def _state_on(taken: list[WorkflowStep], day: dt.date) -> str | None:
    """The hazard's state at the end of ``day``, from its steps."""
    state = None
    for step in taken:
        if step.step_date <= day:
            state = step.to_state
    return state


@operation(OFFICE)
def issue(
    uow: UnitOfWork, *, month: str | None = None, community_code: str | None = None
) -> tuple[Briefing, BriefingData]:
    """Compute the briefing and record it (once per period; issuing again refreshes the record)."""
    from gridcore_firesafety.exports.briefing_files import briefing_text

    data = compute(uow, month=month, community_code=community_code)
    community = common.community_or_only(uow, community_code)
    record = uow.session.execute(
        select(Briefing).where(Briefing.community_id == community.id, Briefing.period == data.period.label)
    ).scalar_one_or_none()
    action = "update" if record is not None else "create"
    record = record or Briefing(community_id=community.id, period=data.period.label)
    record.start_date = data.period.start
    record.end_date = data.period.end
    record.issued_date = data.issued
    record.found = data.total("found")
    record.rectified = data.total("rectified")
    record.overdue = data.total("overdue")
    record.escalated = data.total("escalated")
    record.text = briefing_text(data)
    uow.write(BRIEFING, action, record, key=record.period)
    return record, data


@operation(VIEW)
def listing(uow: UnitOfWork) -> list[Briefing]:
    query = select(Briefing).where(visibility.where(uow, BRIEFING)).order_by(Briefing.start_date)
    return list(uow.session.execute(query).scalars())
