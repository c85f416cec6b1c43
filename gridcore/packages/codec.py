"""Values in packages: typed, engine-neutral JSON, the same bytes whichever database wrote them.

Each table is one JSON Lines file: one JSON array per row, the values in the order of the manifest's
field list, rows ordered by primary key. A field's type (from its SQLAlchemy column) says how its
value is written:

========== ============================================ ==========================
type       written as                                   example
========== ============================================ ==========================
integer    a JSON number                                ``42``
float      a JSON number (``"nan"``, ``"inf"`` as text) ``1.5``
decimal    text, to the column's scale                  ``"86.50"``
boolean    ``true`` / ``false``
string     text                                         ``"红旗社区"``
date       ISO 8601 text                                ``"1950-01-01"``
datetime   ISO 8601 in UTC with its offset (naive = UTC) ``"2026-11-29T08:00:00.000000+00:00"``
timestamp  ISO 8601 without offset (naive columns)      ``"2026-11-29T08:00:00.000000"``
time       ISO 8601 text                                ``"08:00:00"``
binary     base64 text
json       the JSON value itself
========== ============================================ ==========================

``null`` is NULL for every type. Because the encoding is canonical, the SHA-256 of a table's file is
also the hash of its content: a restored database dumps to the very same bytes (B4).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import math
from collections.abc import Iterator, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Float,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Table,
    Time,
    select,
)

from gridcore.errors import GridcoreError

TYPES = ("integer", "float", "decimal", "boolean", "string", "date", "datetime", "timestamp", "time", "binary", "json")
BATCH = 1000


class PackageError(GridcoreError):
    """A package is malformed, tampered with, foreign or not for this database; nothing was changed."""

    exit_code = 10


def field_type(column: Column[Any]) -> str:
    """The package type of a column (see the module's table); an unknown column type is refused."""
    kind = column.type
    # order matters: Boolean before Integer, Float before Numeric (Float is a Numeric)
    if isinstance(kind, Boolean):
        return "boolean"
    if isinstance(kind, Integer):
        return "integer"
    if isinstance(kind, Float):
        return "float"
    if isinstance(kind, Numeric):
        return "decimal" if kind.asdecimal else "float"
    if isinstance(kind, DateTime):
        return "datetime" if kind.timezone else "timestamp"
    if isinstance(kind, Date):
        return "date"
    if isinstance(kind, Time):
        return "time"
    if isinstance(kind, LargeBinary):
        return "binary"
    if isinstance(kind, JSON):
        return "json"
    if isinstance(kind, String):
        return "string"
    raise PackageError(f"表 {column.table.name} 的字段 {column.name} 类型 {kind!r} 不能写入数据包 (unsupported type)")


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def encode_value(kind: str, value: Any, *, scale: int | None = None) -> Any:
    """A database value as its JSON form for ``kind``."""
    if value is None:
        return None
    if kind == "datetime":
        return _utc(value).isoformat(timespec="microseconds")
    if kind == "timestamp":
        return value.replace(tzinfo=None).isoformat(timespec="microseconds")
    if kind in {"date", "time"}:
        return value.isoformat()
    if kind == "decimal":
        exact = Decimal(value)
        if scale is not None:
            exact = exact.quantize(Decimal(1).scaleb(-scale))
        return format(exact, "f")
    if kind == "float":
        number = float(value)
        return number if math.isfinite(number) else str(number)
    if kind == "binary":
        return base64.b64encode(bytes(value)).decode("ascii")
    if kind == "boolean":
        return bool(value)
    if kind == "integer":
        return int(value)
    if kind == "string":
        return str(value)
    return value  # json


def _expect(ok: bool, kind: str, value: Any) -> None:
    if not ok:
        raise PackageError(f"数据包中的值 {value!r} 不是 {kind} 类型 (malformed value)")


def decode_value(kind: str, value: Any) -> Any:
    """The JSON form back as a Python value for a bound parameter; a value of the wrong shape is refused."""
    if value is None or kind == "json":
        return value
    try:
        if kind == "integer":
            _expect(isinstance(value, int) and not isinstance(value, bool), kind, value)
            return value
        if kind == "boolean":
            _expect(isinstance(value, bool), kind, value)
            return value
        if kind == "float":
            _expect(isinstance(value, (int, float, str)) and not isinstance(value, bool), kind, value)
            return float(value)
        _expect(isinstance(value, str), kind, value)
        if kind == "string":
            return value
        if kind == "decimal":
            return Decimal(value)
        if kind == "datetime":
            return _utc(dt.datetime.fromisoformat(value))
        if kind == "timestamp":
            return dt.datetime.fromisoformat(value).replace(tzinfo=None)
        if kind == "date":
            return dt.date.fromisoformat(value)
        if kind == "time":
            return dt.time.fromisoformat(value)
        if kind == "binary":
            return base64.b64decode(value, validate=True)
    except (ValueError, InvalidOperation, TypeError):
        raise PackageError(f"数据包中的值 {value!r} 不是有效的 {kind} (malformed value)") from None
    raise PackageError(f"未知的字段类型 {kind!r} (unknown field type)")


class TableCodec:
    """Encodes and decodes the rows of one table (in the order of its columns)."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.columns: list[Column[Any]] = list(table.columns)
        self.names = [column.name for column in self.columns]
        self.kinds = [field_type(column) for column in self.columns]
        self.scales = [
            getattr(column.type, "scale", None) if kind == "decimal" else None
            for column, kind in zip(self.columns, self.kinds, strict=True)
        ]

    @property
    def fields(self) -> list[dict[str, str]]:
        """The manifest's field list: name and type of each column."""
        return [{"name": name, "type": kind} for name, kind in zip(self.names, self.kinds, strict=True)]

    def encode(self, row: Sequence[Any]) -> bytes:
        """One row as a canonical JSON line (with its line end)."""
        values = [
            encode_value(kind, value, scale=scale)
            for kind, value, scale in zip(self.kinds, row, self.scales, strict=True)
        ]
        return line(values)

    def decode(self, raw: bytes) -> dict[str, Any]:
        """One JSON line as ``{column name: value}``; a line of the wrong shape is refused."""
        try:
            values = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            raise PackageError(f"表 {self.table.name} 的数据行不是有效的 JSON (malformed line)") from None
        if not isinstance(values, list) or len(values) != len(self.kinds):
            raise PackageError(f"表 {self.table.name} 的数据行字段数不符 (expected {len(self.kinds)} values)")
        return {
            name: decode_value(kind, value) for name, kind, value in zip(self.names, self.kinds, values, strict=True)
        }

    def ordered_select(self) -> Any:
        primary = list(self.table.primary_key.columns) or self.columns
        return select(*self.columns).order_by(*primary)

    def dump(self, connection: Connection, query: Any = None) -> Iterator[bytes]:
        """Every row of the table (or of ``query``, which selects the table's columns) as JSON lines."""
        statement = query if query is not None else self.ordered_select()
        result = connection.execution_options(stream_results=True, yield_per=BATCH).execute(statement)
        for row in result:
            yield self.encode(row)


def line(values: Sequence[Any]) -> bytes:
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8") + b"\n"


def content_hash(connection: Connection, table: Table) -> tuple[int, str]:
    """The number of rows and the SHA-256 of the table's canonical encoding (equal to its package file's)."""
    codec = TableCodec(table)
    digest = hashlib.sha256()
    count = 0
    for encoded in codec.dump(connection):
        digest.update(encoded)
        count += 1
    return count, digest.hexdigest()
