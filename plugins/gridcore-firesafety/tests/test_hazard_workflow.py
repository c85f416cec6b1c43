"""R-X05: the hazard state machine: every legal and illegal step, dates, actors, notes, who may act, overdue."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from gridcore_firesafety.services import hazards, steps, views
from gridcore_firesafety.services.steps import StepInput
from gridcore_firesafety.workflows import HAZARD

from gridcore.errors import PermissionDeniedError, ValidationError
from gridcore.services import operators
from gridcore.services.unit import read_unit, unit_of_work
from gridcore.testing import add_operator, run_service

STATES = ("待整改", "已整改", "关闭", "已报安全办", "停水停电", "已报镇整治办", "查封")
#: The spec's diagram (domain.md §3 "Hazard state machine"), written out: nothing else is allowed.
LEGAL = {
    ("待整改", "已整改"),
    ("已整改", "关闭"),
    ("待整改", "已报安全办"),
    ("已报安全办", "停水停电"),
    ("停水停电", "已整改"),
    ("停水停电", "已报镇整治办"),
    ("已报镇整治办", "查封"),
}
#: How to reach each state from 待整改.
PATHS = {
    "待整改": (),
    "已整改": ("已整改",),
    "关闭": ("已整改", "关闭"),
    "已报安全办": ("已报安全办",),
    "停水停电": ("已报安全办", "停水停电"),
    "已报镇整治办": ("已报安全办", "停水停电", "已报镇整治办"),
    "查封": ("已报安全办", "停水停电", "已报镇整治办", "查封"),
}


def new_hazard(uow, found="2026-09-01", deadline="2026-09-08"):
    return hazards.register(
        uow, "HQDY001", hazard_type="消防器材缺失或过期", description="灭火器过期", found=found, deadline=deadline
    )


def test_the_workflow_is_the_spec_diagram():
    assert set(HAZARD.states) == set(STATES)
    assert {(t.source, t.target) for t in HAZARD.transitions} == LEGAL
    assert HAZARD.final == ("关闭", "查封")


def test_every_legal_step_is_taken_and_every_illegal_one_refused(staffed):
    outcomes = {}
    for source, target in itertools.product(STATES, STATES):
        with unit_of_work(staffed) as uow:
            hazard = new_hazard(uow)
            for state in PATHS[source]:
                hazards.move(uow, hazard.hazard_no, state)
            key = hazard.hazard_no
        try:
            run_service(staffed, hazards.move, key, target, given=StepInput(note=f"{source}->{target}"))
        except ValidationError as error:
            refusal: str | None = str(error)
        else:
            refusal = None
        allowed = "、".join(t.target for t in HAZARD.allowed(source)) or "无"
        if refusal is not None:
            assert refusal == f"{key}: 火灾隐患整改: 不能从「{source}」转到「{target}」;允许的下一步: {allowed}"
        outcomes[(source, target)] = "taken" if refusal is None else "refused"
        with read_unit(staffed) as uow:
            state = hazards.get(uow, key).state
        assert state == (target if outcomes[(source, target)] == "taken" else source)
    assert {pair for pair, outcome in outcomes.items() if outcome == "taken"} == LEGAL
    assert len([o for o in outcomes.values() if o == "refused"]) == 49 - 7


def test_an_unknown_state_is_refused(staffed):
    key = run_service(staffed, new_hazard).hazard_no
    with pytest.raises(ValidationError, match="火灾隐患整改没有状态「发现」;状态有: 待整改、已整改"):
        run_service(staffed, hazards.move, key, "发现")


def test_each_step_has_a_date_an_actor_and_a_note(staffed):
    key = run_service(staffed, new_hazard).hazard_no
    run_service(
        staffed, hazards.move, key, "已报安全办", given=StepInput(day="2026-09-09", actor="钱巡查", note="店主拒绝整改")
    )
    run_service(
        staffed, hazards.move, key, "停水停电", given=StepInput(day="2026-09-12", actor="周安全", note="通知供水供电")
    )
    run_service(
        staffed, hazards.move, key, "已整改", given=StepInput(day="2026-09-15", actor="钱巡查", note="复查合格")
    )
    with read_unit(staffed) as uow:
        view = views.hazard_detail(uow, key)
    history = [(s["原状态"], s["新状态"], s["处置"], s["日期"], s["经办人"], s["说明"]) for s in view["处置记录"]]
    assert history == [
        (None, "待整改", "发现隐患, 责令限期整改", "2026-09-01", "system", None),
        ("待整改", "已报安全办", "店主不予配合, 报送社区安全办", "2026-09-09", "钱巡查", "店主拒绝整改"),
        ("已报安全办", "停水停电", "停水停电", "2026-09-12", "周安全", "通知供水供电"),
        ("停水停电", "已整改", "整改后复查合格", "2026-09-15", "钱巡查", "复查合格"),
    ]
    assert all(step["录入操作员"] == "system" for step in view["处置记录"])
    assert (view["状态"], view["状态日期"], view["下一步"]) == ("已整改", "2026-09-15", ["关闭"])


def test_a_step_date_is_neither_before_the_last_step_nor_in_the_future(staffed):
    key = run_service(staffed, new_hazard).hazard_no
    with pytest.raises(ValidationError, match="日期 2026-08-31 早于上一步的日期 2026-09-01"):
        run_service(staffed, hazards.move, key, "已整改", given=StepInput(day="2026-08-31"))
    with pytest.raises(ValidationError, match="晚于今天 2026-09-20"):
        run_service(staffed, hazards.move, key, "已整改", given=StepInput(day="2026-09-21"))
    step_day = run_service(staffed, hazards.move, key, "已整改").state_date
    assert step_day == dt.date(2026, 9, 20)  # today on the frozen clock


def test_a_deadline_is_given_or_follows_the_setting(make_fire_app):
    app = make_fire_app(settings={"firesafety": {"rectification_days": 3}})
    from gridcore.services.unit import unit_of_work as unit

    with unit(app) as uow:
        from gridcore_firesafety.services import archives, cells, grids

        grids.add(uow, community_code="HQ", name="一坊", supervisor="赵网格")
        cells.add(uow, grid_key="一坊", name="一坊旧村片", compound_code="HQDY")
        archives.open_archive(uow, "HQDY001")
        hazard = hazards.register(uow, "HQDY001", hazard_type="其他", description="杂物堆放", found="2026-09-10")
        assert (hazard.hazard_no, hazard.state, hazard.deadline) == ("YH20260001", "待整改", dt.date(2026, 9, 13))
    with pytest.raises(ValidationError, match="整改期限 2026-09-09 早于发现日期 2026-09-10"):
        run_service(
            app,
            hazards.register,
            "HQDY001",
            hazard_type="其他",
            description="x",
            found="2026-09-10",
            deadline="2026-09-09",
        )
    with pytest.raises(ValidationError, match="「隐患类型」的值「漏水」不在词典中"):
        run_service(app, hazards.register, "HQDY001", hazard_type="漏水", description="x")


def test_a_hazard_past_its_deadline_is_flagged(staffed, clock):
    with unit_of_work(staffed) as uow:
        late = new_hazard(uow, found="2026-09-01", deadline="2026-09-19").hazard_no
        due_today = new_hazard(uow, found="2026-09-01", deadline="2026-09-20").hazard_no
        escalated = new_hazard(uow, found="2026-09-01", deadline="2026-09-10").hazard_no
        hazards.move(uow, escalated, "已报安全办")
        done = new_hazard(uow, found="2026-09-01", deadline="2026-09-10").hazard_no
        hazards.move(uow, done, "已整改")
    with read_unit(staffed) as uow:
        overdue = [h.hazard_no for h in hazards.listing(uow, overdue=True)]
        flags = {row["隐患编号"]: row["逾期"] for row in (views.hazard_row(uow, h) for h in hazards.listing(uow))}
    assert sorted(overdue) == sorted([late, escalated])
    assert flags == {late: True, due_today: False, escalated: True, done: False}
    clock.advance(days=1)  # 2026-09-21: the one due on the 20th is now overdue too
    with read_unit(staffed) as uow:
        assert sorted(h.hazard_no for h in hazards.listing(uow, overdue=True)) == sorted([late, due_today, escalated])


def test_the_office_alone_takes_the_sanctions(staffed):
    run_service(staffed, operators.add_group, "巡查员组")
    run_service(staffed, operators.grant, "巡查员组", ["firesafety.view", "firesafety.patrol"])
    patroller = add_operator(staffed, "xuncha", group="巡查员组")
    viewer = add_operator(staffed, "chaxun", group="查询员")
    key = run_service(staffed, new_hazard).hazard_no
    with unit_of_work(staffed, patroller) as uow:
        hazards.move(uow, key, "已报安全办")
        assert steps.last_step(uow, "firesafety.hazard", hazards.get(uow, key).id).operator == "xuncha"
    with (
        pytest.raises(PermissionDeniedError, match=r"没有权限「firesafety\.office」"),
        unit_of_work(staffed, patroller) as uow,
    ):
        hazards.move(uow, key, "停水停电")
    with (
        pytest.raises(PermissionDeniedError, match=r"没有权限「firesafety\.patrol」"),
        unit_of_work(staffed, viewer) as uow,
    ):
        hazards.register(uow, "HQDY001", hazard_type="其他", description="x")
    run_service(staffed, hazards.move, key, "停水停电")  # the system (安全办) may
