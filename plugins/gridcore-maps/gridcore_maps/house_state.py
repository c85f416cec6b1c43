"""居民房态图 (R-N04–N07): a compound's or building's flats as floors × doors per unit, coloured by 房屋状态.

The grid comes from every household of the compound (or building), :mod:`.house_grid`. The query picks
households: the operator's accumulated exact conditions (:mod:`.query_conditions`) and a keyword
matched by 包含 (模糊查询, R-N07), both through the kernel's query service; households it does not pick
stay in the grid, greyed. Each cell is marked for the residents' population type and special groups,
each mark only when the operator may see the field it comes from (masking as everywhere else).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
from sqlalchemy import select

from gridcore.domain.households import Building, Household
from gridcore.domain.residents import Resident, is_elderly
from gridcore.entities import EntityField, resolve_field
from gridcore.errors import ValidationError
from gridcore.query.build import order_sql
from gridcore.query.spec import QuerySpec
from gridcore.security.groups import PII_VIEW
from gridcore.security.masking import FULL, should_mask
from gridcore.services import audit, dictionaries, query, regions
from gridcore.services.presentation import KEY, present_value, record_view
from gridcore.services.unit import UnitOfWork, operation
from gridcore_maps import house_grid, palette
from gridcore_maps.plugin import VIEW
from gridcore_maps.query_conditions import current_conditions
from gridcore_maps.record_views import list_labels

HOUSEHOLD = "household"
RESIDENT = "resident"
STATE_DICTIONARY = "house_state"
CHUNK = 500

#: Marks for residents' population types, by the dictionary entries' semantic tags (常住人口 has none).
POPULATION_MARKS = {"FLOATING": "流", "TEMPORARY": "暂", "SEPARATED": "离", "OVERSEAS": "外"}
#: Every mark and its meaning, in the order cells show them.
MARKS: tuple[tuple[str, str], ...] = (
    ("流", "流动人口"),
    ("暂", "暂住人口"),
    ("离", "人户分离"),
    ("外", "境外人员"),
    ("老", "老年人 (60岁及以上)"),
    ("独", "独居"),
    ("残", "残疾人"),
    ("低", "低保人员"),
    ("特", "特殊人群"),
)
SPECIAL = ("is_disabled", "is_dibao", "special_group")


@attrs.frozen(kw_only=True)
class Cell:
    """One lived-in flat: the household, its state, whether the query picked it, its marks."""

    key: str
    door: str
    state: str | None
    state_label: str
    selected: bool
    marks: str
    info: dict[str, Any]
    members: tuple[dict[str, Any], ...] | None


@attrs.frozen(kw_only=True)
class StateEntry:
    code: str
    label: str
    colour: str


@attrs.frozen(kw_only=True)
class HouseStateChart:
    """Everything a house-state chart shows, ready to be drawn."""

    title: str
    region_code: str
    region_name: str
    building: str | None
    conditions: tuple[str, ...]
    keyword: str | None
    plan: house_grid.Plan[Cell]
    states: tuple[StateEntry, ...]
    total: int
    selected: int
    member_columns: tuple[str, ...]
    notes: tuple[str, ...]

    def colour(self, cell: Cell) -> str:
        if not cell.selected:
            return palette.NOT_SELECTED
        found = {entry.code: entry.colour for entry in self.states}
        return found.get(cell.state or "", palette.STATE_BLANK)


def _compound(uow: UnitOfWork, code: str) -> Any:
    region = regions.get(uow, code)
    bottom = regions.household_level(uow)
    if region.level != bottom:
        level_names = regions.levels(uow)
        raise ValidationError(
            f"居民房态图按{level_names[bottom]}绘制: {region.name} 是{level_names[region.level]}", value=code
        )
    return region


def _households(uow: UnitOfWork, spec: QuerySpec, building: str | None) -> list[Household]:
    entity = query.entity(uow, HOUSEHOLD)
    where = query.conditions(uow, entity, spec)
    if building is not None:
        where.append(Household.building_no == building)
    statement = select(Household).where(*where).order_by(*order_sql(entity, ()))
    return list(uow.session.execute(statement).scalars())


def _residents(uow: UnitOfWork, household_ids: Sequence[int]) -> dict[int, list[Resident]]:
    found: dict[int, list[Resident]] = {}
    entity = query.entity(uow, RESIDENT)
    for start in range(0, len(household_ids), CHUNK):
        chunk = list(household_ids[start : start + CHUNK])
        where = [*query.conditions(uow, entity, QuerySpec()), Resident.household_id.in_(chunk)]
        for resident in uow.session.execute(select(Resident).where(*where).order_by(*order_sql(entity, ()))).scalars():
            found.setdefault(int(resident.household_id or 0), []).append(resident)
    return found


class _Marker:
    """Works out a household's marks, showing each only when its source field is visible to the operator."""

    def __init__(self, uow: UnitOfWork) -> None:
        self.uow = uow
        self.today = uow.app.clock().date()
        self.fields: dict[str, EntityField] = {
            name: resolve_field(Resident, name) for name in ("population_type", "birth_date", "lives_alone", *SPECIAL)
        }
        entries = dictionaries.current(uow, "population_type").entries
        self.population = {e.code: POPULATION_MARKS[e.semantic] for e in entries if e.semantic in POPULATION_MARKS}

    def _shown(self, name: str, value: Any) -> Any:
        shown = present_value(self.uow, self.fields[name], value)
        return None if shown == FULL else shown

    def marks(self, residents: Sequence[Resident]) -> str:
        found: set[str] = set()
        for person in residents:
            if person.population_type in self.population and self._shown("population_type", person.population_type):
                found.add(self.population[person.population_type])
            if is_elderly(person, self.today) and self._shown("birth_date", person.birth_date):
                found.add("老")
            if person.lives_alone and self._shown("lives_alone", person.lives_alone) is True:
                found.add("独")
            if person.is_disabled and self._shown("is_disabled", person.is_disabled) is True:
                found.add("残")
            if person.is_dibao and self._shown("is_dibao", person.is_dibao) is True:
                found.add("低")
            if person.special_group and self._shown("special_group", person.special_group):
                found.add("特")
        return "".join(mark for mark, _ in MARKS if mark in found)


