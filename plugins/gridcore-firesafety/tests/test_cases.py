"""R-X07 (spot checks open cases) and R-X08 (the 两警一停 workflow and the two-warnings rule)."""

from __future__ import annotations

import itertools

import pytest
from gridcore_firesafety.domain.sanctions import due_sanction, warnings_in_force
from gridcore_firesafety.services import cases, views
from gridcore_firesafety.services.cases import CaseDetails
from gridcore_firesafety.services.steps import StepInput
from gridcore_firesafety.workflows import CASE

from gridcore.errors import ValidationError
from gridcore.services.unit import read_unit, unit_of_work
from gridcore.testing import run_service

STATES = ("已立案", "已报两委", "已表决", "表决未通过", "已签发", "已盖章", "已送达", "已签名确认")
LEGAL = {
    ("已立案", "已报两委"),
    ("已报两委", "已表决"),
    ("已报两委", "表决未通过"),
    ("已表决", "已签发"),
    ("已签发", "已盖章"),
    ("已盖章", "已送达"),
    ("已送达", "已签名确认"),
}
#: The details each step needs, so that a legal step is taken.
DETAILS = {
    "已表决": CaseDetails(votes_for=5, votes_against=1),
    "已送达": CaseDetails(delivered_to="王主任、钱巡查"),
    "已签名确认": CaseDetails(leader="王主任"),
}
PATHS = {
    "已立案": (),
    "已报两委": ("已报两委",),
    "已表决": ("已报两委", "已表决"),
    "表决未通过": ("已报两委", "表决未通过"),
    "已签发": ("已报两委", "已表决", "已签发"),
    "已盖章": ("已报两委", "已表决", "已签发", "已盖章"),
    "已送达": ("已报两委", "已表决", "已签发", "已盖章", "已送达"),
    "已签名确认": ("已报两委", "已表决", "已签发", "已盖章", "已送达", "已签名确认"),
}


def open_case(uow, person="钱巡查", finding="漏查", day="2026-09-01"):
    _check, case = cases.spot_check(uow, "一坊旧村片", finding=finding, checker="周安全", person=person, day=day)
    return case


def walk(uow, key, states):
    for state in states:
        cases.move(uow, key, state, details=DETAILS.get(state, CaseDetails()))


def test_the_workflow_is_the_regulation():
    assert CASE.states == STATES
    assert {(t.source, t.target) for t in CASE.transitions} == LEGAL
    assert CASE.final == ("表决未通过", "已签名确认")


@pytest.mark.parametrize("finding", ["漏查", "不查", "瞒报"])
def test_a_finding_opens_a_case(staffed, finding):
    with unit_of_work(staffed) as uow:
        check, case = cases.spot_check(
            uow, "一坊旧村片", finding=finding, checker="周安全", person="钱巡查", unit="一坊", day="2026-09-05"
        )
        opened = (case.case_no, case.state, case.person, case.unit, case.opened_date.isoformat(), check.cell_name)
    assert opened == ("LJ2026001", "已立案", "钱巡查", "一坊", "2026-09-05", "一坊旧村片")
    with read_unit(staffed) as uow:
        view = views.case_detail(uow, "LJ2026001")
    assert view["发现"] == finding
    assert [(s["新状态"], s["经办人"], s["日期"]) for s in view["处置记录"]] == [("已立案", "周安全", "2026-09-05")]
    assert view["下一步"] == ["已报两委"]


def test_no_finding_opens_no_case_and_a_finding_needs_a_person(staffed):
    check, case = run_service(staffed, cases.spot_check, "一坊旧村片", finding="未发现问题", checker="周安全")
    assert (check.finding, case) == ("00", None)
    with pytest.raises(ValidationError, match="抽查发现瞒报, 请写明责任人"):
        run_service(staffed, cases.spot_check, "一坊旧村片", finding="瞒报", checker="周安全")
    with pytest.raises(ValidationError, match="「发现」的值「偷懒」不在词典中"):
        run_service(staffed, cases.spot_check, "一坊旧村片", finding="偷懒", checker="周安全", person="钱巡查")
    with read_unit(staffed) as uow:
        assert [c.finding for c in cases.spot_checks(uow)] == ["00"]
        assert cases.listing(uow) == []


