"""The party part of the demo: a 党委 tree over the street, members, activities, photos, and the chart.

Members are the demo's synthetic residents whose 政治面貌 qualifies (党员, 预备党员, 积极分子); the
photos are placards drawn here. Everything is written through the services as the system; a tree that
is already there is kept (the charts are drawn again).
"""

from __future__ import annotations

import datetime as dt
import random
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from gridcore.domain.regions import Region
from gridcore.domain.residents import Resident
from gridcore.services import records
from gridcore.services.unit import UnitOfWork, read_unit, unit_of_work
from gridcore_party.activities import attach_photo, set_participants
from gridcore_party.eligibility import FULL, PROBATIONARY, eligible_codes
from gridcore_party.models import PartyOrg
from gridcore_party.party_chart import draw_party_charts
from gridcore_party.plugin import ACTIVITY, MEMBER, ORG

if TYPE_CHECKING:
    from gridcore import GridApp

FOLDER = "党建"
MAX_MEMBERS = 30  # per community
THEMES = (
    ("主题党日: 重温入党誓词", "社区党群服务中心", "重温入党誓词, 交流学习体会。"),
    ("志愿服务: 楼道清理", "各小区楼道", "党员带头清理楼道杂物, 消除消防隐患。"),
    ("党课: 基层治理与网格化管理", "社区会议室", "学习网格化管理制度, 讨论网格员工作方法。"),
    ("走访慰问困难党员", "困难党员家中", "为困难党员和老党员送去慰问品。"),
    ("组织生活会", "社区会议室", "开展批评与自我批评, 查找问题并制定整改措施。"),
    ("垃圾分类宣传", "小区广场", "设点宣传垃圾分类知识, 发放宣传资料。"),
    ("防汛值守", "江堤值守点", "党员轮班值守, 巡查堤防。"),
    ("红色观影", "社区活动室", "组织观看红色影片并座谈。"),
)


def _regions(uow: UnitOfWork) -> tuple[str, list[str]]:
    """The demo street's name and its communities' names (at most three)."""
    street = uow.session.execute(select(Region.name).where(Region.level == 0).order_by(Region.code)).scalars().first()
    query = select(Region.name).where(Region.level == 1).order_by(Region.code).limit(3)
    communities = list(uow.session.execute(query).scalars())
    return street or "演示街道", communities or ["演示社区"]


def _tree(uow: UnitOfWork, street: str, communities: list[str]) -> dict[str, list[str]]:
    """党委 (the street) > 党总支 (each community) > 党支部 > 党小组; the branches members join, by community."""
    root = f"{street}党工委"
    plan: list[tuple[str, str, str | None]] = [(root, "党委", None)]
    branches: dict[str, list[str]] = {}
    for community in communities:
        plan.append((f"{community}党总支", "党总支", root))
        branches[community] = [f"{community}第一党支部", f"{community}第二党支部"]
        plan += [(branch, "党支部", f"{community}党总支") for branch in branches[community]]
    first = branches[communities[0]][0]
    groups = [f"{first}第一党小组", f"{first}第二党小组"]
    plan += [(group, "党小组", first) for group in groups]
    branches[communities[0]] += groups
    for order, (name, kind, parent) in enumerate(plan, start=1):
        given = {"党组织名称": name, "党组织类型": kind, "排序": str(order), "成立日期": "2015-07-01"}
        records.add(uow, ORG, {**given, "上级党组织": parent} if parent else given)
    return branches


def _dates(rng: random.Random, birth: dt.date | None, semantic: str | None) -> dict[str, str]:
    if birth is None or semantic not in (FULL, PROBATIONARY):
        return {}
    today = dt.date.today()
    earliest = birth + dt.timedelta(days=20 * 366)
    if semantic == PROBATIONARY:
        return {"入党日期": (today - dt.timedelta(days=rng.randint(30, 300))).isoformat()}
    latest = today - dt.timedelta(days=800)
    if earliest >= latest:
        return {}
    join = earliest + dt.timedelta(days=rng.randint(0, (latest - earliest).days))
    return {"入党日期": join.isoformat(), "转正日期": (join + dt.timedelta(days=366)).isoformat()}


def _members(uow: UnitOfWork, rng: random.Random, branches: dict[str, list[str]]) -> dict[str, list[str]]:
    joined: dict[str, list[str]] = {}
    for community, units in branches.items():
        joined.update(_community_members(uow, rng, community, units))
    return joined


def _community_members(uow: UnitOfWork, rng: random.Random, community: str, units: list[str]) -> dict[str, list[str]]:
    codes = eligible_codes(uow.app)
    query = select(Resident).where(
        Resident.community_name == community,
        Resident.political_status.in_(list(codes)),
        Resident.resident_no.is_not(None),
    )
    adult = dt.date.today() - dt.timedelta(days=18 * 366)
    query = query.where(Resident.birth_date <= adult).order_by(Resident.id).limit(MAX_MEMBERS)
    people = list(uow.session.execute(query).scalars())
    joined: dict[str, list[str]] = {unit: [] for unit in units}
    led: set[str] = set()
    for index, resident in enumerate(people):
        unit = units[index % len(units)]
        semantic = codes.get(resident.political_status or "")
        given = {"常住编号": resident.resident_no, "所属党组织": unit}
        given.update(_dates(rng, resident.birth_date, semantic))
        if unit not in led and semantic == FULL:
            led.add(unit)
            given["党内职务"] = "书记"
            records.edit(uow, ORG, unit, {"书记": resident.name})
        records.add(uow, MEMBER, given)
        joined[unit].append(str(resident.resident_no))
    return joined


def _placard(folder: Path, name: str, theme: str, font: Path) -> Path:
    """A synthetic activity photo: a placard with the theme on it."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (640, 400), "#b71c1c")
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, 620, 380), outline="#ffd54f", width=6)
    draw.text((320, 200), theme, font=ImageFont.truetype(str(font), 30), fill="#ffffff", anchor="mm")
    path = folder / name
    image.save(path, format="JPEG", quality=80)
    return path


def _activities(uow: UnitOfWork, rng: random.Random, joined: dict[str, list[str]], photos: Path) -> None:
    from gridcore_orgs.chart import chart_font

    font = chart_font(uow.app)
    units = [unit for unit, people in joined.items() if people] or list(joined)
    today = dt.date.today()
    with tempfile.TemporaryDirectory() as scratch:
        for index, (theme, place, content) in enumerate(THEMES):
            unit = units[index % len(units)]
            day = (today.replace(day=1) - dt.timedelta(days=30 * index)).replace(day=rng.randint(1, 28))
            given = {"活动主题": theme, "活动日期": day.isoformat(), "活动地点": place, "组织单位": unit,
                     "活动内容": content}  # fmt: skip
            activity = records.add(uow, ACTIVITY, given)
            people = joined.get(unit, [])
            set_participants(uow, activity.activity_no, rng.sample(people, min(len(people), rng.randint(3, 8))))
            source = _placard(Path(scratch), f"{index}.jpg", theme, font)
            attach_photo(uow, activity.activity_no, source, kind="拍照", copy_to=photos)


def populate(app: GridApp, folder: Path, seed: int) -> None:
    rng = random.Random(seed)
    with unit_of_work(app) as uow:
        street, communities = _regions(uow)
        exists = uow.session.execute(select(PartyOrg.id).where(PartyOrg.name == f"{street}党工委")).first()
        if exists is None:
            joined = _members(uow, rng, _tree(uow, street, communities))
            _activities(uow, rng, joined, folder / FOLDER / "活动照片")
    with read_unit(app) as uow:
        draw_party_charts(uow, folder / FOLDER)
