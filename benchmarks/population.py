"""The rows of the benchmark database: a pool of synthetic families reused as households and residents.

People come from :mod:`gridcore.demo.people` (about 50,000 of them in families); each household copies
a pool family with a new address, 户籍编号, 常住编号 and ID numbers. Values are dictionary codes, as
stored; the search text is :func:`gridcore.search.index.record_text` and its pieces
:func:`gridcore.search.index.gram_text`, exactly what the app stores.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

SEED = 20261128
POOL_PEOPLE = 50_000
#: (floors, units per building, doors per floor, share of flats lived in): 多层, 高层, 老旧, 安置.
STYLES: tuple[tuple[int, int, int, float], ...] = ((6, 3, 2, 0.9), (24, 2, 4, 0.8), (5, 2, 2, 0.92), (11, 2, 3, 0.88))
HOUSING = ("商品房", "经济适用房", "房改房", "单位宿舍", "拆迁安置房", "公租房/廉租房")
SPECIAL_GROUPS = ("01", "02", "03", "04", "05", "06")
Row = dict[str, Any]


@dataclass(frozen=True)
class Compound:
    id: int
    code: str
    name: str
    community: str
    style: tuple[int, int, int, float]


@functools.cache
def code(dictionary: str, label: str) -> str:
    """The stored code of a dictionary label (the generator speaks labels)."""
    from gridcore.domain.dictionaries import default_dictionary, match_entry

    entry = match_entry(default_dictionary(dictionary), label)
    if entry is None:
        raise ValueError(f"{label!r} is not in dictionary {dictionary!r}")
    return entry.code


@dataclass(frozen=True)
class Member:
    """A pool person: the fields that stay the same in whichever household they are copied into."""

    fields: Row
    division: str
    birth: dt.date
    order: int
    sex_label: str


@dataclass(frozen=True)
class Family:
    head_name: str
    hukou_type: str
    migrant: bool
    phone: str | None
    members: tuple[Member, ...]


def pool(size: int) -> list[Family]:
    """Families from the demo generator until they hold ``size`` people."""
    from gridcore.demo.people import PeopleGenerator
    from gridcore.domain.idcard import likely_issue_year, resolve_division

    people = PeopleGenerator(SEED)

    @functools.cache
    def place(division: str, year: int) -> str | None:
        found = resolve_division(division, year)
        return found.full_name if found is not None else None

    families: list[Family] = []
    count = 0
    while count < size:
        family = people.family()
        members = []
        for person in family.members:
            native = place(person.id_number[:6], likely_issue_year(person.birth_date))
            fields = {
                "name": person.name,
                "relation_to_head": code("relation_to_head", person.relation),
                "birth_date": person.birth_date,
                "birth_year": person.birth_date.year,
                "sex": code("sex", person.sex),
                "native_place": native,
                "birth_place": native,
                "ethnicity": code("ethnicity", person.ethnicity),
                "political_status": code("political_status", person.political_status),
                "population_type": code("population_type", person.population_type),
                "hukou_type": code("hukou_type", family.hukou_type),
                "education": code("education", person.education),
                "marital_status": code("marital_status", person.marital_status),
                "phone": person.phone,
                "hukou_address": person.hukou_address,
                "arrival_date": person.arrival_date,
                "lives_alone": person.lives_alone,
            }
            order = int(person.id_number[14:17]) // 2
            division = person.id_number[:6]
            members.append(
                Member(fields=fields, division=division, birth=person.birth_date, order=order, sex_label=person.sex)
            )
        families.append(
            Family(
                head_name=family.head.name,
                hukou_type=code("hukou_type", family.hukou_type),
                migrant=family.migrant,
                phone=family.head.phone,
                members=tuple(members),
            )
        )
        count += len(family.members)
    return families


def flats(rng: random.Random, style: tuple[int, int, int, float]) -> Iterator[tuple[str, str, str]]:
    """Lived-in flats (楼号, 单元, 门牌号) of a compound, building after building, for ever."""
    floors, units, doors, occupancy = style
    building = 0
    while True:
        building += 1
        for unit in range(1, units + 1):
            for floor in range(1, floors + 1):
                for door in range(1, doors + 1):
                    if rng.random() < occupancy:
                        yield str(building), str(unit), f"{floor}{door:02d}"


def search_text(model: type) -> Callable[[tuple[Any, ...]], str]:
    """``record_text`` of the model, remembered by the searchable values (names repeat a lot)."""
    from gridcore.search.index import record_text, searchable_fields

    names = searchable_fields(model)

    @functools.cache
    def compute(values: tuple[Any, ...]) -> str:
        return record_text(model, SimpleNamespace(**dict(zip(names, values, strict=True))))

    return compute


@functools.cache
def grams_of(text: str) -> str:
    """The 2-character pieces of a search text, as :func:`gridcore.search.index.index_rows` stores them."""
    from gridcore.search.index import gram_text

    return gram_text(text)


def cumulative(weights: Sequence[float], total: float) -> list[float]:
    running, bounds = 0.0, []
    for weight in weights:
        running += weight
        bounds.append(total * running / sum(weights))
    return bounds


@dataclass
class RowMaker:
    """Makes the rows of one household at a time: the household, its residents, their search rows."""

    compounds: Sequence[Compound]
    families: list[Family]
    search_id: int
    rng: random.Random = field(default_factory=lambda: random.Random(SEED))
    households: list[Row] = field(default_factory=list)
    residents: list[Row] = field(default_factory=list)
    searches: list[Row] = field(default_factory=list)
    buildings: dict[tuple[int, str], tuple[int, int]] = field(default_factory=dict)
    household_id: int = 0
    resident_id: int = 0

    def __post_init__(self) -> None:
        from gridcore.domain.households import Household
        from gridcore.domain.residents import Resident

        self.people = sum(len(f.members) for f in self.families)
        self.weights = [self.rng.uniform(0.5, 1.5) for _ in self.compounds]
        self.flats = [flats(random.Random(SEED + i), c.style) for i, c in enumerate(self.compounds)]
        self.numbers = [0] * len(self.compounds)
        self.uses = [0] * len(self.families)
        self.issued: set[str] = set()
        self.house_state = {True: code("house_state", "出租"), False: code("house_state", "自住")}
        self.housing = [code("housing_nature", label) for label in HOUSING]
        self.household_text, self.resident_text = search_text(Household), search_text(Resident)
        self.bounds: list[float] = []

    def plan(self, residents: int) -> None:
        """Spread the households the residents will need over the compounds (by weight, in order)."""
        self.bounds = cumulative(self.weights, residents * len(self.families) / self.people)

    def household(self, limit: int) -> None:
        """One more household, its residents up to ``limit`` residents in all, and their search rows."""
        from gridcore.domain.coding import household_number

        self.household_id += 1
        index = min(bisect.bisect_left(self.bounds, self.household_id), len(self.compounds) - 1)
        compound = self.compounds[index]
        self.numbers[index] += 1
        pick = self.rng.randrange(len(self.families))
        family = self.families[pick]
        self.uses[pick] += 1
        building_no, unit_no, door_no = next(self.flats[index])
        self.buildings[(compound.id, building_no)] = (compound.style[1], compound.style[0])
        household_no = household_number(compound.code, self.numbers[index])
        self.households.append(
            {
                "id": self.household_id,
                "household_no": household_no,
                "compound_id": compound.id,
                "community_name": compound.community,
                "compound_name": compound.name,
                "building_no": building_no,
                "unit_no": unit_no,
                "door_no": door_no,
                "head_name": family.head_name,
                "hukou_type": family.hukou_type,
                "housing_nature": self.housing[self.rng.randrange(len(self.housing))],
                "house_state": self.house_state[family.migrant and self.rng.random() < 0.85],
                "floor_area": Decimal(f"{self.rng.uniform(45, 160):.2f}"),
                "phone": family.phone,
            }
        )
        self._search("household", self.household_id, self.household_text((door_no, family.head_name)))
        shared = {
            "household_id": self.household_id,
            "household_no": household_no,
            "community_name": compound.community,
            "compound_name": compound.name,
            "building_no": building_no,
            "door_no": door_no,
            "head_name": family.head_name,
        }
        for k, member in enumerate(family.members, start=1):
            if self.resident_id >= limit:
                break
            self._resident(member, k, self.uses[pick], shared)

    def _resident(self, member: Member, k: int, use: int, shared: Row) -> None:
        from gridcore.domain.coding import resident_number
        from gridcore.domain.idcard import make_id
        from gridcore.domain.idcard.synthetic import MAX_SEQ

        self.resident_id += 1
        seq = (member.order + use * 131) % (MAX_SEQ + 1)
        number = make_id(member.division, member.birth, seq, member.sex_label)
        while number in self.issued:
            seq = (seq + 1) % (MAX_SEQ + 1)
            number = make_id(member.division, member.birth, seq, member.sex_label)
        self.issued.add(number)
        adult = member.birth.year <= dt.date.today().year - 18
        roll = self.rng.random()
        special = SPECIAL_GROUPS[self.rng.randrange(len(SPECIAL_GROUPS))] if adult and roll > 0.995 else None
        self.residents.append(
            {
                **member.fields,
                **shared,
                "id": self.resident_id,
                "resident_no": resident_number(shared["household_no"], k),
                "id_number": number,
                "is_disabled": roll < 0.015,
                "is_dibao": 0.015 <= roll < 0.027,
                "special_group": special,
            }
        )
        self._search("resident", self.resident_id, self.resident_text((member.fields["name"],)))

    def _search(self, entity: str, record_id: int, text: str) -> None:
        self.search_id += 1
        row = {"id": self.search_id, "entity": entity, "record_id": record_id, "text": text, "grams": grams_of(text)}
        self.searches.append(row)

    def building_rows(self) -> list[Row]:
        return [
            {"compound_id": cid, "building_no": no, "unit_count": units, "floor_count": floors}
            for (cid, no), (units, floors) in sorted(self.buildings.items())
        ]
