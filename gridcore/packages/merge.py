"""数据接收: merging a subordinate unit's records by natural key, never overwriting (R-Q10, §7.5, E4).

Records are matched by their natural key (``Entity.key``, widened to the unique constraint that holds
it, such as a building's compound and number; regions by code), never by id: ids differ between
databases, so every foreign key is remapped through the records already matched or added (parents
come first). For each record of the package:

- absent here: added (unless its parent is in conflict, or another unique value such as an ID number
  is taken: then it is reported as a conflict and not added);
- present with the same content: nothing to do;
- present with other content: a conflict, reported with the differing fields and never overwritten.

A record in conflict blocks everything below it: nothing is added under a region or household whose
content differs here (§2.6 G: two communities that both got the code ``HQ``), nor under a record that
is the same here but sits under such a parent. Compared are the entity's labelled fields (and the
parents, by their natural keys), never ids or creation times.

Everything happens in the caller's transaction: all or nothing.
"""

from __future__ import annotations

import types
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import attrs
from sqlalchemy import Column, Index, Table, UniqueConstraint, insert, inspect, select, tuple_

from gridcore.entities import entity_fields
from gridcore.packages.codec import PackageError, TableCodec, encode_value
from gridcore.search.index import index_rows, searchable_fields
from gridcore.search.models import SearchRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from gridcore.contributions import Entity
    from gridcore.packages.reader import OpenedPackage

BATCH = 500
PARENT_LABEL = "上级记录"


@attrs.frozen(kw_only=True)
class Difference:
    field: str
    local: Any
    received: Any


@attrs.frozen(kw_only=True)
class Conflict:
    """A received record that was not added: same key with other content, or a blocked dependency."""

    entity: str
    key: str
    reason: str
    differences: tuple[Difference, ...] = ()


@attrs.frozen(kw_only=True)
class MergeResult:
    added: dict[str, int]
    unchanged: dict[str, int]
    conflicts: list[Conflict]
    warnings: list[str]

    @property
    def total_added(self) -> int:
        return sum(self.added.values())

    @property
    def total_unchanged(self) -> int:
        return sum(self.unchanged.values())


def natural_key(entity: Entity) -> tuple[str, ...]:
    """The column names that identify a record across databases (the key, or its unique constraint)."""
    table: Table = entity.model.__table__  # type: ignore[attr-defined]
    column: Column[Any] = inspect(entity.model).columns[entity.key]
    best: tuple[str, ...] | None = None
    for names in unique_sets(table):
        if column.name in names and (best is None or len(names) < len(best)):
            best = names
    return best or (column.name,)


def unique_sets(table: Table) -> list[tuple[str, ...]]:
    """Every set of columns that must be unique (single unique columns, constraints, unique indexes)."""
    found: list[tuple[str, ...]] = [(c.name,) for c in table.columns if c.unique and not c.primary_key]
    for constraint in table.constraints:
        if isinstance(constraint, UniqueConstraint):
            found.append(tuple(c.name for c in constraint.columns))
    for index in table.indexes:
        if isinstance(index, Index) and index.unique:
            found.append(tuple(c.name for c in index.columns if isinstance(c, Column)))
    unique: list[tuple[str, ...]] = []
    for names in found:
        if names and names not in unique:
            unique.append(names)
    return unique


def _single_pk(table: Table) -> Column[Any] | None:
    columns = list(table.primary_key.columns)
    return columns[0] if len(columns) == 1 else None


def _topological(rows: list[dict[str, Any]], pk: str, parent: str) -> list[dict[str, Any]]:
    """Rows of a self-referencing table, every parent before its children."""
    by_id = {row[pk]: row for row in rows}
    done: set[Any] = set()
    ordered: list[dict[str, Any]] = []
    for row in rows:
        chain: list[dict[str, Any]] = []
        current: dict[str, Any] | None = row
        while current is not None and current[pk] not in done:
            if any(item is current for item in chain):
                raise PackageError(f"数据包中的记录 {row[pk]} 的上级形成了循环 (cycle)")
            chain.append(current)
            current = by_id.get(current[parent])
        for item in reversed(chain):
            done.add(item[pk])
            ordered.append(item)
    return ordered


def self_parent(table: Table) -> str | None:
    """The column of a table that refers to the table itself (``core_region.parent_id``), if any."""
    for column in table.columns:
        for fk in column.foreign_keys:
            if fk.column.table is table:
                return column.name
    return None