def _states(uow: UnitOfWork) -> tuple[StateEntry, ...]:
    entries = [e for e in dictionaries.current(uow, STATE_DICTIONARY).entries if e.enabled]
    colours = palette.state_colours([e.code for e in entries])
    return tuple(StateEntry(code=e.code, label=e.label, colour=colours[e.code]) for e in entries)


def _notes(uow: UnitOfWork, show_members: bool) -> tuple[str, ...]:
    notes = []
    if not show_members:
        notes.append("无「查看居民」权限: 不显示人口类型与特殊人群标记, 不列出居民")
    elif not uow.actor.can(PII_VIEW) and any(
        should_mask(resolve_field(Resident, name).info, uow.app.policy) for name in SPECIAL
    ):
        notes.append("残疾人、低保、特殊人群为敏感个人信息: 需要「查看完整的敏感个人信息」权限才显示其标记")
    return tuple(notes)


@operation(VIEW)
def house_state_chart(
    uow: UnitOfWork, region_code: str, *, building: str | None = None, keyword: str | None = None
) -> HouseStateChart:
    """The chart of a compound (or one of its buildings), picking households by the operator's exact
    conditions and ``keyword``; without either, every household is picked."""
    region = _compound(uow, region_code)
    building = building.strip() if building and building.strip() else None
    keyword = keyword.strip() if keyword and keyword.strip() else None
    everyone = _households(uow, QuerySpec(region=region.code), building)
    conditions = tuple(current_conditions(uow))
    if conditions or keyword:
        spec = QuerySpec(where=conditions, contains=keyword, region=region.code)
        picked = {household.id for household in _households(uow, spec, building)}
    else:
        picked = {household.id for household in everyone}
    show_members = uow.actor.can(f"{RESIDENT}.view")
    people = _residents(uow, [h.id for h in everyone]) if show_members else {}
    marker = _Marker(uow) if show_members else None
    household_entity = query.entity(uow, HOUSEHOLD)
    columns = list_labels(household_entity)
    member_columns = [KEY, *list_labels(query.entity(uow, RESIDENT))] if show_members else []
    state_field = resolve_field(Household, "house_state")
    flats = []
    for household in everyone:
        view = record_view(uow, HOUSEHOLD, household)
        state = present_value(uow, state_field, household.house_state)
        residents = people.get(household.id, [])
        members = None
        if show_members:
            members = tuple(
                {label: shown.get(label) for label in member_columns}
                for shown in (record_view(uow, RESIDENT, person) for person in residents)
            )
        position = house_grid.parse_door(household.door_no)
        cell = Cell(
            key=str(view[KEY]),
            door=house_grid.door_label(position) if position else str(household.door_no or ""),
            state=household.house_state if state not in (None, FULL) else None,
            state_label=str(state or "未填写"),
            selected=household.id in picked,
            marks=marker.marks(residents) if marker is not None else "",
            info={label: view[label] for label in columns if view.get(label) not in (None, "")},
            members=members,
        )
        flats.append(
            house_grid.Flat(
                building=household.building_no or "",
                unit=household.unit_no or "",
                door_no=household.door_no or "",
                item=cell,
            )
        )
    floor_counts = dict(
        uow.session.execute(select(Building.building_no, Building.floor_count).where(Building.compound_id == region.id))
        .tuples()
        .all()
    )
    shown_conditions = tuple(f"{c.field}={c.value}" for c in conditions)
    audit.record(
        uow,
        "maps.view",
        entity="region",
        object_key=region.code,
        detail={"chart": "house_state", "building": building, "conditions": list(shown_conditions), "keyword": keyword},
    )
    where = f" {building}号楼" if building else ""
    return HouseStateChart(
        title=f"{region.name}{where} 居民房态图",
        region_code=region.code,
        region_name=region.name,
        building=building,
        conditions=shown_conditions,
        keyword=keyword,
        plan=house_grid.plan(flats, floor_counts),
        states=_states(uow),
        total=len(everyone),
        selected=sum(1 for household in everyone if household.id in picked),
        member_columns=tuple(member_columns),
        notes=_notes(uow, show_members),
    )
