"""The demo street's assets: cars (synthetic 皖H plates, some new-energy), computers and e-bikes.

About one adult in eight owns something. Nothing is added when assets exist already, so the demo can
run again; the register is exported as ``大宗财产信息表.xlsx`` into the demo folder.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from gridcore.domain.residents import Resident
from gridcore.query.spec import QuerySpec
from gridcore.services import records
from gridcore.services.exports import export_entity
from gridcore.services.unit import read_unit, unit_of_work
from gridcore_assets.models import Asset
from gridcore_assets.plugin import ENTITY, SHEET

if TYPE_CHECKING:
    from gridcore import GridApp

SHARE = 8  # one adult in SHARE owns assets
LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
CARS = ("比亚迪 秦PLUS", "大众 朗逸", "丰田 卡罗拉", "吉利 帝豪", "长安 CS75", "本田 雅阁")
COMPUTERS = (
    ("10", "台式电脑", "联想 扬天M4000"),
    ("11", "笔记本电脑", "华为 MateBook 14"),
    ("11", "笔记本电脑", "联想 小新Pro"),
)


def populate(app: GridApp, folder: Path, seed: int) -> None:
    rng = random.Random(f"assets-{seed}")
    with unit_of_work(app) as uow:
        if not uow.session.execute(select(func.count()).select_from(Asset)).scalar_one():
            adult = dt.date.today().replace(year=dt.date.today().year - 18)
            owners = uow.session.execute(
                select(Resident.resident_no)
                .where(Resident.resident_no.is_not(None), Resident.birth_date <= adult)
                .order_by(Resident.id)
            ).scalars()
            plates: set[str] = set()
            for number in owners:
                if rng.randrange(SHARE) == 0:
                    for given in _assets(rng, plates):
                        records.add(uow, ENTITY, {"常住编号": number, **given})
    folder.mkdir(parents=True, exist_ok=True)
    with read_unit(app) as uow:
        export_entity(uow, ENTITY, QuerySpec(), folder / f"{SHEET}.xlsx")


def _assets(rng: random.Random, plates: set[str]) -> list[dict[str, Any]]:
    bought = dt.date.today() - dt.timedelta(days=rng.randint(60, 3650))
    kind = rng.random()
    if kind < 0.5:
        plate = _plate(rng, plates, new_energy=rng.random() < 0.3)
        model = rng.choice(CARS)
        value = rng.randrange(60_000, 250_000, 1000)
        return [
            {"财产名称": "小汽车", "财产类型": "小型汽车", "品牌型号": model, "车牌号": plate, **_when(bought, value)}
        ]
    if kind < 0.8:
        code, name, model = rng.choice(COMPUTERS)
        serial = "".join(rng.choice(LETTERS + "0123456789") for _ in range(10))
        return [{"财产名称": name, "财产类型": code, "品牌型号": model, "序列号": serial, **_when(bought, 4999)}]
    return [{"财产名称": "电动自行车", "财产类型": "电动自行车", "品牌型号": "雅迪 DE3", **_when(bought, 2599)}]


def _when(bought: dt.date, value: int) -> dict[str, Any]:
    return {"购置日期": bought.isoformat(), "价值(元)": str(value), "数量": "1"}


def _plate(rng: random.Random, taken: set[str], *, new_energy: bool) -> str:
    while True:
        if new_energy:
            plate = f"皖H{rng.choice('DF')}{rng.choice(LETTERS + '0123456789')}{rng.randrange(10000):04d}"
        else:
            plate = f"皖H{rng.choice(LETTERS)}{rng.randrange(10000):04d}"
        if plate not in taken:
            taken.add(plate)
            return plate
