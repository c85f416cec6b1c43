"""Exporting an entity (导出EXCEL, R-G14): every row a query matches, under the import template's headers.

The rows are chosen exactly as ``gridcore query`` chooses them (:func:`gridcore.services.query.conditions`
and its order), without a page: an export holds every matching row. They are read in server-side
batches (``yield_per``) and written by the streaming exchange writer, so memory stays flat however many
rows there are. Every value goes through :func:`~gridcore.services.presentation.present_value`, the one
place a stored value becomes what people see (masking included, and the operator's region scope applies
through :func:`~gridcore.services.query.conditions`); what it shows unchanged keeps its type in the file
(a date stays a date cell), so an export imports back unchanged (R-G04).

Files are written next to the target under a temporary name and moved into place at the end: a failed
export leaves no half-written file, and a path that cannot be written fails before any row is read.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import functools
import os
import secrets
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import Select, func, select

from gridcore.entities import EntityField
from gridcore.exchange import ExchangeError, export_fields, write_rows
from gridcore.exchange.writer import is_dangerous
from gridcore.query.build import order_sql
from gridcore.query.spec import QuerySpec
from gridcore.security.groups import PII_VIEW
from gridcore.security.masking import should_mask
from gridcore.services import audit, dictionaries
from gridcore.services.presentation import present_value
from gridcore.services.query import conditions, entity
from gridcore.services.unit import UnitOfWork, operation

#: Rows fetched from the database per round trip (a server-side cursor on PostgreSQL).
BATCH = 200
FORMATS = ("xlsx", "csv")
#: ``progress(done, total)``: called after every batch and once at the end.
Progress = Callable[[int, int], None]
#: What Excel needs to open a CSV file as UTF-8.
CSV_ENCODING = "utf-8-sig"


def export_format(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """``xlsx`` or ``csv``: ``fmt`` when given (it must agree with the file's suffix), else the suffix."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if fmt is not None and fmt not in FORMATS:
        raise ExchangeError(f"不支持的导出格式「{fmt}」;可用: {'、'.join(FORMATS)}", path=path)
    if fmt is not None and suffix in FORMATS and suffix != fmt:
        raise ExchangeError(f"文件扩展名 .{suffix} 与导出格式 {fmt} 不符;请把文件名改为 .{fmt}", path=path)
    chosen = fmt or suffix
    if chosen not in FORMATS:
        raise ExchangeError("导出文件应以 .xlsx 或 .csv 结尾 (或用 --format 指定格式)", path=path)
    return chosen


@contextlib.contextmanager
def output_file(path: str | os.PathLike[str], *, private: bool = False) -> Iterator[Path]:
    """A temporary file next to ``path`` that replaces ``path`` when the block succeeds.

    A folder that does not exist or cannot be written is one :class:`ExchangeError`, raised on entry
    (before any work); on failure the temporary file is removed and ``path`` is left as it was.
    ``private`` files (personal data) are readable by their owner only (mode 0600).
    """
    target = Path(path)
    folder = target.parent
    if target.is_dir():
        raise ExchangeError(f"「{target}」是一个文件夹, 请给出文件名", path=target)
    temporary = folder / f".{target.name}.{secrets.token_hex(4)}.part"
    try:
        os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600 if private else 0o666))
    except FileNotFoundError:
        raise ExchangeError(f"无法写入: 文件夹「{folder}」不存在", path=target) from None
    except OSError as error:
        raise ExchangeError(f"无法写入文件夹「{folder}」: {error.strerror or error}", path=target) from None
    try:
        yield temporary
        try:
            os.replace(temporary, target)
        except OSError as error:
            raise ExchangeError(f"无法写入「{target}」: {error.strerror or error}", path=target) from None
    finally:
        temporary.unlink(missing_ok=True)


def _typed(stored: Any, shown: Any) -> Any:
    """What the cell holds: the presenter's value, as a date or a number again when it shows one.

    A value the presenter changed (masked, say) no longer reads as a date and stays the text it shows.
    """
    if isinstance(shown, bool):
        return "是" if shown else "否"
    if not isinstance(shown, str):
        return shown
    try:
        if isinstance(stored, dt.datetime):
            return dt.datetime.fromisoformat(shown)
        if isinstance(stored, dt.date):
            return dt.date.fromisoformat(shown)
        if isinstance(stored, Decimal):
            return Decimal(shown)
    except (ValueError, InvalidOperation):
        return shown
    return shown


def _shown(uow: UnitOfWork, field: EntityField, stored: Any) -> Any:
    """What the file holds for ``stored``: the presenter's value, typed again (:func:`_typed`)."""
    return _typed(stored, present_value(uow, field, stored))


def _plain(stored: Any) -> Any:
    """:func:`_shown` of a value neither masked, nor a reference, nor a dictionary code, in one step."""
    kind = type(stored)
    if kind is str or kind is int or kind is float or stored is None:
        return stored
    if kind is bool:
        return "是" if stored else "否"
    if isinstance(stored, Decimal):
        return Decimal(format(stored.normalize(), "f"))
    return stored  # a date or a moment: present_value shows it in ISO form, which _typed reads back


class _Labels(dict[Any, Any]):
    """A dictionary's labels by code; ``None`` stays ``None`` and a code without a label shows as its text."""

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        super().__init__(pairs)
        self[None] = None

    def __missing__(self, stored: Any) -> Any:
        code = str(stored)
        return self.get(code, code)


