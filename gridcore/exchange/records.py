"""Rows of a sheet as typed values per field: the reader, the column map and the cell rules together.

:func:`open_records` is what an import service uses::

    with open_records(path, entity) as records:        # file checks, sheet, header: errors raise here
        for record in records:                          # lazily, one row at a time
            if record.problems: report.append((record.row, record.cells, record.reason))
            else: insert(record.values)

A bad cell does not stop the file: the record carries every problem of its row, so the error workbook
can list them all (R-G08).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from types import TracebackType
from typing import Any

import attrs

from gridcore.contributions import Entity
from gridcore.entities import entity_fields
from gridcore.exchange.cells import cell_normaliser
from gridcore.exchange.columns import ColumnMap, looks_like_header, match_columns
from gridcore.exchange.errors import CellError
from gridcore.exchange.limits import DEFAULT_LIMITS, Limits
from gridcore.exchange.reader import Cell, Engine, TableReader, open_table


@attrs.frozen(kw_only=True)
class CellProblem:
    """Why one cell was refused: the column's label and the reason."""

    column: str
    reason: str

    def __str__(self) -> str:
        return f"「{self.column}」{self.reason}"


@attrs.frozen(kw_only=True)
class Record:
    """One data row: its Excel row number, the cells as read, the typed values, and any problems.

    ``values`` maps attribute names to normalised values (blank cells are ``None``) for every matched
    column whose cell was readable.
    """

    row: int
    cells: tuple[Cell, ...]
    values: Mapping[str, Any]
    problems: tuple[CellProblem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def reason(self) -> str:
        """All problems of the row on one line (the error workbook's reason column)."""
        return "; ".join(str(problem) for problem in self.problems)

    def raise_first(self, *, path: str | os.PathLike[str] | None = None, sheet: str | None = None) -> None:
        """Raise the first problem as a :class:`CellError` naming the file, sheet, row and column."""
        if self.problems:
            first = self.problems[0]
            raise CellError(first.reason, path=path, sheet=sheet, row=self.row, column=first.column)


#: How one column is read: its cell's index, the field's attribute name, its label, its normaliser.
ColumnPlan = list[tuple[int, str, str, Callable[[object], Any]]]


def column_plan(columns: ColumnMap, *, date1904: bool = False) -> ColumnPlan:
    """The normaliser of each matched column (:func:`~gridcore.exchange.cells.cell_normaliser`), decided once."""
    return [
        (column.index, column.field.name, column.label, cell_normaliser(column.field, date1904=date1904))
        for column in columns.columns
    ]


def to_record(
    row: int, cells: list[Cell], columns: ColumnMap, *, date1904: bool = False, plan: ColumnPlan | None = None
) -> Record:
    """Normalise one row's cells through the column map (``plan``: its :func:`column_plan`, made once)."""
    result: dict[str, Any] = {}
    problems: list[CellProblem] = []
    width = len(cells)
    for index, name, label, normalise in plan if plan is not None else column_plan(columns, date1904=date1904):
        try:
            result[name] = normalise(cells[index] if index < width else None)
        except ValueError as error:
            problems.append(CellProblem(column=label, reason=str(error)))
    return Record(row=row, cells=tuple(cells), values=result, problems=tuple(problems))


def iter_records(table: TableReader, columns: ColumnMap) -> Iterator[Record]:
    """Every non-blank data row of ``table`` as a :class:`Record`."""
    plan = column_plan(columns, date1904=table.date1904)
    for row, cells in table.rows():
        yield to_record(row, cells, columns, plan=plan)


class RecordReader:
    """An open sheet with its matched header; iterate it for :class:`Record` objects, then close it."""

    def __init__(self, table: TableReader, columns: ColumnMap) -> None:
        self.table = table
        self.columns = columns

    @property
    def header(self) -> list[str]:
        return self.table.header

    def __iter__(self) -> Iterator[Record]:
        return iter_records(self.table, self.columns)

    def close(self) -> None:
        self.table.close()

    def __enter__(self) -> RecordReader:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


def open_records(
    path: str | os.PathLike[str],
    entity: Entity,
    *,
    sheet: str | None = None,
    engine: Engine | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> RecordReader:
    """Open ``entity``'s sheet (``Entity.sheet`` unless ``sheet`` is given) and match its header.

    File, sheet and header errors raise here, before any data row is read. Title rows above the header
    are skipped (the header is the first row whose cells are mostly the entity's labels).
    """
    name = sheet or entity.sheet or entity.title
    fields = entity_fields(entity.model)
    table = open_table(
        path, sheet=name, engine=engine, limits=limits, is_header=lambda texts: looks_like_header(texts, fields)
    )
    try:
        columns = match_columns(table.header, fields, sheet=table.sheet, path=table.path)
    except BaseException:
        table.close()
        raise
    return RecordReader(table, columns)
