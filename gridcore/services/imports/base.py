"""The importer of an entity: how a row becomes a record, what makes it a duplicate, how rows go in.

:class:`EntityImporter` works for any simple register (a plugin's regulations, say): dictionary values,
required fields, the entity's key for duplicates, and a bulk insert with its search text. Entities with
more rules (households, residents) subclass it and keep those rules in the functions the single-add
services use too.
"""

from __future__ import annotations

import datetime as dt
import itertools
import operator
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import attrs
from sqlalchemy import Boolean, Date, insert, select

from gridcore.entities import EntityField, entity_fields
from gridcore.errors import ValidationError
from gridcore.search.index import INDEX_COLUMNS, index_columns, index_inserted, last_search_id, searchable_fields
from gridcore.search.models import SearchRow
from gridcore.services import dictionaries, scope
from gridcore.stats import summary

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
        # decided once, used for every row; a record starts with every field and insert column blank
        self.blank = {f.name: None for f in self.fields} | {c.key: None for c in self.insert_columns}
        self.system_filled = frozenset(f.name for f in self.fields if f.info.generated or f.info.derived)
        self.required = [f for f in self.fields if f.info.required and not f.info.generated]
        self.codes: dict[tuple[str, str], str] = {}  # (dictionary, text as given) -> code, as to_code found it
        # what fill() does with a field's value without calling coerce(): kept as it is (no reference, no
        # dictionary) or looked up in self.codes (a dictionary); only when coerce() is this class's own
        own_coerce = type(self).coerce is EntityImporter.coerce
        self.kept_as_is = frozenset(
            f.name for f in self.fields if own_coerce and not f.info.ref and not f.info.dictionary
        )
        self.dictionary_of = {
            f.name: f.info.dictionary for f in self.fields if own_coerce and not f.info.ref and f.info.dictionary
        }
        self._deferrable: bool | None = None  # see _defers_upkeep

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
        system_filled, kept_as_is, dictionary_of, codes = (
            self.system_filled,
            self.kept_as_is,
            self.dictionary_of,
            self.codes,
        )
        for name, value in values.items():
            if value is None or value == "" or name in system_filled:
                continue  # generated or derived: expected blank (R-G05, R-G06), filled by the system
            if name in kept_as_is:
                given[name] = value
                continue
            dictionary = dictionary_of.get(name)
            code = codes.get((dictionary, str(value))) if dictionary is not None else None
            given[name] = code if code is not None else self.coerce(self.by_name[name], value)
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

    def _columns(self, records: Sequence[SimpleNamespace]) -> list[Sequence[Any]]:
        """The values of each of :attr:`insert_columns` over the records (a column's scalar default for a blank)."""
        keys = [column.key for column in self.insert_columns]
        dicts = [record.__dict__ for record in records]
        try:  # a record made by fill() has every key (self.blank); one made otherwise may not
            rows: Any = map(operator.itemgetter(*keys), dicts) if len(keys) > 1 else ([d[keys[0]]] for d in dicts)
            columns: list[Sequence[Any]] = list(zip(*rows, strict=True))
        except KeyError:
            columns = [[d.get(key) for d in dicts] for key in keys]
        for index, column in enumerate(self.insert_columns):
            if column.default is not None and column.default.is_scalar and None in columns[index]:
                default = column.default.arg
                columns[index] = [default if value is None else value for value in columns[index]]
        return columns

    def _insert_returning_ids(self, columns: list[Sequence[Any]]) -> list[int]:
        """Insert the rows (values of each of :attr:`insert_columns`) and return their new ids, in order."""
        session, table = self.uow.session, self.table
        count = len(columns[0])
        if session.get_bind().dialect.name == "sqlite":
            # The write transaction holds SQLite's lock (BEGIN IMMEDIATE), so the new rowids are the next ones.
            insert_sqlite_columns(session, table, self.insert_columns, columns)
            newest = select(table.c.id).order_by(table.c.id.desc()).limit(count)
            return sorted(session.execute(newest).scalars())
        keys = [column.key for column in self.insert_columns]
        payload = [dict(zip(keys, row, strict=True)) for row in zip(*columns, strict=True)]
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

    def _defers_upkeep(self) -> bool:
        """Whether this database lets the import keep the summary and FTS5 indexes per chunk (looked up once)."""
        if self._deferrable is None:
            self._deferrable = summary.can_defer(self.uow.session)
        return self._deferrable

    def insert_records(self, records: Sequence[SimpleNamespace]) -> list[int]:
        """Insert the records and their search rows; on SQLite the derived tables are filled once per chunk.

        Under :func:`gridcore.stats.summary.deferred_upkeep` the row triggers of the statistics summary
        and of the FTS5 indexes do nothing; the chunk's residents are then counted with one aggregated
        upsert and its search rows indexed with one ``INSERT ... SELECT`` per index.
        """
        if not records:
            return []
        self.number(records)
        session = self.uow.session
        sqlite = session.get_bind().dialect.name == "sqlite"
        with summary.deferred_upkeep(session, enabled=sqlite and self._defers_upkeep()) as deferred:
            ids = self._insert_returning_ids(self._columns(records))
            scope.require_inserted(self.uow, self.entity, ids)  # an operator imports only into their scope
            if deferred:
                summary.count_inserted(session, self.table.name, ids[0], ids[-1])
            if searchable_fields(self.entity.model):
                values = index_columns(self.entity, ids, records)
                search_table: Any = SearchRow.__table__
                if sqlite:
                    after = last_search_id(session) if deferred else 0
                    columns = [search_table.c[name] for name in INDEX_COLUMNS]
                    insert_sqlite_columns(session, search_table, columns, values)
                    if deferred:
                        index_inserted(session, after)
                else:  # Core: no ORM bulk bookkeeping
                    rows = [dict(zip(INDEX_COLUMNS, row, strict=True)) for row in zip(*values, strict=True)]
                    session.execute(insert(search_table), rows)
        return ids


