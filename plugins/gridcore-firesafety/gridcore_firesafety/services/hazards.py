"""Fire hazards (火灾隐患, R-X05): register one found in a shop, move it along the workflow, flag overdue.

Found → 待整改 with a deadline (the given one, or ``rectification_days`` after the day it was found).
The owner rectifies (已整改, 复查合格) and it is closed; or the owner does not cooperate: 已报安全办 →
停水停电 → (rectified, or) 已报镇整治办 → 查封. Each step has a date, an actor and a note; 安全办 alone
takes the sanctions (停水停电, 报镇整治办, 查封). A hazard still open after its deadline is overdue.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnElement, and_, select

from gridcore import Event
from gridcore.errors import ValidationError
from gridcore.services import dictionaries
from gridcore.services.unit import UnitOfWork, operation
from gridcore_firesafety.models import FireCell, Hazard, Inspection, ShopArchive
from gridcore_firesafety.names import HAZARD, HAZARD_MOVED, HAZARD_TYPE_DICTIONARY, HAZARD_WORKFLOW, PATROL, VIEW
from gridcore_firesafety.services import archives, common, grids, steps, visibility
from gridcore_firesafety.services.numbers import next_number
from gridcore_firesafety.services.steps import StepInput
from gridcore_firesafety.workflows import HAZARD_STEP_PERMISSION, OPEN_HAZARD_STATES


def get(uow: UnitOfWork, key: str) -> Hazard:
    wanted = key.strip().upper()
    record = uow.session.execute(select(Hazard).where(Hazard.hazard_no == wanted)).scalar_one_or_none()
    found: Hazard = visibility.require(uow, HAZARD, record, f"隐患编号 {wanted} 不存在 (gridcore fire hazard list)")
    return found


@operation(PATROL)
def register(
    uow: UnitOfWork,
    archive_key: str,
    *,
    hazard_type: str,
    description: str,
    found: object = None,
    deadline: object = None,
    inspection_no: str | None = None,
    measures: str | None = None,
    given: StepInput | None = None,
) -> Hazard:
    """A hazard found in a shop: it starts 待整改 with a deadline; the first step is its discovery."""
    archive = archives.get(uow, archive_key)
    found_day = common.given_date(uow, found, "发现日期")
    if deadline is None or (isinstance(deadline, str) and not deadline.strip()):
        due = found_day + dt.timedelta(days=int(common.setting(uow, "rectification_days")))
    else:
        due = common.any_date(deadline, "整改期限")
    if due < found_day:
        raise ValidationError(f"整改期限 {due} 早于发现日期 {found_day}", field="整改期限", value=str(due))
    hazard = Hazard(
        hazard_no=next_number(uow, kind="hazard", prefix=f"YH{found_day.year}", column=Hazard.hazard_no, width=4),
        premises_no=archive.premises_no,
        shop_name=archive.shop_name,
        hazard_type=dictionaries.to_code(
            uow, HAZARD_TYPE_DICTIONARY, common.required_text(hazard_type, "隐患类型"), field="隐患类型"
        ),
        description=common.required_text(description, "隐患描述"),
        found_date=found_day,
        deadline=due,
        state=steps.workflow(uow, HAZARD_WORKFLOW).initial,
        state_date=found_day,
        measures=common.optional_text(measures),
        archive_id=archive.id,
        community_id=archive.community_id,
    )
    if inspection_no:
        hazard.inspection_id = _inspection_of(uow, archive, inspection_no).id
    uow.write(HAZARD, "create", hazard, key=hazard.hazard_no)
    step_input = given or StepInput()
    steps.start(
        uow,
        HAZARD_WORKFLOW,
        hazard,
        action="发现隐患, 责令限期整改",
        given=StepInput(day=found_day, actor=step_input.actor, note=step_input.note),
        key=hazard.hazard_no,
    )
    return hazard


def _inspection_of(uow: UnitOfWork, archive: ShopArchive, number: str) -> Inspection:
    inspection = uow.session.execute(
        select(Inspection).where(Inspection.inspection_no == number.strip().upper())
    ).scalar_one_or_none()
    if inspection is None or inspection.archive_id != archive.id:
        raise ValidationError(f"检查编号 {number} 不是{archive.shop_name}的检查", field="检查编号", value=number)
    return inspection


@operation(VIEW)
def move(uow: UnitOfWork, key: str, target: str, *, given: StepInput | None = None) -> Hazard:
    """Take a hazard to ``target``; an illegal step, a date before the last step or a missing permission is refused."""
    hazard = get(uow, key)
    target = target.strip()
    permission = HAZARD_STEP_PERMISSION.get(target)
    if permission is not None:
        uow.require(permission)
    steps.move(uow, HAZARD_WORKFLOW, hazard, target, given=given or StepInput(), key=hazard.hazard_no)
    uow.write(HAZARD, "update", hazard, key=hazard.hazard_no)
    uow.events.append(Event(type=HAZARD_MOVED, entity=HAZARD, key=hazard.hazard_no, action=target))
    return hazard


def is_overdue(hazard: Hazard, today: dt.date) -> bool:
    """Still open (the owner has not rectified) after its deadline."""
    return hazard.state in OPEN_HAZARD_STATES and hazard.deadline < today


def overdue_condition(today: dt.date) -> ColumnElement[bool]:
    return and_(Hazard.state.in_(OPEN_HAZARD_STATES), Hazard.deadline < today)


@operation(VIEW)
def listing(
    uow: UnitOfWork,
    *,
    state: str | None = None,
    grid_key: str | None = None,
    archive_key: str | None = None,
    overdue: bool = False,
) -> list[Hazard]:
    """Hazards, newest first, filtered by state, big grid, archive or being overdue."""
    query = (
        select(Hazard).where(visibility.where(uow, HAZARD)).order_by(Hazard.found_date.desc(), Hazard.hazard_no.desc())
    )
    if state:
        known = steps.workflow(uow, HAZARD_WORKFLOW).states
        if state not in known:
            raise ValidationError(f"隐患状态「{state}」无效;可用: {'、'.join(known)}", field="状态", value=state)
        query = query.where(Hazard.state == state)
    if grid_key:
        grid = grids.get(uow, grid_key)
        in_grid = (
            select(ShopArchive.id).join(FireCell, FireCell.id == ShopArchive.cell_id).where(FireCell.grid_id == grid.id)
        )
        query = query.where(Hazard.archive_id.in_(in_grid))
    if archive_key:
        query = query.where(Hazard.archive_id == archives.get(uow, archive_key).id)
    if overdue:
        query = query.where(overdue_condition(common.today(uow)))
    return list(uow.session.execute(query).scalars())