def test_every_legal_step_is_taken_and_every_illegal_one_refused(staffed):
    outcomes = {}
    for index, (source, target) in enumerate(itertools.product(STATES, STATES)):
        with unit_of_work(staffed) as uow:
            case = open_case(uow, person=f"对象{index}")
            walk(uow, case.case_no, PATHS[source])
            key = case.case_no
        try:
            run_service(staffed, cases.move, key, target, details=DETAILS.get(target, CaseDetails()))
        except ValidationError as error:
            refusal: str | None = str(error)
        else:
            refusal = None
        allowed = "、".join(t.target for t in CASE.allowed(source)) or "无"
        if refusal is not None:
            assert refusal == f"{key}: 两警一停: 不能从「{source}」转到「{target}」;允许的下一步: {allowed}"
        outcomes[(source, target)] = "taken" if refusal is None else "refused"
        with read_unit(staffed) as uow:
            assert cases.get(uow, key).state == (target if outcomes[(source, target)] == "taken" else source)
    assert {pair for pair, outcome in outcomes.items() if outcome == "taken"} == LEGAL
    assert list(outcomes.values()).count("refused") == 64 - 7


def test_each_step_records_what_the_regulation_names(staffed):
    with unit_of_work(staffed) as uow:
        key = open_case(uow).case_no
    steps = (
        ("已报两委", "2026-09-02", CaseDetails()),
        ("已表决", "2026-09-04", CaseDetails(votes_for=6, votes_against=1, votes_abstain=2)),
        ("已签发", "2026-09-05", CaseDetails(document_no="两委警告〔2026〕1号")),
        ("已盖章", "2026-09-05", CaseDetails()),
        ("已送达", "2026-09-06", CaseDetails(delivered_to="王主任、钱巡查")),
        ("已签名确认", "2026-09-07", CaseDetails(leader="王主任")),
    )
    for state, day, details in steps:
        run_service(staffed, cases.move, key, state, given=StepInput(day=day, actor="周安全"), details=details)
    with read_unit(staffed) as uow:
        view = views.case_detail(uow, key)
    assert (view["处分"], view["赞成票"], view["反对票"], view["弃权票"], view["文书编号"]) == (
        "警告",
        6,
        1,
        2,
        "两委警告〔2026〕1号",
    )
    assert (view["签发日期"], view["盖章日期"], view["送达日期"], view["送达对象"]) == (
        "2026-09-05",
        "2026-09-05",
        "2026-09-06",
        "王主任、钱巡查",
    )
    assert (view["签名领导"], view["签名日期"], view["状态"]) == ("王主任", "2026-09-07", "已签名确认")
    assert [s["处置"] for s in view["处置记录"]] == [
        "安全办抽查发现, 立案",
        "向社区两委反映",
        "两委讨论表决通过",
        "签发警告或停工意见书",
        "两委办公室盖章",
        "发至相关领导及个人",
        "相关领导签名确认",
    ]


