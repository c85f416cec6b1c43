"""The error workbook of an import: the refused rows as they were, with their row number and reason.

It has the original sheet name and header plus two columns, 原行号 and 错误原因, which
:func:`~gridcore.exchange.columns.match_columns` ignores: people correct the rows in this file and
import it again.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import Any

from gridcore.exchange.columns import REASON_COLUMN, ROW_COLUMN
from gridcore.exchange.writer import write_table

ErrorRow = tuple[int, Sequence[Any], str]


def write_error_workbook(
    path: str | os.PathLike[str],
    *,
    sheet: str,
    header: Sequence[str],
    rows: Iterable[ErrorRow],
    text_columns: Collection[int | str] = (),
) -> int:
    """Write ``(row number, original cells, reason)`` rows under ``header``; return how many were written."""
    width = len(header)

    def lines() -> Iterator[list[Any]]:
        for number, cells, reason in rows:
            original = list(cells)[:width]
            original.extend([None] * (width - len(original)))
            yield [*original, number, reason]

    return write_table(
        path, sheet=sheet, headers=[*header, ROW_COLUMN, REASON_COLUMN], rows=lines(), text_columns=text_columns
    )
