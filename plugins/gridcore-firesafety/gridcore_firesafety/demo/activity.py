"""The demo's activity: patrols, hazards in every state, one 两警一停 case, reports, duties, files."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from gridcore.domain.regions import Region
from gridcore.services.unit import UnitOfWork, read_unit, unit_of_work
from gridcore_firesafety.demo.people import Names
from gridcore_firesafety.domain.calendar import month_of
from gridcore_firesafety.models import (
    DisciplineCase,
    FireCell,
    Hazard,
    Inspection,
    MonthlyReport,
    Publicity,
    ResponsibilityLetter,
    RewardPenalty,
    ShopArchive,
)
from gridcore_firesafety.names import PATROLLER
from gridcore_firesafety.services import cases, cells, inspections
from gridcore_firesafety.services import duties as duty_services
from gridcore_firesafety.services import hazards as hazard_services
from gridcore_firesafety.services import reports as report_services
from gridcore_firesafety.services.steps import StepInput

if TYPE_CHECKING:
    from gridcore import GridApp

CHECKED_ITEMS = ("灭火器配置及有效期", "安全出口、疏散通道畅通", "电气线路敷设及用电安全", "电动车未在室内停放充电")
#: One path per demo hazard: the states it goes through after 待整改, and how many days ago it was found.
HAZARD_PATHS: tuple[tuple[tuple[str, ...], int], ...] = (
    ((), 3),
    ((), 40),  # overdue
    (("已整改",), 30),
    (("已整改", "关闭"), 60),
    (("已报安全办",), 25),
    (("已报安全办", "停水停电"), 45),
    (("已报安全办", "停水停电", "已整改"), 70),
    (("已报安全办", "停水停电", "已报镇整治办"), 80),
    (("已报安全办", "停水停电", "已报镇整治办", "查封"), 100),
    ((), 12),
    (("已整改", "关闭"), 20),
)
HAZARD_TYPES = ("消防器材缺失或过期", "安全出口、疏散通道堵塞", "电动车违规停放充电", "电气线路私拉乱接")
OFFICE_STEPS = ("停水停电", "已报镇整治办", "查封")


def _archives(uow: UnitOfWork, place: Region) -> list[ShopArchive]:
    query = select(ShopArchive).where(ShopArchive.community_id == place.id).order_by(ShopArchive.premises_no)
    return list(uow.session.execute(query).scalars())


def _cells(uow: UnitOfWork, place: Region) -> list[FireCell]:
    query = select(FireCell).where(FireCell.community_id == place.id).order_by(FireCell.cell_no)
    return list(uow.session.execute(query).scalars())


def patrols(uow: UnitOfWork, place: Region, rng: random.Random, today: dt.date) -> None:
    """Two or three checks of each shop in the last three months by its cell's patrollers."""
    for archive in _archives(uow, place):
        if uow.session.execute(select(Inspection.id).where(Inspection.archive_id == archive.id)).first():
            continue
        cell = uow.session.get(FireCell, archive.cell_id)
        assert cell is not None
        patrollers = [post.person for post in cells.active_posts(uow, cell) if post.post == PATROLLER]
        for _ in range(rng.randint(2, 3)):
            results = dict.fromkeys(CHECKED_ITEMS, "合格")
            failed = rng.random() < 0.3
            if failed:
                results[rng.choice(CHECKED_ITEMS)] = "不合格"
            inspections.record(
                uow,
                archive.premises_no,
                inspector=rng.choice(patrollers),
                results=results,
                day=today - dt.timedelta(days=rng.randint(1, 90)),
                findings="检查发现隐患, 已当场告知店主" if failed else None,
                requirement="限期整改" if failed else None,
                signature="店主已签" if rng.random() < 0.8 else None,
            )


def hazards(uow: UnitOfWork, place: Region, names: Names, today: dt.date) -> None:
    """Hazards in every state of the workflow (two of them overdue)."""
    if uow.session.execute(select(Hazard.id).where(Hazard.community_id == place.id)).first():
        return
    shops = _archives(uow, place)
    office = names()
    for index, (path, days_ago) in enumerate(HAZARD_PATHS):
        kind = HAZARD_TYPES[index % len(HAZARD_TYPES)]
        found = today - dt.timedelta(days=days_ago)
        hazard = hazard_services.register(
            uow,
            shops[index % len(shops)].premises_no,
            hazard_type=kind,
            description=f"{kind}, 责令店主限期整改",
            found=found,
            deadline=found + dt.timedelta(days=7),
        )
        for step, target in enumerate(path, start=1):
            given = StepInput(
                day=found + dt.timedelta(days=5 * step),
                actor=office if target in OFFICE_STEPS else names(),
                note=target,
            )
            hazard_services.move(uow, hazard.hazard_no, target, given=given)


