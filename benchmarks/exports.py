"""Exporting N residents to .xlsx, against a bare openpyxl write-only loop over the same rows, in one run.

gridcore: ``gridcore.services.exports.export_entity`` on the benchmark database of ``dataset.py``: the
          query, the presentation of every value (dictionary labels, masking rules, dates kept as dates),
          the formula-injection defence and the text format of the ID column, the streaming writer;
bare:     the rows of that very file (read back with python-calamine before timing, so they sit in
          memory as plain values) appended to ``openpyxl.Workbook(write_only=True)``, then saved;
bare_db:  the same columns read from the database with a plain DB-API cursor in the same order and
          appended as they come (codes, not labels; on SQLite dates as text), then saved.
The bare loop neither reads the database nor escapes anything, so its ratio charges gridcore for all of
that; bare_db reads the database too, like the import's floor reads the file. Rounds alternate
(gridcore, bare, bare_db, ...); medians of wall time (the target) and, because the machine is shared, of
this process's CPU time too (on PostgreSQL the server's share of an export is not in it).
One JSON line per backend. Target: ratio <= 1.2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import add_database_options, databases, open_app
from dataset import OUT, BenchDatabase

TARGET_RATIO = 1.2


def gridcore_export(app: Any, path: Path) -> tuple[float, float, int]:
    """Wall and CPU seconds of ``export_entity`` (all residents), and the rows written."""
    from gridcore.query import QuerySpec
    from gridcore.services.exports import export_entity
    from gridcore.services.unit import read_unit

    start, cpu = time.perf_counter(), time.process_time()
    with read_unit(app) as uow:
        count = export_entity(uow, "resident", QuerySpec(), path)
    return time.perf_counter() - start, time.process_time() - cpu, count


def rows_of(path: Path) -> tuple[list[Any], list[list[Any]]]:
    """The header and rows of an exported file, as plain Python values (dates as dates)."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    data = book.get_sheet_by_index(0).to_python()
    book.close()

    def plain(value: Any) -> Any:
        if value == "":
            return None
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, dt.datetime) and value.time() == dt.time(0):
            return value.date()
        return value

    return list(data[0]), [[plain(v) for v in row] for row in data[1:]]


def bare_export(header: list[Any], rows: list[list[Any]], path: Path) -> tuple[float, float, int]:
    """Wall and CPU seconds of the bare write-only loop, and the rows written."""
    from openpyxl import Workbook

    start, cpu = time.perf_counter(), time.process_time()
    book = Workbook(write_only=True)
    sheet = book.create_sheet("常住人口信息表")
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return time.perf_counter() - start, time.process_time() - cpu, len(rows)


def bare_db_export(app: Any, path: Path) -> tuple[float, float, int]:
    """A plain cursor over the exported columns, each row appended as it comes; wall and CPU seconds, rows."""
    from openpyxl import Workbook

    from gridcore.exchange import export_fields

    entity = app.registry.entities["resident"]
    fields = export_fields(entity)
    columns = ", ".join(f'"{entity.model.__table__.c[field.name].name}"' for field in fields)
    sql = f"SELECT {columns} FROM core_resident ORDER BY resident_no, id"  # the export's order
    start, cpu = time.perf_counter(), time.process_time()
    connection: Any = app.db.engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute(sql)
        book = Workbook(write_only=True)
        sheet = book.create_sheet("常住人口信息表")
        sheet.append([field.label for field in fields])
        count = 0
        while batch := cursor.fetchmany(1000):
            for row in batch:
                sheet.append(list(row))
            count += len(batch)
        book.save(path)
    finally:
        connection.close()
    return time.perf_counter() - start, time.process_time() - cpu, count


def measure(database: BenchDatabase, rounds: int) -> dict[str, object]:
    OUT.mkdir(exist_ok=True)
    ours_path = OUT / f"export-{database.backend}-{database.residents}.xlsx"
    bare_path = OUT / f"export-bare-{database.backend}-{database.residents}.xlsx"
    bare_db_path = OUT / f"export-bare-db-{database.backend}-{database.residents}.xlsx"
    app = open_app(database)
    try:
        gridcore_export(app, ours_path)  # warm the cache; its rows are the bare loop's input
        header, rows = rows_of(ours_path)
        # the bare loop's input stays in memory: keep its millions of objects out of the garbage
        # collector's way, or its full collections would slow both sides down as the run goes on
        gc.freeze()
        runs: tuple[tuple[str, Callable[[], tuple[float, float, int]]], ...] = (
            ("gridcore", lambda: gridcore_export(app, ours_path)),
            ("bare", lambda: bare_export(header, rows, bare_path)),
            ("bare_db", lambda: bare_db_export(app, bare_db_path)),
        )
        samples: dict[str, list[float]] = {f"{name}{kind}": [] for name, _ in runs for kind in ("", "_cpu")}
        counts = {}
        for _ in range(rounds):
            for name, run in runs:
                seconds, cpu, counts[name] = run()
                samples[name].append(seconds)
                samples[f"{name}_cpu"].append(cpu)
    finally:
        app.close()
    medians = {name: statistics.median(values) for name, values in samples.items()}
    ratio = medians["gridcore"] / medians["bare"]
    cpu_ratio = medians["gridcore_cpu"] / medians["bare_cpu"]
    db_ratio = medians["gridcore"] / medians["bare_db"]
    db_cpu_ratio = medians["gridcore_cpu"] / medians["bare_db_cpu"]
    rounded = {name: [round(value, 2) for value in values] for name, values in samples.items()}
    print(
        f"[exports] {database.backend} gridcore={medians['gridcore']:.2f} s bare={medians['bare']:.2f} s "
        f"ratio={ratio:.2f} (CPU {cpu_ratio:.2f}) bare_db={medians['bare_db']:.2f} s "
        f"ratio={db_ratio:.2f} (CPU {db_cpu_ratio:.2f}) samples={rounded}",
        file=sys.stderr,
        flush=True,
    )
    return {
        "benchmark": "export_residents",
        "backend": database.backend,
        "rows": counts["gridcore"],
        "columns": len(header),
        "rounds": rounds,
        "gridcore_median_s": round(medians["gridcore"], 2),
        "bare_openpyxl_median_s": round(medians["bare"], 2),
        "ratio": round(ratio, 2),
        "cpu_ratio": round(cpu_ratio, 2),
        "bare_db_median_s": round(medians["bare_db"], 2),
        "ratio_to_bare_db": round(db_ratio, 2),
        "cpu_ratio_to_bare_db": round(db_cpu_ratio, 2),
        "target_ratio": TARGET_RATIO,
        "target_met": ratio <= TARGET_RATIO,
        "file_bytes": [ours_path.stat().st_size, bare_path.stat().st_size],
        "samples_s": rounded,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_database_options(parser)
    parser.set_defaults(residents=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    for database in databases(args):
        print(json.dumps(measure(database, args.rounds), ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
