"""Load the shipped GB/T 2260 table (``data/divisions.csv.gz``) once, on first use.

The file is built by ``scripts/build_divisions.py`` from the CC0 ``yescallop/areacodes`` summary
table, 1981-2024, abolished codes included (see ``data/SOURCE.md``).
"""

from __future__ import annotations

import csv
import gzip
import io
from functools import cache
from importlib import resources
from typing import cast

from gridcore.domain.idcard.model import Division, Level

DATA_FILE = "divisions.csv.gz"
#: First and last year the table covers.
FIRST_DATA_YEAR = 1981
LAST_DATA_YEAR = 2024


@cache
def division_table() -> dict[str, tuple[Division, ...]]:
    """Map each 6-digit code to its records, oldest first (one per name the code has carried)."""
    raw = resources.files("gridcore.domain.idcard.data").joinpath(DATA_FILE).read_bytes()
    text = gzip.decompress(raw).decode("utf-8")
    table: dict[str, list[Division]] = {}
    for row in csv.DictReader(io.StringIO(text)):
        table.setdefault(row["code"], []).append(_division(row))
    return {code: tuple(sorted(records, key=_start)) for code, records in table.items()}


def _start(record: Division) -> int:
    return record.start_year if record.start_year is not None else FIRST_DATA_YEAR


def _division(row: dict[str, str]) -> Division:
    level = cast(Level, row["level"])
    prefecture = row["prefecture"] or None
    return Division(
        code=row["code"],
        name=row["name"],
        level=level,
        province=row["province"],
        prefecture=prefecture if level != "省级" else None,
        county=row["name"] if level == "县级" else None,
        start_year=int(row["start"]),
        end_year=int(row["end"]) if row["end"] else None,
    )