def test_a_step_missing_what_it_needs_is_refused(staffed):
    with unit_of_work(staffed) as uow:
        key = open_case(uow).case_no
        walk(uow, key, ("已报两委",))
    with pytest.raises(ValidationError, match="请填写赞成票和反对票"):
        run_service(staffed, cases.move, key, "已表决")
    with pytest.raises(ValidationError, match="赞成 3 票未超过反对 3 票, 表决未通过"):
        run_service(staffed, cases.move, key, "已表决", details=CaseDetails(votes_for=3, votes_against=3))
    with pytest.raises(ValidationError, match="赞成 5 票多于反对 1 票, 表决已通过"):
        run_service(staffed, cases.move, key, "表决未通过", details=CaseDetails(votes_for=5, votes_against=1))
    with pytest.raises(ValidationError, match="处分「罚款」应为 警告 或 停工"):
        run_service(
            staffed, cases.move, key, "已表决", details=CaseDetails(votes_for=5, votes_against=1, sanction="罚款")
        )
    run_service(staffed, cases.move, key, "已表决", details=CaseDetails(votes_for=5, votes_against=1))
    run_service(staffed, cases.move, key, "已签发")
    run_service(staffed, cases.move, key, "已盖章")
    with pytest.raises(ValidationError, match="「送达对象」不能为空"):
        run_service(staffed, cases.move, key, "已送达")
    run_service(staffed, cases.move, key, "已送达", details=CaseDetails(delivered_to="钱巡查"))
    with pytest.raises(ValidationError, match="「签名领导」不能为空"):
        run_service(staffed, cases.move, key, "已签名确认")


def test_after_two_warnings_without_effect_the_next_sanction_is_stop_work(staffed):
    keys = []
    for day in ("2026-06-01", "2026-07-01", "2026-08-01"):
        with unit_of_work(staffed) as uow:
            keys.append(open_case(uow, day=day).case_no)
    with unit_of_work(staffed) as uow:
        walk(uow, keys[0], PATHS["已签名确认"])
        walk(uow, keys[1], PATHS["已签发"])  # issued: it counts, delivered or not
    with read_unit(staffed) as uow:
        assert views.case_detail(uow, keys[2])["按两警一停应给处分"] == "停工"
    with unit_of_work(staffed) as uow:
        walk(uow, keys[2], ("已报两委",))
    with pytest.raises(ValidationError, match="「钱巡查」已有 2 次警告无效, 按两警一停本次处分必须为停工"):
        run_service(
            staffed, cases.move, keys[2], "已表决", details=CaseDetails(votes_for=5, votes_against=0, sanction="警告")
        )
    case = run_service(staffed, cases.move, keys[2], "已表决", details=CaseDetails(votes_for=5, votes_against=0))
    assert case.sanction == "停工"
    with unit_of_work(staffed) as uow:  # after the stop-work, warnings count from zero again
        walk(uow, keys[2], ("已签发",))
        fourth = open_case(uow, day="2026-09-01")
        walk(uow, fourth.case_no, ("已报两委", "已表决"))
        assert fourth.sanction == "警告"
        other = open_case(uow, person="孙巡查")  # another person's record is their own
        assert cases.required_sanction(uow, other) == "警告"


def test_a_warning_decided_before_the_second_was_issued_is_checked_again_when_issued(staffed):
    with unit_of_work(staffed) as uow:
        first, second, third = (open_case(uow, day=d).case_no for d in ("2026-06-01", "2026-07-01", "2026-08-01"))
        walk(uow, first, PATHS["已签发"])
        walk(uow, third, ("已报两委", "已表决"))  # 警告: only one warning issued so far
        walk(uow, second, PATHS["已签发"])
    with pytest.raises(ValidationError, match="必须为停工"):
        run_service(staffed, cases.move, third, "已签发")


def test_the_counting_rule():
    assert due_sanction([], limit=2) == "警告"
    assert due_sanction(["警告"], limit=2) == "警告"
    assert due_sanction(["警告", "警告"], limit=2) == "停工"
    assert due_sanction(["警告", "停工", "警告"], limit=2) == "警告"
    assert warnings_in_force(["警告", "警告", "停工", "警告"]) == 1


def test_the_limit_comes_from_the_edition(make_fire_app, stage_grid):
    app = make_fire_app(settings={"firesafety": {"warnings_before_stop": 1}})
    with unit_of_work(app) as uow:
        stage_grid(uow)
        first, second = open_case(uow, day="2026-08-01").case_no, open_case(uow).case_no
        walk(uow, first, PATHS["已签发"])
        walk(uow, second, ("已报两委", "已表决"))
        assert cases.get(uow, second).sanction == "停工"
