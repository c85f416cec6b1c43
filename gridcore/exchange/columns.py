"""Matching a header row to an entity's fields, by Chinese label or alias (R-G04).

Headers are compared after NFKC, with all whitespace removed (a header wrapped with Alt+Enter still
matches) and case folded. Unknown, duplicate and missing required headers are reported together, in
one :class:`~gridcore.exchange.errors.HeaderError`, before any data row is read. Generated and derived
columns (户籍编号, 社区名称 ...) may be present; the import service expects them blank (R-G05, R-G06).
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Sequence

import attrs

from gridcore.entities import EntityField
from gridcore.exchange.errors import HeaderError, column_letter

#: Columns the error workbook adds; a corrected error workbook re-imports with them ignored.
ROW_COLUMN = "原行号"
REASON_COLUMN = "错误原因"
REPORT_COLUMNS = (ROW_COLUMN, REASON_COLUMN)


def header_key(text: object) -> str:
    """How headers compare: NFKC, no whitespace at all, case-folded."""
    folded = unicodedata.normalize("NFKC", "" if text is None else str(text))
    return "".join(folded.split()).casefold()


@attrs.frozen(kw_only=True)
class Column:
    """A header cell matched to a field: its 0-based index and the text as it stood in the file."""

    index: int
    header: str
    field: EntityField

    @property
    def label(self) -> str:
        return self.field.label


@attrs.frozen(kw_only=True)
class ColumnMap:
    """The matched columns, in sheet order, and the indexes that were ignored (blank or report columns)."""

    columns: tuple[Column, ...]
    ignored: tuple[int, ...] = ()

    @property
    def fields(self) -> tuple[EntityField, ...]:
        return tuple(column.field for column in self.columns)

    def column_of(self, name: str) -> Column | None:
        """The column of the field with attribute ``name``, or None when the sheet lacks it."""
        for column in self.columns:
            if column.field.name == name:
                return column
        return None


def _lookup(fields: Sequence[EntityField]) -> dict[str, EntityField]:
    table = {header_key(field.label): field for field in fields}
    for field in fields:
        for alias in field.info.aliases:
            table.setdefault(header_key(alias), field)
    return table


def looks_like_header(header: Sequence[object], fields: Sequence[EntityField]) -> bool:
    """Whether at least half of the non-blank cells of ``header`` are labels or aliases of ``fields``."""
    lookup = _lookup(fields)
    keys = [key for key in map(header_key, header) if key]
    return bool(keys) and 2 * sum(key in lookup for key in keys) >= len(keys)


def match_columns(
    header: Sequence[object],
    fields: Sequence[EntityField],
    *,
    sheet: str | None = None,
    path: str | os.PathLike[str] | None = None,
    ignore: Sequence[str] = REPORT_COLUMNS,
) -> ColumnMap:
    """Match ``header`` to ``fields``; raise :class:`HeaderError` naming every problem at once."""
    lookup = _lookup(fields)
    ignored_keys = {header_key(text) for text in ignore}
    columns: list[Column] = []
    ignored: list[int] = []
    unknown: list[tuple[str, int]] = []
    seen: dict[str, list[int]] = {}
    for index, cell in enumerate(header):
        key = header_key(cell)
        if not key or key in ignored_keys:
            ignored.append(index)
            continue
        text = unicodedata.normalize("NFKC", str(cell)).strip()
        field = lookup.get(key)
        if field is None:
            unknown.append((text, index))
            continue
        seen.setdefault(field.name, []).append(index)
        if len(seen[field.name]) == 1:
            columns.append(Column(index=index, header=text, field=field))
    labels = {field.name: field.label for field in fields}
    duplicate = [(labels[name], indexes) for name, indexes in seen.items() if len(indexes) > 1]
    missing = [
        field.label
        for field in fields
        if field.info.required and not (field.info.generated or field.info.derived) and field.name not in seen
    ]
    if unknown or duplicate or missing:
        problems = []
        if unknown:
            shown = "、".join(f"「{text}」({column_letter(index)} 列)" for text, index in unknown)
            problems.append(f"未知列 {shown} (可用列名: {'、'.join(labels.values())})")
        if duplicate:
            shown = "、".join(f"「{label}」({'、'.join(map(column_letter, at))} 列)" for label, at in duplicate)
            problems.append(f"重复列 {shown}")
        if missing:
            problems.append(f"缺少必填列 {'、'.join(f'「{label}」' for label in missing)}")
        raise HeaderError(
            "表头有误: " + "; ".join(problems),
            path=path,
            sheet=sheet,
            unknown=tuple(text for text, _ in unknown),
            missing=tuple(missing),
            duplicate=tuple(label for label, _ in duplicate),
        )
    return ColumnMap(columns=tuple(columns), ignored=tuple(ignored))
