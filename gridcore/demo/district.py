"""The demo street: 1 街道, 3 社区, their 小区 with buildings, units and doors, and synthetic families.

Everything is written through the services, the same path as every face, in one unit of work per
社区. A 社区 that is already there is skipped, so building again neither fails nor duplicates, and a
run that was cut short is completed by the next one. The plan (addresses and families) is drawn in
full before anything is written, so it is the same whichever communities are skipped.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from gridcore.demo.people import Family, PeopleGenerator, Person
from gridcore.services import households, regions, residents
from gridcore.services.unit import UnitOfWork, unit_of_work

if TYPE_CHECKING:
    from gridcore.app import GridApp

DEFAULT_HOUSEHOLDS = 2500
DEFAULT_SEED = 20240601
STREET = "江畔街道"


@attrs.frozen(kw_only=True)
class Style:
    """How a compound is built: floors, units per building, doors per floor, share of flats lived in."""

    floors: int
    units: int
    doors: int
    occupancy: float
    area: tuple[int, int]
    housing: Mapping[str, float]


STYLES = {
    "多层": Style(floors=6, units=3, doors=2, occupancy=0.9, area=(70, 130), housing={"商品房": 80, "经济适用房": 20}),
    "高层": Style(floors=24, units=2, doors=4, occupancy=0.8, area=(80, 160), housing={"商品房": 100}),
    "老旧": Style(floors=5, units=2, doors=2, occupancy=0.92, area=(45, 80), housing={"房改房": 70, "单位宿舍": 30}),
    "安置": Style(
        floors=11, units=2, doors=3, occupancy=0.88, area=(60, 110), housing={"拆迁安置房": 85, "公租房/廉租房": 15}
    ),
}


@attrs.frozen(kw_only=True)
class Compound:
    name: str
    style: str
    weight: float
    property_company: str


@attrs.frozen(kw_only=True)
class Community:
    name: str
    compounds: tuple[Compound, ...]


COMMUNITIES = (
    Community(
        name="临江社区",
        compounds=(
            Compound(name="滨江花园", style="高层", weight=1.4, property_company="滨江物业服务有限公司"),
            Compound(name="望江苑", style="多层", weight=1.0, property_company="安和物业管理有限公司"),
            Compound(name="航运公司宿舍", style="老旧", weight=0.5, property_company="社区托管"),
            Compound(name="临江人家", style="安置", weight=0.8, property_company="安和物业管理有限公司"),
        ),
    ),
    Community(
        name="桂花社区",
        compounds=(
            Compound(name="桂花园", style="多层", weight=1.0, property_company="金桂物业服务有限公司"),
            Compound(name="龙山小区", style="老旧", weight=0.7, property_company="社区托管"),
            Compound(name="书香门第", style="高层", weight=1.2, property_company="金桂物业服务有限公司"),
        ),
    ),
    Community(
        name="新河社区",
        compounds=(
            Compound(name="新河佳苑", style="多层", weight=1.0, property_company="新河物业管理有限公司"),
            Compound(name="阳光水岸", style="高层", weight=1.3, property_company="阳光物业服务有限公司"),
            Compound(name="纺织厂宿舍", style="老旧", weight=0.6, property_company="社区托管"),
            Compound(name="安居苑", style="安置", weight=0.9, property_company="新河物业管理有限公司"),
        ),
    ),
)


@attrs.frozen(kw_only=True)
class Home:
    """One lived-in flat: its address, the household fields and the family."""

    building_no: str
    unit_no: str
    door_no: str
    fields: Mapping[str, str]
    family: Family


@attrs.frozen(kw_only=True)
class Report:
    """What :func:`build_district` did; ``households`` and ``residents`` count what it added."""

    street: str
    created: tuple[str, ...]
    skipped: tuple[str, ...]
    households: int
    residents: int
    seconds: float
    warnings: tuple[str, ...]


def plan_district(
    households: int = DEFAULT_HOUSEHOLDS, *, seed: int = DEFAULT_SEED, today: dt.date | None = None
) -> dict[str, dict[str, list[Home]]]:
    """The homes of every compound, by community and compound name: pure, and the same for one seed."""
    if households < 1:
        raise ValueError(f"households must be at least 1: {households}")
    rng = random.Random(seed)
    people = PeopleGenerator(seed, today=today)
    compounds = [(community.name, compound) for community in COMMUNITIES for compound in community.compounds]
    sizes = _shares(households, [compound.weight for _, compound in compounds])
    plan: dict[str, dict[str, list[Home]]] = {community.name: {} for community in COMMUNITIES}
    for (community, compound), size in zip(compounds, sizes, strict=True):
        style = STYLES[compound.style]
        plan[community][compound.name] = [
            _home(rng, style, address, people.family()) for address in _addresses(rng, style, size)
        ]
    return plan


def build_district(
    app: GridApp,
    *,
    households: int = DEFAULT_HOUSEHOLDS,
    seed: int = DEFAULT_SEED,
    today: dt.date | None = None,
    progress: Callable[[str], None] | None = None,
) -> Report:
    """Build the demo street unless it is there; add only the communities that are missing."""
    started = time.perf_counter()
    say = progress or (lambda _line: None)
    plan = plan_district(households, seed=seed, today=today)
    with unit_of_work(app) as uow:
        street_code, existing = _street(uow)
    created: list[str] = []
    skipped: list[str] = []
    warnings: list[str] = []
    added = [0, 0]
    for community in COMMUNITIES:
        if community.name in existing:
            skipped.append(community.name)
            continue
        begun = time.perf_counter()
        with unit_of_work(app) as uow:
            counts = _write_community(uow, street_code, community, plan[community.name])
        warnings.extend(uow.warnings)
        added = [added[0] + counts[0], added[1] + counts[1]]
        created.append(community.name)
        say(f"{community.name}: {counts[0]} 户, {counts[1]} 人 ({time.perf_counter() - begun:.1f} 秒)")
    return Report(
        street=STREET,
        created=tuple(created),
        skipped=tuple(skipped),
        households=added[0],
        residents=added[1],
        seconds=time.perf_counter() - started,
        warnings=tuple(warnings),
    )


def _street(uow: UnitOfWork) -> tuple[str, set[str]]:
    """The street's code (added if missing) and the names of the communities it already has."""
    for node in regions.tree(uow):
        if node.name == STREET:
            return node.code, {child.name for child in node.children}
    return regions.add(uow, level=0, name=STREET).code, set()


