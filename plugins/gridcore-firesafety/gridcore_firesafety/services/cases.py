"""安全办 spot checks and 两警一停 cases (R-X07, R-X08).

A spot check that finds 漏查, 不查 or 瞒报 opens a case against the person responsible. The case is
reported to the 两委, who discuss and vote; a vote that passes decides a 警告 or a 停工意见书, which is
issued, stamped by the 两委办公室, delivered to the leaders concerned and the person, and confirmed by a
leader's signature. After two warnings without effect (issued to the same person since their last
停工), the next sanction must be 停工: a 警告 is refused.
"""

from __future__ import annotations

import datetime as dt

import attrs
from sqlalchemy import select

from gridcore import Event
from gridcore.errors import ValidationError
from gridcore.services import dictionaries
from gridcore.services.unit import UnitOfWork, operation
from gridcore_firesafety.domain.sanctions import check_sanction, due_sanction
from gridcore_firesafety.models import DisciplineCase, SpotCheck
from gridcore_firesafety.names import (
    CASE,
    CASE_OPENED,
    CASE_WORKFLOW,
    NO_FINDING,
    OFFICE,
    SPOT_CHECK,
    SPOT_FINDING_DICTIONARY,
    VIEW,
)
from gridcore_firesafety.services import cells, common, steps, visibility
from gridcore_firesafety.services.numbers import next_number
from gridcore_firesafety.services.steps import StepInput
from gridcore_firesafety.workflows import CONFIRMED, DELIVERED, DISMISSED, ISSUED, ISSUED_CASE_STATES, STAMPED, VOTED


@attrs.frozen(kw_only=True)
class CaseDetails:
    """What a step of a case records besides date, actor and note."""

    sanction: str | None = None
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstain: int | None = None
    document_no: str | None = None
    delivered_to: str | None = None
    leader: str | None = None


def get(uow: UnitOfWork, key: str) -> DisciplineCase:
    wanted = key.strip().upper()
    record = uow.session.execute(select(DisciplineCase).where(DisciplineCase.case_no == wanted)).scalar_one_or_none()
    found: DisciplineCase = visibility.require(uow, CASE, record, f"案件编号 {wanted} 不存在 (gridcore fire case list)")
    return found


@operation(OFFICE)
def spot_check(
    uow: UnitOfWork,
    cell_key: str,
    *,
    finding: str,
    checker: str,
    person: str | None = None,
    unit: str | None = None,
    day: object = None,
    note: str | None = None,
) -> tuple[SpotCheck, DisciplineCase | None]:
    """Record a spot check of a cell; a finding (漏查, 不查, 瞒报) opens a 两警一停 case against ``person``."""
    cell = cells.get(uow, cell_key)
    code = dictionaries.to_code(uow, SPOT_FINDING_DICTIONARY, common.required_text(finding, "发现"), field="发现")
    when = common.given_date(uow, day, "抽查日期")
    check = SpotCheck(
        check_date=when,
        cell_id=cell.id,
        cell_name=cell.name,
        checker=common.required_text(checker, "抽查人", limit=30),
        finding=code,
        person=common.optional_text(person),
        unit=common.optional_text(unit),
        note=common.optional_text(note),
        community_id=cell.community_id,
    )
    if code != NO_FINDING and check.person is None:
        label = dictionaries.label_of(uow, SPOT_FINDING_DICTIONARY, code)
        raise ValidationError(f"抽查发现{label}, 请写明责任人 (--person), 以便实行两警一停", field="责任人")
    uow.write(SPOT_CHECK, "create", check)
    if code == NO_FINDING:
        return check, None
    assert check.person is not None
    case = DisciplineCase(
        case_no=next_number(uow, kind="case", prefix=f"LJ{when.year}", column=DisciplineCase.case_no, width=3),
        person=check.person,
        unit=check.unit,
        finding=code,
        state=steps.workflow(uow, CASE_WORKFLOW).initial,
        state_date=when,
        opened_date=when,
        spot_check_id=check.id,
        cell_id=cell.id,
        community_id=cell.community_id,
    )
    uow.write(CASE, "create", case, key=case.case_no)
    steps.start(
        uow,
        CASE_WORKFLOW,
        case,
        action="安全办抽查发现, 立案",
        given=StepInput(day=when, actor=check.checker),
        key=case.case_no,
    )
    uow.events.append(Event(type=CASE_OPENED, entity=CASE, key=case.case_no, action="create"))
    return check, case


