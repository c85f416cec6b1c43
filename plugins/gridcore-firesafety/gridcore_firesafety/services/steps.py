"""Moving a record along a registered workflow and keeping the history of its steps.

The kernel's :class:`gridcore.Workflow` says which steps exist; this module adds what a step of the
fire-safety grid needs: a date (not before the previous step, not after today), the person who acted,
a note, the operator who recorded it, and the history.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
from sqlalchemy import select

from gridcore import Transition, Workflow
from gridcore.errors import ValidationError
from gridcore.services.unit import UnitOfWork
from gridcore_firesafety.models import WorkflowStep
from gridcore_firesafety.names import STEP
from gridcore_firesafety.services import common


@attrs.frozen(kw_only=True)
class StepInput:
    """What people give for a step: the date (default today), who acted (default the operator), a note."""

    day: object = None
    actor: str | None = None
    note: str | None = None


def workflow(uow: UnitOfWork, workflow_id: str) -> Workflow:
    found: Workflow = uow.app.registry.workflows[workflow_id]
    return found


def last_step(uow: UnitOfWork, workflow_id: str, record_id: int) -> WorkflowStep | None:
    return (
        uow.session.execute(
            select(WorkflowStep)
            .where(WorkflowStep.workflow == workflow_id, WorkflowStep.record_id == record_id)
            .order_by(WorkflowStep.id.desc())
        )
        .scalars()
        .first()
    )


def history(uow: UnitOfWork, workflow_id: str, record_id: int) -> list[WorkflowStep]:
    """Every step of a record, oldest first."""
    return list(
        uow.session.execute(
            select(WorkflowStep)
            .where(WorkflowStep.workflow == workflow_id, WorkflowStep.record_id == record_id)
            .order_by(WorkflowStep.id)
        ).scalars()
    )


def start(uow: UnitOfWork, workflow_id: str, record: Any, *, action: str, given: StepInput, key: str) -> WorkflowStep:
    """The first step of a new record: it enters the workflow's initial state."""
    flow = workflow(uow, workflow_id)
    return _record(uow, flow, record, None, flow.initial, action, given, key, floor=None)


def check(uow: UnitOfWork, workflow_id: str, record: Any, target: str, *, key: str) -> Transition:
    """The declared step from ``record.state`` to ``target``; an unknown state or an undeclared step is refused."""
    flow = workflow(uow, workflow_id)
    if target not in flow.states:
        raise ValidationError(
            f"{flow.title}没有状态「{target}」;状态有: {'、'.join(flow.states)}", field="状态", value=target
        )
    try:
        return flow.step(record.state, target)
    except ValueError as error:
        raise ValidationError(f"{key}: {error}", field="状态", value=target) from None


def move(uow: UnitOfWork, workflow_id: str, record: Any, target: str, *, given: StepInput, key: str) -> WorkflowStep:
    """Take ``record`` (with ``state`` and ``state_date``) to ``target``; an undeclared step is refused."""
    transition = check(uow, workflow_id, record, target, key=key)
    flow = workflow(uow, workflow_id)
    return _record(uow, flow, record, record.state, target, transition.action, given, key, floor=record.state_date)


def _record(
    uow: UnitOfWork,
    flow: Workflow,
    record: Any,
    source: str | None,
    target: str,
    action: str,
    given: StepInput,
    key: str,
    *,
    floor: dt.date | None,
) -> WorkflowStep:
    day = common.given_date(uow, given.day, "日期")
    if floor is not None and day < floor:
        raise ValidationError(f"{key}: 日期 {day} 早于上一步的日期 {floor}", field="日期", value=str(day))
    step = WorkflowStep(
        workflow=flow.id,
        record_id=record.id,
        from_state=source,
        to_state=target,
        action=action,
        step_date=day,
        actor=common.optional_text(given.actor) or uow.actor.login,
        note=common.optional_text(given.note),
        operator=uow.actor.login,
        recorded_at=uow.app.clock(),
        community_id=record.community_id,
    )
    record.state = target
    record.state_date = day
    uow.write(STEP, "create", step, key=key)
    return step