def _write_community(
    uow: UnitOfWork, street_code: str, community: Community, homes: Mapping[str, list[Home]]
) -> tuple[int, int]:
    region = regions.add(uow, level=1, name=community.name, parent_code=street_code)
    count_households = count_residents = 0
    for compound in community.compounds:
        extra = {"物业公司": compound.property_company}
        compound_code = regions.add(uow, level=2, name=compound.name, parent_code=region.code, extra=extra).code
        for home in homes[compound.name]:
            household = households.add(
                uow, head_name=home.family.head.name, compound_code=compound_code, given=_household_fields(home)
            )
            for person in home.family.members:
                residents.add(
                    uow,
                    name=person.name,
                    household_key=household.household_no,
                    relation=person.relation,
                    id_number=person.id_number,
                    given=_resident_fields(person),
                )
            count_households += 1
            count_residents += len(home.family.members)
    return count_households, count_residents


def _household_fields(home: Home) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "楼号": home.building_no,
        "单元": home.unit_no,
        "门牌号": home.door_no,
        "户口类型": home.family.hukou_type,
        **home.fields,
    }
    if home.family.head.phone:
        fields["联系电话"] = home.family.head.phone
    return fields


def _resident_fields(person: Person) -> dict[str, Any]:
    """The fields to give besides name, relation and ID number; blanks and defaults are left out."""
    fields: dict[str, Any] = {
        "民族": person.ethnicity,
        "政治面貌": person.political_status,
        "婚姻状况": person.marital_status,
        "文化程度": person.education,
    }
    optional = {
        "人口类型": person.population_type if person.population_type != "常住人口" else None,
        "联系电话": person.phone,
        "独居": person.lives_alone or None,
        "户籍地址": person.hukou_address,
        "来本地日期": person.arrival_date,
    }
    fields.update({label: value for label, value in optional.items() if value is not None})
    return fields


def _shares(total: int, weights: list[float]) -> list[int]:
    """``total`` split by ``weights`` in whole numbers (largest remainder)."""
    exact = [total * w / sum(weights) for w in weights]
    sizes = [math.floor(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: exact[i] - sizes[i], reverse=True)
    for i in by_remainder[: total - sum(sizes)]:
        sizes[i] += 1
    return sizes


def _addresses(rng: random.Random, style: Style, count: int) -> list[tuple[str, str, str]]:
    """``count`` lived-in flats (楼号, 单元, 门牌号) of as many buildings as the occupancy needs."""
    per_building = style.floors * style.units * style.doors
    buildings = max(1, math.ceil(count / style.occupancy / per_building))
    flats = [
        (str(building), str(unit), f"{floor}{door:02d}")
        for building in range(1, buildings + 1)
        for unit in range(1, style.units + 1)
        for floor in range(1, style.floors + 1)
        for door in range(1, style.doors + 1)
    ]
    chosen = sorted(rng.sample(range(len(flats)), count))
    return [flats[i] for i in chosen]


def _home(rng: random.Random, style: Style, address: tuple[str, str, str], family: Family) -> Home:
    housing = rng.choices(list(style.housing), weights=list(style.housing.values()))[0]
    low, high = style.area
    fields = {
        "住房性质": housing,
        "房屋状态": "出租" if family.migrant and rng.random() < 0.85 else "自住",
        "建筑面积": f"{rng.uniform(low, high):.2f}",
    }
    building_no, unit_no, door_no = address
    return Home(building_no=building_no, unit_no=unit_no, door_no=door_no, fields=fields, family=family)
