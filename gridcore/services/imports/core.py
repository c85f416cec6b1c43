"""Importers of the core registers: households (户籍表) and residents (常住人口信息表).

They apply the same rules as ``gridcore.services.households`` and ``residents`` (required 户主姓名,
dictionary values, the ID number's checks and what it fills in, one 户主 per household, numbers from
the sequence service), in bulk: prefetched lookups, numbers allocated in blocks, Core inserts.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select, tuple_

from gridcore.domain.coding import RESIDENT_WIDTH
from gridcore.domain.households import Building, Household
from gridcore.domain.idcard import parse_id
from gridcore.domain.regions import Region
from gridcore.domain.resident_rules import check_birth_date, fill_from_id
from gridcore.domain.residents import Resident
from gridcore.errors import ConflictError, ValidationError
from gridcore.services import dictionaries, households, regions
from gridcore.services.imports.base import Accepted, EntityImporter, Key
from gridcore.services.numbers import allocate_numbers

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def present_texts(session: Session, column: Any, texts: list[str]) -> list[str]:
    """Which of ``texts`` the text ``column`` holds already (one query; on SQLite one bound JSON array)."""
    if session.get_bind().dialect.name == "sqlite":
        table, name = column.property.columns[0].table.name, column.property.columns[0].name
        statement = f'SELECT "{name}" FROM "{table}" WHERE "{name}" IN (SELECT value FROM json_each(?))'
        return list(session.connection().exec_driver_sql(statement, (json.dumps(texts),)).scalars())
    return list(session.execute(select(column).where(column.in_(texts))).scalars())


HOUSEHOLD_COPIES = ("household_no", "community_name", "compound_name", "building_no", "door_no", "head_name")


class HouseholdImporter(EntityImporter):
    """户籍表: with ``--compound`` every row is linked and numbered; without, rows wait to be linked."""

    def prepare(self) -> None:
        self.compound: Region | None = None
        if self.options.compound:
            self.compound = households.compound_for(self.uow, self.options.compound)

    def build(self, values: Mapping[str, Any]) -> SimpleNamespace:
        record = super().build(values)
        compound = self.compound
        record.compound_id = compound.id if compound else None
        record.community_name = compound.parent.name if compound is not None and compound.parent else None
        record.compound_name = compound.name if compound else None
        return record

    def key(self, values: Mapping[str, Any], record: SimpleNamespace) -> Key | None:
        """A given 户籍编号 (R-G07); otherwise the address and head: compound, 楼号, 单元, 门牌号, 户主姓名."""
        given = values.get("household_no")
        if given:
            return ("no", str(given).upper())
        return ("addr", record.compound_id, record.building_no, record.unit_no, record.door_no, record.head_name)

    def existing(self, keys: Iterable[Key]) -> set[Key]:
        keys = list(keys)
        found: set[Key] = set()
        numbers = [k[1] for k in keys if k[0] == "no"]
        if numbers:
            query = select(Household.household_no).where(Household.household_no.in_(numbers))
            found |= {("no", n) for n in self.uow.session.execute(query).scalars()}
        heads = {k[5] for k in keys if k[0] == "addr"}
        if heads:
            addresses = select(
                Household.compound_id, Household.building_no, Household.unit_no, Household.door_no, Household.head_name
            ).where(Household.head_name.in_(heads))
            found |= {("addr", *row) for row in self.uow.session.execute(addresses).all()}
        return found

    def insert(self, rows: Sequence[Accepted]) -> None:
        records = [row.record for row in rows]
        if self.compound is not None and records:
            numbers = allocate_numbers(
                self.uow,
                kind="household",
                prefix=self.compound.code,
                column=Household.household_no,
                count=len(records),
                width=int(self.uow.app.setting("core", "record_number_width")),
            )
            for record, number in zip(records, numbers, strict=True):
                record.household_no = number
            self._buildings({r.building_no for r in records if r.building_no})
        self.insert_records(records)

    def _buildings(self, numbers: set[str]) -> None:
        assert self.compound is not None
        have = set(
            self.uow.session.execute(
                select(Building.building_no).where(Building.compound_id == self.compound.id)
            ).scalars()
        )
        missing = sorted(numbers - have)
        if missing:
            rows = [{"compound_id": self.compound.id, "building_no": n} for n in missing]
            self.uow.session.execute(insert(Building), rows)


class ResidentImporter(EntityImporter):
    """常住人口信息表: rows with an existing 户籍编号 are linked to it and numbered; others wait (R-G09)."""

    def prepare(self) -> None:
        self.today = dt.date.today()
        self.head = dictionaries.code_of(self.uow, "relation_to_head", "HEAD")
        self.male = dictionaries.code_of(self.uow, "sex", "MALE")
        self.female = dictionaries.code_of(self.uow, "sex", "FEMALE")
        self.permanent = dictionaries.code_of(self.uow, "population_type", "PERMANENT")
        self.households: dict[str, Household | None] = {}
        self.heads_in_file: dict[str, str] = {}
        self.pending_warnings: dict[int, list[str]] = {}

    def _household(self, number: str) -> Household | None:
        if number not in self.households:
            self.households[number] = self.uow.session.execute(
                select(Household).where(Household.household_no == number)
            ).scalar_one_or_none()
        return self.households[number]

    def build(self, values: Mapping[str, Any]) -> SimpleNamespace:
        record = self.fill(values)
        record.is_disabled = bool(record.is_disabled)
        record.is_dibao = bool(record.is_dibao)
        record.lives_alone = bool(record.lives_alone)
        record.warnings = []
        if record.population_type is None:
            record.population_type = self.permanent
        if record.id_number:
            info = parse_id(str(record.id_number), today=self.today)
            sex_code = self.male if info.sex == "男" else self.female
            # the recorded sex's label only names it in the warning when it contradicts the ID
            recorded = (
                dictionaries.label_of(self.uow, "sex", record.sex) if record.sex not in (None, sex_code) else None
            )
            record.warnings = fill_from_id(record, info, sex_code=sex_code, sex_label=recorded)
        check_birth_date(record, self.today)
        number = values.get("household_no")
        if number:
            self._link(record, str(number).upper())
        self.check_required(record)
        return record

    def _link(self, record: SimpleNamespace, number: str) -> None:
        household = self._household(number)
        if household is None:
            raise ValidationError(f"户籍编号 {number} 不存在: 请先导入或新增该住户", field="户籍编号", value=number)
        if household.household_no is None:  # pragma: no cover - a number always exists here
            return
        if record.relation_to_head == self.head:
            if not record.name:
                record.name = household.head_name
            elif record.name != household.head_name:
                raise ConflictError(f"户主「{record.name}」与住户 {number} 的户主姓名「{household.head_name}」不一致")
            if number in self.heads_in_file:
                raise ConflictError(f"住户 {number} 在本文件中已有户主 ({self.heads_in_file[number]})")
            self.heads_in_file[number] = str(record.name)
        record.household_id = household.id
        for name in HOUSEHOLD_COPIES:
            setattr(record, name, getattr(household, name))
        if record.hukou_type is None:
            record.hukou_type = household.hukou_type

    def key(self, values: Mapping[str, Any], record: SimpleNamespace) -> Key | None:
        """The 常住编号 as given (R-G07), else the ID number, else household, name and birth date."""
        if values.get("resident_no"):
            return ("no", str(values["resident_no"]).upper())
        if record.id_number:
            return ("id", record.id_number)
        return ("person", record.household_no, record.name, record.birth_date)

    def warnings(self, record: SimpleNamespace) -> list[str]:
        found: list[str] = record.warnings
        return found

    def existing(self, keys: Iterable[Key]) -> set[Key]:
        keys = list(keys)
        found: set[Key] = set()
        session = self.uow.session
        numbers = [k[1] for k in keys if k[0] == "no"]
        if numbers:
            found |= {("no", n) for n in present_texts(session, Resident.resident_no, numbers)}
        ids = [k[1] for k in keys if k[0] == "id"]
        if ids:
            found |= {("id", n) for n in present_texts(session, Resident.id_number, ids)}
        people = [(k[2], k[3]) for k in keys if k[0] == "person"]
        if people:
            persons = select(Resident.household_no, Resident.name, Resident.birth_date).where(
                tuple_(Resident.name, Resident.birth_date).in_(people)
            )
            found |= {("person", *row) for row in session.execute(persons).all()}
        return found

    def insert(self, rows: Sequence[Accepted]) -> None:
        records = [row.record for row in rows]
        by_household: dict[str, list[SimpleNamespace]] = defaultdict(list)
        for record in records:
            if record.household_no:
                by_household[record.household_no].append(record)
        if by_household:
            self._check_existing_heads(by_household)
        for number, members in by_household.items():
            allocated = allocate_numbers(
                self.uow,
                kind="resident",
                prefix=number,
                column=Resident.resident_no,
                count=len(members),
                width=RESIDENT_WIDTH,
            )
            for record, resident_no in zip(members, allocated, strict=True):
                record.resident_no = resident_no
        for record in records:
            del record.warnings
        self.insert_records(records)

    def _check_existing_heads(self, by_household: Mapping[str, list[SimpleNamespace]]) -> None:
        with_head = {n for n, members in by_household.items() if any(r.relation_to_head == self.head for r in members)}
        if not with_head:
            return
        query = select(Resident.household_no, Resident.name).where(
            Resident.household_no.in_(with_head), Resident.relation_to_head == self.head
        )
        for number, name in self.uow.session.execute(query).all():
            raise ConflictError(f"住户 {number} 已有户主 {name};每户只能有一名户主")


__all__ = ["HouseholdImporter", "ResidentImporter", "regions"]
