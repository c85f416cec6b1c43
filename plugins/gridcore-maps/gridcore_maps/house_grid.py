"""Floors × doors per unit, derived from the households' own address fields (pure, no database).

A household stores 楼号 (building), 单元 (unit) and 门牌号 (door number); the floor is not stored but
written into the door number as the manual's buildings do: ``301`` is floor 3, door 1; ``1204`` floor
12, door 4; ``3-2`` (or ``3—2``, ``3#2``) floor 3, door 2; ``5`` a one-storey door 5. A building's floors
run from 1 to the highest floor seen in any of its units or its recorded 层数, whichever is more; a
unit's doors from 1 to the highest door seen in it. A door number that says nothing of its floor, or
a second household on one flat, is left out of the grid and listed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Generic, TypeVar

import attrs

T = TypeVar("T")

_SEPARATED = re.compile(r"^(\d{1,3})\s*[-—–_/#.\s]\s*(\d{1,3})$")
_PLAIN = re.compile(r"^\d{1,5}$")
_SUFFIX = re.compile(r"(室|号|户)$")
DOOR_DIGITS = 2
MAX_FLOOR = 200


@attrs.frozen(order=True)
class DoorPosition:
    """Where a door is: its floor (1 is the ground floor) and its number on that floor (from 1)."""

    floor: int
    door: int


def parse_door(door_no: str | None) -> DoorPosition | None:
    """The floor and door of a door number, or ``None`` when it does not say (see the module docstring)."""
    if door_no is None:
        return None
    text = _SUFFIX.sub("", unicodedata.normalize("NFKC", door_no).strip()).strip()
    found = _SEPARATED.match(text)
    if found:
        floor, door = int(found.group(1)), int(found.group(2))
    elif _PLAIN.match(text):
        if len(text) <= DOOR_DIGITS:
            floor, door = 1, int(text)
        else:
            floor, door = int(text[:-DOOR_DIGITS]), int(text[-DOOR_DIGITS:])
    else:
        return None
    if floor < 1 or door < 1 or floor > MAX_FLOOR:
        return None
    return DoorPosition(floor=floor, door=door)


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort ``2`` before ``10`` and ``A2`` before ``A10``."""
    parts = re.split(r"(\d+)", text)
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in parts if part)


@attrs.frozen(kw_only=True)
class UnitPlan(Generic[T]):
    """One unit of a building: its floors × doors, and what occupies each flat."""

    unit: str
    floors: int
    doors: int
    flats: Mapping[DoorPosition, T]


@attrs.frozen(kw_only=True)
class BuildingPlan(Generic[T]):
    building: str
    units: tuple[UnitPlan[T], ...]

    @property
    def floors(self) -> int:
        return max((unit.floors for unit in self.units), default=0)


@attrs.frozen(kw_only=True)
class Flat(Generic[T]):
    """One household's address, with what it carries (its record, its cell)."""

    building: str
    unit: str
    door_no: str
    item: T


@attrs.frozen(kw_only=True)
class Plan(Generic[T]):
    buildings: tuple[BuildingPlan[T], ...]
    #: Households left out of the grid, with why.
    left_out: tuple[tuple[T, str], ...]


def plan(flats: Iterable[Flat[T]], floor_counts: Mapping[str, int | None] | None = None) -> Plan[T]:
    """Arrange ``flats`` into buildings, units, floors and doors."""
    counts = floor_counts or {}
    grouped: dict[str, dict[str, dict[DoorPosition, T]]] = {}
    left_out: list[tuple[T, str]] = []
    for flat in flats:
        position = parse_door(flat.door_no)
        if position is None:
            left_out.append((flat.item, f"门牌号「{flat.door_no or ''}」看不出楼层"))
            continue
        unit = grouped.setdefault(flat.building, {}).setdefault(flat.unit, {})
        if position in unit:
            left_out.append((flat.item, f"与另一户同在 {flat.building}号楼 {flat.unit}单元 {flat.door_no}"))
            continue
        unit[position] = flat.item
    buildings = []
    for building in sorted(grouped, key=natural_key):
        seen = [position.floor for flats_of_unit in grouped[building].values() for position in flats_of_unit]
        floors = max(counts.get(building) or 0, *seen)
        units = []
        for name in sorted(grouped[building], key=natural_key):
            positions = grouped[building][name]
            doors = max(p.door for p in positions)
            units.append(UnitPlan(unit=name, floors=floors, doors=doors, flats=positions))
        buildings.append(BuildingPlan(building=building, units=tuple(units)))
    return Plan(buildings=tuple(buildings), left_out=tuple(left_out))


def door_label(position: DoorPosition) -> str:
    """How a flat is written: ``301`` for floor 3, door 1."""
    return f"{position.floor}{position.door:02d}"
