"""The importer of an entity: how a row becomes a record, what makes it a duplicate, how rows go in.

:class:`EntityImporter` works for any simple register (a plugin's regulations, say): dictionary values,
required fields, the entity's key for duplicates, and a bulk insert with its search text. Entities with
more rules (households, residents) subclass it and keep those rules in the functions the single-add
services use too.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import attrs
from sqlalchemy import insert, select

from gridcore.entities import EntityField, entity_fields
from gridcore.errors import ValidationError
from gridcore.search.index import index_rows, searchable_fields
from gridcore.search.models import SearchRow
from gridcore.services import dictionaries, scope

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from gridcore.contributions import Entity
    from gridcore.services.unit import UnitOfWork

Key = tuple[Any, ...]


@attrs.frozen(kw_only=True)
class ImportOptions:
    compound: str | None = None


@attrs.frozen(kw_only=True)
class Accepted:
    """A row judged good: its row number, cells, the record to insert, and its duplicate key."""

    row: int
    cells: tuple[Any, ...]
    record: SimpleNamespace
    key: Key | None


class EntityImporter:
    """Turns rows of one entity into records and inserts them in bulk (SQLAlchemy Core)."""

    def __init__(self, uow: UnitOfWork, entity: Entity, options: ImportOptions) -> None:
        self.uow = uow
        self.entity = entity
        self.options = options
        self.fields = entity_fields(entity.model)
        self.by_name = {f.name: f for f in self.fields}
        self.table = entity.model.__table__  # type: ignore[attr-defined]
        # what a bulk insert sets: every column but the key and those the database fills itself
        self.insert_columns = [c for c in self.table.columns if c.key != "id" and c.server_default is None]
        # decided once, used for every row
        self.blank = {f.name: None for f in self.fields}
        self.system_filled = frozenset(f.name for f in self.fields if f.info.generated or f.info.derived)
        self.required = [f for f in self.fields if f.info.required and not f.info.generated]
        self.codes: dict[tuple[str, str], str] = {}  # (dictionary, text as given) -> code, as to_code found it

    # ------------------------------------------------------------------ judging one row

    def prepare(self) -> None:
        """Look up once what every row needs (the compound, dictionaries ...)."""

    def build(self, values: Mapping[str, Any]) -> SimpleNamespace:
        """The record of a row, checked (required fields, then the entity's own rule); a bad value raises."""
        record = self.fill(values)
        self.check_required(record)
        if self.entity.check is not None:
            self.entity.check(self.uow, record)
        return record

    def fill(self, values: Mapping[str, Any]) -> SimpleNamespace:
        """The record of a row with dictionary labels turned into codes (generated and derived columns left out)."""
        record = SimpleNamespace()
        given = record.__dict__
        given.update(self.blank)
        for name, value in values.items():
            if name in self.system_filled or value is None or value == "":
                continue  # generated or derived: expected blank (R-G05, R-G06), filled by the system
            given[name] = self.coerce(self.by_name[name], value)
        return record

    def coerce(self, field: EntityField, value: Any) -> Any:
        if value is None or value == "":
            return None
        if field.info.ref:
            return self.reference(field, str(value).strip())
        dictionary = field.info.dictionary
        if dictionary:
            text = str(value)
            code = self.codes.get((dictionary, text))
            if code is None:  # a spelling not met yet in this file (a wrong one raises every time)
                code = dictionaries.to_code(self.uow, dictionary, text, field=field.label)
                self.codes[(dictionary, text)] = code
            return code
        return value

    def reference(self, field: EntityField, key: str) -> int:
        """The id of the record a reference cell names (looked up once per distinct key)."""
        from gridcore.services.records import reference_id

        assert field.info.ref is not None
        cache: dict[tuple[str, str], int] = self.uow.cache.setdefault("imports.references", {})
        found = cache.get((field.info.ref, key))
        if found is None:
            found = reference_id(self.uow, field.info.ref, key, label=field.label)
            cache[(field.info.ref, key)] = found
        return found

    def check_required(self, record: SimpleNamespace) -> None:
        for field in self.required:
            if getattr(record, field.name) in (None, ""):
                raise ValidationError(f"「{field.label}」不能为空", field=field.label)

    def key(self, values: Mapping[str, Any], record: SimpleNamespace) -> Key | None:
        """What makes the row a duplicate: the entity's key as given in the file."""
        given = values.get(self.entity.key) if self.entity.key else None
        return ("key", str(given)) if given not in (None, "") else None

    def warnings(self, record: SimpleNamespace) -> list[str]:
        return []

    # ------------------------------------------------------------------ writing a chunk

    def existing(self, keys: Iterable[Key]) -> set[Key]:
        """Which of the keys are in the database already."""
        given = [k[1] for k in keys if k[0] == "key"]
        if not given or not self.entity.key:
            return set()
        column = getattr(self.entity.model, self.entity.key)
        found = self.uow.session.execute(select(column).where(column.in_(given))).scalars()
        return {("key", str(value)) for value in found}

    def insert(self, rows: Sequence[Accepted]) -> None:
        """Insert the chunk and its search text."""
        self.insert_records([row.record for row in rows])

    def _rows(self, records: Sequence[SimpleNamespace]) -> list[list[Any]]:
        """The values of :attr:`insert_columns` for each record (a column's scalar default for a blank)."""
        keys = [column.key for column in self.insert_columns]
        defaults = [
            (index, column.default.arg)
            for index, column in enumerate(self.insert_columns)
            if column.default is not None and column.default.is_scalar
        ]
        rows = []
        for record in records:
            values = record.__dict__
            row = [values.get(key) for key in keys]
            for index, default in defaults:
                if row[index] is None:
                    row[index] = default
            rows.append(row)
        return rows

    def _insert_returning_ids(self, rows: list[list[Any]]) -> list[int]:
        """Insert the rows (values of :attr:`insert_columns`) and return their new ids, in order."""
        session, table = self.uow.session, self.table
        if session.get_bind().dialect.name == "sqlite":
            # The write transaction holds SQLite's lock (BEGIN IMMEDIATE), so the new rowids are the next ones.
            insert_sqlite(session, table, self.insert_columns, rows)
            newest = select(table.c.id).order_by(table.c.id.desc()).limit(len(rows))
            return sorted(session.execute(newest).scalars())
        keys = [column.key for column in self.insert_columns]
        payload = [dict(zip(keys, row, strict=True)) for row in rows]
        return list(
            session.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), payload).scalars()
        )

    def number(self, records: Sequence[SimpleNamespace]) -> None:
        """Number the new records (``Entity.numbering``): one block of numbers per region."""
        rule, key = self.entity.numbering, self.entity.key
        if rule is None or not key:
            return
        from collections import defaultdict

        from gridcore.domain.regions import Region
        from gridcore.services.numbers import allocate_numbers

        waiting: dict[int, list[SimpleNamespace]] = defaultdict(list)
        for record in records:
            parent = getattr(record, rule.parent, None)
            if parent is not None and not getattr(record, key, None):
                waiting[int(parent)].append(record)
        column = getattr(self.entity.model, key)
        for parent_id, group in waiting.items():
            region = self.uow.session.get(Region, parent_id)
            if region is None:
                continue
            numbers = allocate_numbers(
                self.uow, kind=self.entity.id, prefix=region.code, column=column, count=len(group), width=rule.width
            )
            for record, number in zip(group, numbers, strict=True):
                setattr(record, key, number)

    def insert_records(self, records: Sequence[SimpleNamespace]) -> list[int]:
        if not records:
            return []
        self.number(records)
        ids = self._insert_returning_ids(self._rows(records))
        scope.require_inserted(self.uow, self.entity, ids)  # an operator imports only into their scope
        if searchable_fields(self.entity.model):
            rows = index_rows(self.entity, list(zip(ids, records, strict=True)))
            search_table: Any = SearchRow.__table__
            if self.uow.session.get_bind().dialect.name == "sqlite":
                columns = [search_table.c[name] for name in rows[0]]
                insert_sqlite(self.uow.session, search_table, columns, [list(row.values()) for row in rows])
            else:
                self.uow.session.execute(insert(search_table), rows)  # Core: no ORM bulk bookkeeping
        return ids