def case(uow: UnitOfWork, place: Region, names: Names, today: dt.date) -> None:
    """A spot check without finding, and one with 漏查 whose case goes through every step."""
    if uow.session.execute(select(DisciplineCase.id).where(DisciplineCase.community_id == place.id)).first():
        return
    cell_list = _cells(uow, place)
    office = names()
    day = today - dt.timedelta(days=40)
    cases.spot_check(uow, cell_list[0].cell_no, finding="未发现问题", checker=office, day=day)
    target = cell_list[-1]
    person = next(post.person for post in cells.active_posts(uow, target) if post.post == PATROLLER)
    _, opened = cases.spot_check(
        uow,
        target.cell_no,
        finding="漏查",
        checker=office,
        person=person,
        unit=target.name,
        day=today - dt.timedelta(days=30),
        note="本月未对辖区商铺开展检查",
    )
    assert opened is not None
    leader = names()
    plan: tuple[tuple[str, dict[str, Any]], ...] = (
        ("已报两委", {}),
        ("已表决", {"votes_for": 7, "votes_against": 0, "votes_abstain": 1}),
        ("已签发", {"document_no": f"两委警告〔{today.year}〕1号"}),
        ("已盖章", {}),
        ("已送达", {"delivered_to": f"{leader}、{person}"}),
        ("已签名确认", {"leader": leader}),
    )
    for offset, (state, details) in enumerate(plan, start=1):
        given = StepInput(day=today - dt.timedelta(days=30 - 3 * offset), actor=office)
        cases.move(uow, opened.case_no, state, given=given, details=cases.CaseDetails(**details))


def reports(uow: UnitOfWork, place: Region, names: Names, today: dt.date) -> None:
    """The reports of the latest month already due: one late, three cells missing (``gridcore fire overdue``)."""
    month = report_services.latest_due_month(uow)
    if uow.session.execute(select(MonthlyReport.id).where(MonthlyReport.month == month)).first():
        return
    due = report_services.due_date(uow, month)
    for index, cell in enumerate(_cells(uow, place)[:-3]):
        day = min(due + dt.timedelta(days=2), today) if index == 0 else due - dt.timedelta(days=index % 5)
        report_services.submit(
            uow, cell.cell_no, month=month, reporter=names(), checks=12 + index % 7, hazards_found=index % 3, day=day
        )


def duties(uow: UnitOfWork, place: Region, names: Names, today: dt.date) -> None:
    """Publicity days this year, responsibility letters level by level, two rewards and penalties."""
    held = set(uow.session.execute(select(Publicity.month).where(Publicity.community_id == place.id)).scalars())
    first = dt.date(today.year, 1, 1)
    while first < today.replace(day=1):
        day = first + dt.timedelta(days=14)
        day -= dt.timedelta(days=max(0, day.weekday() - 4))  # a working day
        if month_of(day) not in held:
            forms = ["悬挂消防安全标语", "消防车广播"]
            duty_services.add_publicity(uow, day=day, forms=forms, audience="居民、企业", community_code=place.code)
        first = (first + dt.timedelta(days=32)).replace(day=1)
    year, signed = today.year, min(today, dt.date(today.year, 1, 10))
    if not uow.session.execute(
        select(ResponsibilityLetter.id).where(ResponsibilityLetter.community_id == place.id)
    ).first():
        add = duty_services.add_letter
        add(uow, year=year, level="社区", signer=place.name, counterpart="镇安全生产委员会", day=signed)
        for grid in ("一坊", "二坊", "三坊", "四坊"):
            add(uow, year=year, level="大网格", signer=grid, counterpart=place.name, day=signed)
        add(uow, year=year, level="单元格", signer="一坊旧村片", counterpart="一坊", day=signed)
    if not uow.session.execute(select(RewardPenalty.id).where(RewardPenalty.community_id == place.id)).first():
        reward = duty_services.add_reward
        reward(uow, subject="一坊", subject_kind="单位", kind="通报表彰", reason="隐患整改及时, 通报表彰")
        reward(uow, subject=names(), subject_kind="个人", kind="取消评先并扣发奖金", reason="多次漏查, 工作不力")


def files(app: GridApp, folder: Path) -> None:
    """The latest briefing (xlsx and text) and the paper form of one failed inspection."""
    from gridcore_firesafety.exports.briefing_files import write_text, write_xlsx
    from gridcore_firesafety.exports.inspection_form import InspectionForm, write_form
    from gridcore_firesafety.services import briefings, views

    with unit_of_work(app) as uow:
        data = briefings.issue(uow)[1]
    write_xlsx(folder / f"消防安全简报{data.period.label}.xlsx", data)
    write_text(folder / f"消防安全简报{data.period.label}.txt", data)
    form: InspectionForm | None = None
    with read_unit(app) as uow:
        failed = (
            uow.session.execute(
                select(Inspection.inspection_no)
                .where(Inspection.conclusion == "不合格")
                .order_by(Inspection.inspection_no)
            )
            .scalars()
            .first()
        )
        if failed is not None:
            form = views.inspection_form(uow, failed)
    if form is not None:
        write_form(folder / f"小商铺检查登记表{failed}.xlsx", form)
