"""The orgs part of the demo: two organizations of the first community with their charts, and regulations.

Members are drawn (by ``seed``) from the demo's synthetic residents and linked by 常住编号; the 党委's
members are residents whose 政治面貌 is 党员. Written through the generic services as the system; an
organization or regulation already there is kept, so the demo can run again.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from gridcore.domain.regions import Region
from gridcore.domain.residents import Resident
from gridcore.services import records
from gridcore.services.unit import UnitOfWork, read_unit, unit_of_work
from gridcore_orgs.models import Organization, Regulation
from gridcore_orgs.plugin import MEMBER, ORGANIZATION, REGULATION

if TYPE_CHECKING:
    from gridcore import GridApp

CHART_FOLDER = "组织机构图"
PARTY_MEMBER_CODE = "01"
COMMITTEE_POSTS = ("副主任", "委员", "委员", "委员", "委员", "委员", "委员", "委员")
PARTY_POSTS = ("副书记", "组织委员", "宣传委员", "纪检委员", "委员", "委员", "委员")

REGULATIONS: tuple[dict[str, str], ...] = (
    {
        "文号": "JP-ZD-2024-01",
        "名称": "社区网格化管理工作制度",
        "类别": "制度",
        "发布单位": "社区居民委员会",
        "发布日期": "2024-01-08",
        "实施日期": "2024-02-01",
        "内容": "网格员每周走访责任网格内住户不少于一次, 做好民情日记; 发现矛盾纠纷和安全隐患当日登记, "
        "能当场化解的当场化解, 不能化解的逐级上报社区工作站。",
        "附件": "附件/网格划分图.pdf; 附件/走访记录表.docx",
    },
    {
        "文号": "JP-ZD-2024-02",
        "名称": "社区消防安全巡查制度",
        "类别": "制度",
        "发布单位": "社区居民委员会",
        "发布日期": "2024-03-01",
        "实施日期": "2024-03-15",
        "内容": "每月对沿街商铺、出租房屋开展一次消防安全巡查, 重点检查灭火器配置、疏散通道和电动自行车"
        "充电情况; 发现隐患下发整改通知并跟踪复查。",
    },
    {
        "文号": "JP-GY-2023-01",
        "名称": "居民公约",
        "类别": "规章",
        "发布单位": "社区居民会议",
        "发布日期": "2023-06-20",
        "实施日期": "2023-07-01",
        "内容": "爱护公共设施, 垃圾分类投放, 不高空抛物, 邻里互助, 文明养犬, 共建整洁平安的家园。",
    },
    {
        "文号": "JP-ZC-2024-03",
        "名称": "高龄老人助餐服务实施办法",
        "类别": "政策",
        "发布单位": "街道办事处",
        "发布日期": "2024-04-10",
        "实施日期": "2024-05-01",
        "内容": "八十周岁以上老人可在社区食堂享受助餐补贴, 由本人或家属持身份证到社区服务站登记。",
    },
    {
        "文号": "JP-FG-2022-01",
        "名称": "城市居民委员会组织法学习摘要",
        "类别": "法规",
        "发布单位": "社区居民委员会",
        "发布日期": "2022-09-01",
        "内容": "居民委员会是居民自我管理、自我教育、自我服务的基层群众性自治组织, 向居民会议负责并报告工作。",
    },
)


def _first_community(uow: UnitOfWork) -> str | None:
    query = select(Region.name).where(Region.level == 1).order_by(Region.code).limit(1)
    return uow.session.execute(query).scalar_one_or_none()


def _adults(uow: UnitOfWork, community: str, *, party_only: bool) -> list[str]:
    cutoff = dt.date.today().replace(month=1, day=1) - dt.timedelta(days=365 * 25)
    query = select(Resident.resident_no).where(
        Resident.community_name == community, Resident.birth_date <= cutoff, Resident.resident_no.is_not(None)
    )
    if party_only:
        query = query.where(Resident.political_status == PARTY_MEMBER_CODE)
    return [str(no) for no in uow.session.execute(query.order_by(Resident.id).limit(200)).scalars()]


def _add_organization(
    uow: UnitOfWork, name: str, top: tuple[str, ...], bottom: tuple[str, ...], people: list[str]
) -> None:
    if uow.session.execute(select(Organization.id).where(Organization.name == name)).first() is not None:
        return
    records.add(uow, ORGANIZATION, {"机构名称": name})
    posts = [("最高层", post) for post in top] + [("最低层", post) for post in bottom]
    for order, ((level, post), resident_no) in enumerate(zip(posts, people, strict=False), start=1):
        resident = records.get(uow, "resident", resident_no)
        given = {"机构名称": name, "层级": level, "职务": post, "姓名": resident.name, "常住编号": resident_no}
        records.add(uow, MEMBER, {**given, "排序": str(order)})


def populate(app: GridApp, folder: Path, seed: int) -> None:
    rng = random.Random(seed)
    with unit_of_work(app) as uow:
        community = _first_community(uow) or "演示社区"
        committee = _adults(uow, community, party_only=False)
        party = _adults(uow, community, party_only=True) or committee
        rng.shuffle(committee)
        rng.shuffle(party)
        names = (f"{community}居民委员会", f"{community}党委")
        _add_organization(uow, names[0], ("主任", "书记"), COMMITTEE_POSTS, committee[:10])
        _add_organization(uow, names[1], ("书记",), PARTY_POSTS, party[:8])
        for given in REGULATIONS:
            exists = select(Regulation.id).where(Regulation.regulation_no == given["文号"])
            if uow.session.execute(exists).first() is None:
                records.add(uow, REGULATION, given)
    from gridcore_orgs.org_chart import draw_organization_chart

    with read_unit(app) as uow:
        for name in names:
            draw_organization_chart(uow, name, folder / CHART_FOLDER)