#: Types whose stored values the presenter shows unchanged (a date's ISO text reads back as the date).
_SHOWN_AS_STORED = (str, int, float, dt.date, dt.datetime)


def presenter(uow: UnitOfWork, field: EntityField, shown: Counter[str]) -> Callable[[Any], Any] | None:
    """A function equal to :func:`_shown` for ``field``, with what does not change per value decided once;
    ``None`` when every stored value of the field is written as it is.

    :func:`~gridcore.services.presentation.present_value` stays the one place that decides what people
    see: it is called per value where a value is masked or names another record. For the other fields
    the same result is computed directly (a dictionary's labels are looked up once per export), and
    the sensitive values shown unmasked are counted into ``shown`` (field label to count), to be added
    to the unit's audit count as present_value would have.
    """
    info = field.info
    sensitive = should_mask(info, uow.app.policy)
    if info.ref or (sensitive and not uow.actor.can(PII_VIEW)):
        return functools.partial(_shown, uow, field)
    label = field.label
    if info.dictionary:
        entries = dictionaries.current(uow, info.dictionary).entries
        labels = _Labels((entry.code, entry.label) for entry in reversed(entries))  # the first entry of a code wins
        if not sensitive:
            return labels.__getitem__  # one C call per value: a label, or the code's text when it has none

        def dictionary_label(stored: Any) -> Any:
            if stored is None:
                return None
            if sensitive:
                shown[label] += 1
            code = str(stored)
            return labels.get(code, code)

        return dictionary_label
    if not sensitive:
        return None if field.python_type in _SHOWN_AS_STORED else _plain

    def counted(stored: Any) -> Any:
        if stored is not None:
            shown[label] += 1
        return _plain(stored)

    return counted


def _rows(uow: UnitOfWork, chosen: list[EntityField], query: Select[Any]) -> Iterator[list[Any]]:
    """The rows of ``query``, presented, fetched ``BATCH`` at a time.

    Core rows on the session's connection: a server-side cursor on PostgreSQL, SQLite's lazy cursor,
    and a buffer of at most ``BATCH`` rows on our side (the ORM would add its own buffers). Only the
    fields whose values change on the way to the file are touched (see :func:`presenter`).
    """
    shown: Counter[str] = Counter()
    changed = [(index, show) for index, field in enumerate(chosen) if (show := presenter(uow, field, shown))]
    connection = uow.session.connection()
    try:
        for row in connection.execute(query, execution_options={"yield_per": BATCH}):
            values = list(row)
            for index, show in changed:
                value = values[index]
                if value is not None:  # every presenter shows None as None (present_value does)
                    values[index] = show(value)
            yield values
    finally:
        for label, count in shown.items():
            uow.unmasked[label] = uow.unmasked.get(label, 0) + count


def _counted(rows: Iterator[list[Any]], total: int, progress: Progress | None) -> Iterator[list[Any]]:
    done = 0
    for row in rows:
        yield row
        done += 1
        if progress is not None and done % BATCH == 0:
            progress(done, total)
    if progress is not None:
        progress(done, max(total, done))


def _csv_text(value: Any) -> str:
    """A CSV field: ISO dates, plain decimals, and text that a spreadsheet cannot take for a formula (I1)."""
    if value is None:
        return ""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, str):
        return f"'{value}" if is_dangerous(value) else value
    return str(value)


def write_csv(path: Path, headers: list[str], rows: Iterator[list[Any]]) -> int:
    """RFC 4180 CSV (CRLF, fields quoted when needed, quotes doubled) in UTF-8 with a BOM; the row count."""
    count = 0
    with path.open("w", encoding=CSV_ENCODING, newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([_csv_text(value) for value in row])
            count += 1
    return count


@operation("{entity}.view")
def export_entity(
    uow: UnitOfWork,
    entity_id: str,
    spec: QuerySpec,
    path: str | os.PathLike[str],
    *,
    fmt: str | None = None,
    progress: Progress | None = None,
) -> int:
    """Write every record of ``entity_id`` matching ``spec`` to ``path``; return the number of rows.

    ``spec``'s page (``limit``/``offset``) is ignored. The format is ``fmt`` or the suffix of ``path``
    (``.xlsx``, ``.csv``). ``progress(done, total)`` is told how far the export is.
    """
    target = entity(uow, entity_id)
    kind = export_format(path, fmt)
    chosen = export_fields(target)
    model: Any = target.model
    where = conditions(uow, target, spec)  # a bad filter fails here, before any file is touched
    # only the exported columns: no ORM objects to build or to keep
    query = (
        select(*[getattr(model, field.name) for field in chosen]).where(*where).order_by(*order_sql(target, spec.sort))
    )
    with output_file(path, private=True) as temporary:
        total = 0
        if progress is not None:
            total = uow.session.execute(select(func.count()).select_from(model).where(*where)).scalar_one()
            progress(0, total)
        rows = _rows(uow, chosen, query)
        if progress is not None:
            rows = _counted(rows, total, progress)
        if kind == "csv":
            count = write_csv(temporary, [field.label for field in chosen], rows)
        else:
            count = write_rows(temporary, target, rows)
        # audited before the file is moved into place: if the record cannot be written, no file appears
        audit.record(uow, "export", entity=entity_id, object_key=str(path), detail={"rows": count, "query": str(spec)})
        return count
