"""The premises of the demo street: shops and units in several compounds, with employees from the residents.

Synthetic: names are drawn from word lists, credit codes are made valid (:func:`.credit_code.make_credit_code`),
employees are demo residents of working age who live in the compound. A compound that already has
premises is left alone, so running the demo again adds nothing twice. The register is exported as
``营业场所信息表.xlsx`` into the demo folder.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from gridcore.domain.households import Household
from gridcore.domain.regions import Region
from gridcore.domain.residents import Resident
from gridcore.query.spec import QuerySpec
from gridcore.services import records, regions
from gridcore.services.exports import export_entity
from gridcore.services.unit import UnitOfWork, read_unit, unit_of_work
from gridcore_premises import employees
from gridcore_premises.credit_code import CHARSET, make_credit_code
from gridcore_premises.models import Premises
from gridcore_premises.plugin import ENTITY, SHEET

if TYPE_CHECKING:
    from gridcore import GridApp

COMPOUNDS = 5
DIVISION = "340802"  # the demo street's county (安庆市迎江区)
WORDS = ("江畔", "惠民", "好邻居", "鑫源", "福满", "桂香", "乐家", "启航", "安和", "同心", "百味", "金桥")
#: A demo name ending for each 场所类型 code used, and whether the premises is a company (91) or a shop (92).
KINDS = (
    ("01", "便利店", "92"),
    ("02", "面馆", "92"),
    ("02", "家常菜馆", "92"),
    ("03", "快捷宾馆", "91"),
    ("06", "理发店", "92"),
    ("07", "家电维修部", "92"),
    ("09", "物流仓库", "91"),
    ("11", "科技有限公司", "91"),
    ("14", "幼儿园", "52"),
    ("15", "大药房", "91"),
)
WORKING_AGE = (18, 60)


def populate(app: GridApp, folder: Path, seed: int) -> None:
    rng = random.Random(f"premises-{seed}")
    with unit_of_work(app) as uow:
        for compound in _chosen_compounds(uow, rng):
            if _has_premises(uow, compound):
                continue
            _add_premises(uow, rng, compound)
    folder.mkdir(parents=True, exist_ok=True)
    with read_unit(app) as uow:
        export_entity(uow, ENTITY, QuerySpec(), folder / f"{SHEET}.xlsx")


def _chosen_compounds(uow: UnitOfWork, rng: random.Random) -> list[Region]:
    bottom = regions.household_level(uow)
    compounds = list(uow.session.execute(select(Region).where(Region.level == bottom).order_by(Region.code)).scalars())
    return sorted(rng.sample(compounds, min(COMPOUNDS, len(compounds))), key=lambda region: region.code)


def _has_premises(uow: UnitOfWork, compound: Region) -> bool:
    count = uow.session.execute(
        select(func.count()).select_from(Premises).where(Premises.compound_id == compound.id)
    ).scalar_one()
    return bool(count)


def _workers(uow: UnitOfWork, compound: Region) -> list[Resident]:
    today = dt.date.today()
    youngest = today.replace(year=today.year - WORKING_AGE[0])
    oldest = today.replace(year=today.year - WORKING_AGE[1])
    query = (
        select(Resident)
        .join(Household, Household.id == Resident.household_id)
        .where(
            Household.compound_id == compound.id,
            Resident.premises_no.is_(None),
            Resident.birth_date.between(oldest, youngest),
        )
        .order_by(Resident.id)
    )
    return list(uow.session.execute(query).scalars())


def _add_premises(uow: UnitOfWork, rng: random.Random, compound: Region) -> None:
    workers = _workers(uow, compound)
    rng.shuffle(workers)
    for kind_code, ending, prefix in rng.sample(KINDS, rng.randint(3, 5)):
        org_body = "".join(rng.choice(CHARSET) for _ in range(8))
        place = records.add(
            uow,
            ENTITY,
            {
                "场所名称": f"{rng.choice(WORDS)}{ending}",
                "小区编码": compound.code,
                "场所类型": kind_code,
                "统一社会信用代码": make_credit_code(prefix, DIVISION, org_body),
                "地址": f"{compound.name}{rng.randint(1, 30)}号楼底商{rng.randint(1, 12)}号",
                "经营面积": str(rng.randint(20, 400)),
            },
        )
        staff = [workers.pop() for _ in range(min(len(workers), rng.randint(0, 6)))]
        for person in staff:
            employees.link(uow, place.premises_no, f"#{person.id}")
        if staff:
            records.edit(uow, ENTITY, place.premises_no, {"负责人": staff[0].name})