def earlier_sanctions(uow: UnitOfWork, case: DisciplineCase) -> list[str]:
    """The sanctions already issued to the case's person in earlier cases, oldest first."""
    issued = uow.session.execute(
        select(DisciplineCase.sanction)
        .where(
            DisciplineCase.person == case.person,
            DisciplineCase.community_id == case.community_id,
            DisciplineCase.id != case.id,
            DisciplineCase.state.in_(ISSUED_CASE_STATES),
            DisciplineCase.sanction.is_not(None),
        )
        .order_by(DisciplineCase.issued_date, DisciplineCase.id)
    ).scalars()
    return [sanction for sanction in issued if sanction]


def required_sanction(uow: UnitOfWork, case: DisciplineCase) -> str:
    """The sanction 两警一停 calls for in this case (警告, or 停工 after two ineffective warnings)."""
    return due_sanction(earlier_sanctions(uow, case), limit=int(common.setting(uow, "warnings_before_stop")))


@operation(OFFICE)
def move(
    uow: UnitOfWork, key: str, target: str, *, given: StepInput | None = None, details: CaseDetails | None = None
) -> DisciplineCase:
    """Take a case one step further; each step checks and records what it needs."""
    case = get(uow, key)
    step_input = given or StepInput()
    extra = details or CaseDetails()
    target = target.strip()
    steps.check(uow, CASE_WORKFLOW, case, target, key=case.case_no)
    _apply(uow, case, target, extra)
    step = steps.move(uow, CASE_WORKFLOW, case, target, given=step_input, key=case.case_no)
    _date(case, target, step.step_date)
    uow.write(CASE, "update", case, key=case.case_no)
    return case


def _apply(uow: UnitOfWork, case: DisciplineCase, target: str, extra: CaseDetails) -> None:
    """The checks and values of the step to ``target`` (before the workflow checks the step itself)."""
    limit = int(common.setting(uow, "warnings_before_stop"))
    if target == VOTED:
        if extra.votes_for is None or extra.votes_against is None:
            raise ValidationError("两委表决请填写赞成票和反对票 (--for N --against N)", field="赞成票")
        votes = (extra.votes_for, extra.votes_against, extra.votes_abstain or 0)
        if min(votes) < 0:
            raise ValidationError("票数不能为负数", field="赞成票")
        if extra.votes_for <= extra.votes_against:
            raise ValidationError(
                f"赞成 {extra.votes_for} 票未超过反对 {extra.votes_against} 票, 表决未通过: 请转为「表决未通过」",
                field="赞成票",
            )
        chosen = extra.sanction or required_sanction(uow, case)
        case.sanction = check_sanction(chosen, earlier_sanctions(uow, case), person=case.person, limit=limit)
        case.votes_for, case.votes_against, case.votes_abstain = votes
    elif target == DISMISSED and extra.votes_for is not None and extra.votes_against is not None:
        if extra.votes_for > extra.votes_against:
            raise ValidationError(
                f"赞成 {extra.votes_for} 票多于反对 {extra.votes_against} 票, 表决已通过", field="赞成票"
            )
        case.votes_for, case.votes_against, case.votes_abstain = (
            extra.votes_for,
            extra.votes_against,
            extra.votes_abstain,
        )
    elif target == ISSUED:
        if case.sanction is not None:
            check_sanction(case.sanction, earlier_sanctions(uow, case), person=case.person, limit=limit)
        case.document_no = common.optional_text(extra.document_no)
    elif target == DELIVERED:
        case.delivered_to = common.required_text(extra.delivered_to, "送达对象", limit=200)
    elif target == CONFIRMED:
        case.confirmed_by = common.required_text(extra.leader, "签名领导", limit=30)


def _date(case: DisciplineCase, target: str, day: dt.date) -> None:
    if target == ISSUED:
        case.issued_date = day
    elif target == STAMPED:
        case.stamped_date = day
    elif target == DELIVERED:
        case.delivered_date = day
    elif target == CONFIRMED:
        case.confirmed_date = day


@operation(VIEW)
def listing(uow: UnitOfWork, *, state: str | None = None, person: str | None = None) -> list[DisciplineCase]:
    query = select(DisciplineCase).where(visibility.where(uow, CASE)).order_by(DisciplineCase.case_no)
    if state:
        query = query.where(DisciplineCase.state == state.strip())
    if person:
        query = query.where(DisciplineCase.person == person.strip())
    return list(uow.session.execute(query).scalars())


@operation(VIEW)
def spot_checks(uow: UnitOfWork) -> list[SpotCheck]:
    query = select(SpotCheck).where(visibility.where(uow, SPOT_CHECK)).order_by(SpotCheck.check_date, SpotCheck.id)
    return list(uow.session.execute(query).scalars())