def insert_sqlite(session: Session, table: Any, columns: Sequence[Any], rows: Sequence[Sequence[Any]]) -> None:
    """Insert ``rows`` (values of ``columns``, in order) into ``table``: :func:`insert_sqlite_columns` by rows."""
    if rows:
        insert_sqlite_columns(session, table, columns, list(zip(*rows, strict=True)))


def insert_sqlite_columns(
    session: Session, table: Any, columns: Sequence[Any], values: Sequence[Sequence[Any]]
) -> None:
    """Insert rows into ``table``, given as ``values[i]``: the values of ``columns[i]`` over the rows, in order.

    Each value goes through its column's bind processor (a date becomes ISO text ...). Many rows per
    ``INSERT ... VALUES (...), (...)`` rather than one statement per row: a table with triggers (the
    search index, the statistics summary) costs SQLite a statement journal per statement. A column
    blank in every row and without a default in the database is left out of the statement (it is NULL
    all the same, and a resident row has more such columns than filled ones: binding them cost 40 %).
    """
    count = len(values[0]) if values else 0
    if not count:
        return
    connection = session.connection()
    raw: Any = connection.connection.driver_connection
    with_default = {found[1] for found in raw.execute(f'PRAGMA table_info("{table.name}")') if found[4] is not None}
    kept_columns, kept_values = [], []
    for column, column_values in zip(columns, values, strict=True):
        if column_values.count(None) == count and column.name not in with_default:
            continue
        kept_columns.append(column)
        kept_values.append(_bound(column, column_values, connection.dialect))
    per_statement = max(1, min(_variable_limit(raw) // len(kept_columns), 500))
    names = ", ".join(f'"{column.name}"' for column in kept_columns)
    marks = "(" + ", ".join("?" for _ in kept_columns) + ")"
    head = f'INSERT INTO "{table.name}" ({names}) VALUES '
    full = head + ", ".join([marks] * per_statement)
    kept_rows = list(zip(*kept_values, strict=True))
    for start in range(0, count, per_statement):
        part = kept_rows[start : start + per_statement]
        statement = full if len(part) == per_statement else head + ", ".join([marks] * len(part))
        connection.exec_driver_sql(statement, tuple(itertools.chain.from_iterable(part)))


def _variable_limit(raw: Any) -> int:
    return int(raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)) if hasattr(raw, "getlimit") else 999


def _bound(column: Any, values: Sequence[Any], dialect: Any) -> Sequence[Any]:
    """``values`` of ``column`` as SQLite binds them (through the column's bind processor, if any)."""
    process = column.type._cached_bind_processor(dialect)
    if process is None:
        return values
    if type(column.type) is Boolean:  # sqlite3 binds a bool as the integer the processor makes of it
        return [value if value is None or type(value) is bool else process(value) for value in values]
    if type(column.type) is Date:  # a date's ISO text is SQLite's DATE storage format
        return [
            value.isoformat() if type(value) is dt.date else None if value is None else process(value)
            for value in values
        ]
    return [None if value is None else process(value) for value in values]