def ordered_rows(table: Table, rows: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    """Batches of decoded rows; a self-referencing table in one batch with parents first."""
    parent = self_parent(table)
    pk = _single_pk(table)
    if parent is not None and pk is not None:
        yield _topological(list(rows), pk.name, parent)
        return
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


class Merger:
    """Merges the tables of one package into the session's database, in dependency order."""

    def __init__(self, session: Session, *, mask: Any = None) -> None:
        self.session = session
        self.mask = mask or (lambda _entity, _column, value: value)
        self.id_maps: dict[str, dict[Any, Any]] = {}
        self.blocked: dict[str, set[Any]] = {}
        self.display: dict[str, dict[Any, str]] = {}  # local id -> key text, per table
        self.added: dict[str, int] = {}
        self.unchanged: dict[str, int] = {}
        self.conflicts: list[Conflict] = []
        self.warnings: list[str] = []

    def result(self) -> MergeResult:
        return MergeResult(
            added=dict(self.added), unchanged=dict(self.unchanged), conflicts=self.conflicts, warnings=self.warnings
        )

    def merge_table(self, package: OpenedPackage, entry: dict[str, Any], entity: Entity) -> None:
        table: Table = entity.model.__table__  # type: ignore[attr-defined]
        codec = TableCodec(table)
        plan = _Plan(entity, table, codec)
        self.id_maps.setdefault(table.name, {})
        self.blocked.setdefault(table.name, set())
        self.display.setdefault(table.name, {})
        self.added.setdefault(entity.id, 0)
        self.unchanged.setdefault(entity.id, 0)
        decoded = (codec.decode(line) for line in package.lines(entry))
        for batch in ordered_rows(table, decoded):
            if self_parent(table) is not None:
                for row in batch:  # a child may refer to a parent added just before it
                    self._merge_batch(plan, [row])
            else:
                self._merge_batch(plan, batch)

    # ------------------------------------------------------------------ one batch

    def _translate(self, plan: _Plan, row: dict[str, Any]) -> tuple[bool, bool]:
        """Remap the row's foreign keys to local ids; (blocked by a parent in conflict, placeable)."""
        blocked = False
        for name, target in plan.references.items():
            value = row[name]
            if value is None:
                continue
            if value in self.blocked.get(target, ()):
                blocked = True
                if value not in self.id_maps[target]:
                    continue  # a parent that was not added: this record will not be either
            mapping = self.id_maps.get(target)
            if mapping is None or value not in mapping:
                if plan.table.c[name].nullable:
                    row[name] = None
                    self.warnings.append(
                        f"{plan.entity.title} {self._key_text(plan, row)} 引用的 {target} 记录不在数据包中, 已置空"
                    )
                    continue
                return blocked, False
            row[name] = mapping[value]
        return blocked, True

    def _key_text(self, plan: _Plan, row: dict[str, Any]) -> str:
        parts = []
        for name in plan.key:
            value = row.get(name)
            target = plan.references.get(name)
            if target is not None and value is not None:
                parts.append(self.display.get(target, {}).get(value, f"#{value}"))
            else:
                parts.append("" if value is None else str(value))
        return "/".join(parts)

    def _merge_batch(self, plan: _Plan, batch: list[dict[str, Any]]) -> None:
        pending: list[tuple[Any, dict[str, Any], bool, str]] = []
        for row in batch:
            original = row[plan.pk] if plan.pk else None
            blocked, placeable = self._translate(plan, row)
            text = self._key_text(plan, row)
            if not placeable:
                self.warnings.append(f"{plan.entity.title} {text} 的上级记录不在数据包中, 未接收")
                continue
            if any(row[name] is None for name in plan.key):
                self.warnings.append(f"{plan.entity.title} 有一条没有编号的记录 ({plan.entity.key} 为空), 未接收")
                continue
            pending.append((original, row, blocked, text))
        existing = self._existing(plan, [row for _, row, _, _ in pending])
        to_add: list[tuple[Any, dict[str, Any], str]] = []
        seen: set[tuple[Any, ...]] = set()
        taken: dict[tuple[str, ...], set[tuple[Any, ...]]] = {names: set() for names in plan.other_unique}
        for original, row, blocked, text in pending:
            key = tuple(row[name] for name in plan.key)
            local = existing.get(key)
            if local is None and key in seen:
                self.blocked[plan.table.name].add(original)
                self.conflicts.append(Conflict(entity=plan.entity.title, key=text, reason="数据包中编号重复, 未接收"))
                continue
            seen.add(key)
            if local is not None:
                local_id = local[plan.pk] if plan.pk else None
                self.id_maps[plan.table.name][original] = local_id
                self.display[plan.table.name][local_id] = text
                differences = self._differences(plan, local, row)
                if differences:
                    self.blocked[plan.table.name].add(original)
                    self.conflicts.append(
                        Conflict(
                            entity=plan.entity.title, key=text, reason="编号相同, 内容不同", differences=differences
                        )
                    )
                else:
                    self.unchanged[plan.entity.id] += 1
                    if blocked:  # the same here, but under a parent in conflict: add nothing below it
                        self.blocked[plan.table.name].add(original)
                continue
            if blocked:
                self.blocked[plan.table.name].add(original)
                self.conflicts.append(Conflict(entity=plan.entity.title, key=text, reason="上级记录有冲突, 未接收"))
                continue
            clash = self._unique_clash(plan, row, taken)
            if clash is not None:
                self.blocked[plan.table.name].add(original)
                self.conflicts.append(Conflict(entity=plan.entity.title, key=text, reason=clash))
                continue
            to_add.append((original, row, text))
        self._insert(plan, to_add)

    def _existing(self, plan: _Plan, rows: Sequence[dict[str, Any]]) -> dict[tuple[Any, ...], Any]:
        keys = {tuple(row[name] for name in plan.key) for row in rows}
        if not keys:
            return {}
        columns = [plan.table.c[name] for name in plan.key]
        condition = columns[0].in_([k[0] for k in keys]) if len(columns) == 1 else tuple_(*columns).in_(list(keys))
        found = self.session.execute(select(plan.table).where(condition)).mappings()
        return {tuple(row[name] for name in plan.key): dict(row) for row in found}

    def _differences(self, plan: _Plan, local: Any, row: dict[str, Any]) -> tuple[Difference, ...]:
        found = []
        for name in plan.compared:
            kind, scale = plan.kinds[name]
            mine, theirs = encode_value(kind, local[name], scale=scale), encode_value(kind, row[name], scale=scale)
            if mine == theirs:
                continue
            target = plan.references.get(name)
            if target is not None:  # a parent: shown by its natural key, never by an id
                shown = self.display.get(target, {})
                found.append(
                    Difference(
                        field=plan.label(name),
                        local=shown.get(local[name], f"#{local[name]}"),
                        received=shown.get(row[name], f"#{row[name]}"),
                    )
                )
                continue
            found.append(
                Difference(
                    field=plan.label(name),
                    local=self.mask(plan.entity, name, mine),
                    received=self.mask(plan.entity, name, theirs),
                )
            )
        return tuple(found)

    def _unique_clash(
        self, plan: _Plan, row: dict[str, Any], taken: dict[tuple[str, ...], set[tuple[Any, ...]]]
    ) -> str | None:
        for names in plan.other_unique:
            values = tuple(row[name] for name in names)
            if any(value is None for value in values):
                continue
            labels = "、".join(plan.label(name) for name in names)
            if values in taken[names]:
                return f"{labels} 与数据包中另一条记录重复, 未接收"
            condition = [plan.table.c[name] == value for name, value in zip(names, values, strict=True)]
            if self.session.execute(select(plan.table.c[names[0]]).where(*condition).limit(1)).first() is not None:
                return f"{labels} 已被本地另一条记录使用, 未接收"
            taken[names].add(values)
        return None

    def _insert(self, plan: _Plan, rows: list[tuple[Any, dict[str, Any], str]]) -> None:
        if not rows:
            return
        if plan.pk:
            values = [{k: v for k, v in row.items() if k != plan.pk} for _, row, _ in rows]
            statement = insert(plan.table).returning(plan.table.c[plan.pk], sort_by_parameter_order=True)
            new_ids: list[Any] = list(self.session.execute(statement, values).scalars())
        else:
            self.session.execute(insert(plan.table), [row for _, row, _ in rows])
            new_ids = [None] * len(rows)
        for (original, _row, text), new_id in zip(rows, new_ids, strict=True):
            self.id_maps[plan.table.name][original] = new_id
            self.display[plan.table.name][new_id] = text
        self.added[plan.entity.id] += len(rows)
        if plan.pk and searchable_fields(plan.entity.model):
            records = [
                (
                    new_id,
                    types.SimpleNamespace(**{plan.attributes[k]: v for k, v in row.items() if k in plan.attributes}),
                )
                for (_original, row, _text), new_id in zip(rows, new_ids, strict=True)
            ]
            self.session.execute(insert(SearchRow), index_rows(plan.entity, records))


class _Plan:
    """What the merge needs to know of one entity's table."""

    def __init__(self, entity: Entity, table: Table, codec: TableCodec) -> None:
        self.entity = entity
        self.table = table
        pk = _single_pk(table)
        self.pk = pk.name if pk is not None else None
        self.key = natural_key(entity)
        self.references: dict[str, str] = {}
        for column in table.columns:
            for fk in column.foreign_keys:
                target = fk.column
                if _single_pk(target.table) is target:
                    self.references[column.name] = target.table.name
        mapper: Any = inspect(entity.model)
        self.attributes = {attr.columns[0].name: attr.key for attr in mapper.column_attrs}
        self.labels = {mapper.columns[f.name].name: f.label for f in entity_fields(entity.model)}
        self.kinds = {
            name: (kind, scale) for name, kind, scale in zip(codec.names, codec.kinds, codec.scales, strict=True)
        }
        compared = [name for name in self.labels if name not in self.key]
        compared += [name for name in self.references if name not in self.key and name not in compared]
        self.compared = compared
        self.other_unique = [names for names in unique_sets(table) if names != self.key]

    def label(self, column: str) -> str:
        """What people call a column: its Chinese label, 上级记录 for a parent, else its name."""
        return self.labels.get(column) or (PARENT_LABEL if column in self.references else column)