def insert_sqlite(session: Session, table: Any, columns: Sequence[Any], rows: Sequence[list[Any]]) -> None:
    """Insert ``rows`` (values of ``columns``, in order) into ``table`` with as few statements as SQLite allows.

    Each value goes through its column's bind processor (a date becomes ISO text ...). Many rows per
    ``INSERT ... VALUES (...), (...)`` rather than one statement per row: a table with triggers (the
    search index, the statistics summary) costs SQLite a statement journal per statement.
    """
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    processors = [
        (index, process)
        for index, column in enumerate(columns)
        if (process := column.type._cached_bind_processor(dialect)) is not None
    ]
    if processors:
        for row in rows:
            for index, process in processors:
                if row[index] is not None:
                    row[index] = process(row[index])
    raw: Any = connection.connection.driver_connection
    limit = raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) if hasattr(raw, "getlimit") else 999
    per_statement = max(1, min(limit // len(columns), 500))
    names = ", ".join(f'"{column.name}"' for column in columns)
    marks = "(" + ", ".join("?" for _ in columns) + ")"
    for start in range(0, len(rows), per_statement):
        part = rows[start : start + per_statement]
        values = [value for row in part for value in row]
        statement = f'INSERT INTO "{table.name}" ({names}) VALUES {", ".join([marks] * len(part))}'
        connection.exec_driver_sql(statement, tuple(values))
