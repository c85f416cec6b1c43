"""Importing N residents from a workbook, against a floor pipeline measured in the same run.

floor:    python-calamine read + the same row checks as plain functions (ID number, dictionary labels,
          dates) + one ``sqlite3`` executemany into the same table, on the app's own DB-API connection
          (so with the app's pragmas), on a fresh database;
gridcore: ``gridcore.services.imports.import_file`` (full validation, duplicate detection, search index,
          statistics summary), on a fresh database.
Also, for reference, the floor into a table without the statistics-summary triggers of migration c0007
(they fire on the floor's rows too, and an executemany is one statement per row: see README), and the
peak memory (RSS) of a large import against a ten times smaller one, each in its own process.
Wall and CPU seconds of this process. Prints one JSON line. Target: time ratio <= 1.5; memory ratio <= 1.5.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
HEADER = ["姓名", "与户主关系", "身份证号", "性别", "出生日期", "民族", "政治面貌", "婚姻状况", "文化程度", "联系电话"]


def workbook(n: int) -> Path:
    """An xlsx of ``n`` synthetic residents (cached in benchmarks/out)."""
    path = OUT / f"residents-{n}.xlsx"
    if path.exists():
        return path
    OUT.mkdir(exist_ok=True)
    from openpyxl import Workbook

    from gridcore.demo.people import PeopleGenerator

    generator = PeopleGenerator(seed=n, today=dt.date(2026, 11, 28))
    book = Workbook(write_only=True)
    sheet = book.create_sheet("常住人口信息表")
    sheet.append(HEADER)
    written = 0
    while written < n:
        for person in generator.family().members:
            if written >= n:
                break
            sheet.append(
                [
                    person.name,
                    person.relation,
                    person.id_number,
                    person.sex,
                    person.birth_date,
                    person.ethnicity,
                    person.political_status,
                    person.marital_status,
                    person.education,
                    person.phone,
                ]
            )
            written += 1
    book.save(path)
    return path


def fresh_app(folder: Path, name: str) -> Any:
    from gridcore.app import GridApp
    from gridcore.edition import Edition
    from gridcore.services.setup import initialize

    db = folder / f"{name}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    app = GridApp(Edition(enabled_plugins=("core",)), database_url=f"sqlite:///{db}")
    app.start()
    initialize(app, admin_login="admin", ask_password=lambda: "Bench-Passw0rd")
    return app


def without_summary_triggers(app: Any) -> Any:
    """``app`` with the statistics-summary triggers of core_resident dropped (the floor's reference run)."""
    connection = sqlite3.connect(str(app.db.sqlite_path))
    with connection:
        names = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'core_resident' "
            "AND name LIKE 'stats_%'"
        ).fetchall()
        for (name,) in names:
            connection.execute(f'DROP TRIGGER "{name}"')
    connection.close()
    app.db.dispose()
    return app


def floor_pipeline(path: Path, app: Any) -> tuple[float, float, int]:
    """calamine + the same checks as plain functions + one sqlite3 executemany; wall and CPU seconds, rows."""
    from python_calamine import CalamineWorkbook

    from gridcore.domain.dictionaries import default_dictionary, normalize
    from gridcore.domain.idcard import parse_id
    from gridcore.domain.values import parse_date

    def lookup(name: str) -> dict[str, str]:
        table: dict[str, str] = {}
        for entry in default_dictionary(name).entries:
            for spelling in (entry.label, entry.code, *entry.aliases):
                table.setdefault(normalize(spelling), entry.code)
        return table

    tables = {
        k: lookup(k)
        for k in ("relation_to_head", "sex", "ethnicity", "political_status", "marital_status", "education")
    }
    today = dt.date.today()
    start, cpu = time.perf_counter(), time.process_time()
    rows: list[list[Any]] = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("常住人口信息表").to_python()
    payload = []
    for name, relation, number, sex, birth, ethnicity, political, marital, education, phone in rows[1:]:
        info = parse_id(str(number), today=today)
        born = parse_date(birth) if not isinstance(birth, dt.date) else birth
        payload.append(
            (
                name,
                tables["relation_to_head"][normalize(relation)],
                info.number18,
                born.isoformat(),
                born.year,
                tables["sex"][normalize(sex)],
                tables["ethnicity"][normalize(ethnicity)],
                tables["political_status"][normalize(political)],
                tables["marital_status"][normalize(marital)],
                tables["education"][normalize(education)],
                phone or None,
                0,
                0,
                0,
            )
        )
    connection: Any = app.db.engine.raw_connection()  # the app's own connection: the same pragmas
    raw = connection.driver_connection  # in autocommit mode: the app issues BEGIN itself, so do we
    raw.execute("BEGIN IMMEDIATE")
    raw.executemany(
        "INSERT INTO core_resident (name, relation_to_head, id_number, birth_date, birth_year, sex, ethnicity, "
        "political_status, marital_status, education, phone, is_disabled, is_dibao, lives_alone) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        payload,
    )
    raw.execute("COMMIT")
    connection.close()
    return time.perf_counter() - start, time.process_time() - cpu, len(payload)


def gridcore_import(path: Path, app: Any) -> tuple[float, float, int]:
    from gridcore.services.imports import import_file
    from gridcore.services.unit import unit_of_work

    start, cpu = time.perf_counter(), time.process_time()
    with unit_of_work(app) as uow:
        report = import_file(uow, "resident", path)
    return time.perf_counter() - start, time.process_time() - cpu, report.imported


def own_peak_rss_kib() -> int:
    """This process's peak RSS in KiB: ``VmHWM`` (Linux), else ``ru_maxrss``."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def peak_rss_of_import(n: int) -> int:
    """Peak RSS (KiB) of a child process that imports ``n`` residents into a database made beforehand.

    The database is initialised in another process first, so that the administrator's argon2 hash
    (64 MiB by design) does not hide the import's own memory. The child reads its own high-water mark
    (``VmHWM``): ``ru_maxrss`` would keep that of this process at the fork, which after the timed runs
    above is larger than any import's.
    """
    fresh_app(OUT, f"mem-{n}").close()
    url = f"sqlite:///{OUT / f'mem-{n}.db'}"
    code = (
        "import sys\n"
        f"sys.path.insert(0, {str(HERE)!r})\n"
        "import imports as b\n"
        "from gridcore.app import GridApp\n"
        "from gridcore.edition import Edition\n"
        f"app = GridApp(Edition(enabled_plugins=('core',)), database_url={url!r}).start()\n"
        f"b.gridcore_import(b.workbook({n}), app)\n"
        "print(b.own_peak_rss_kib())\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--rounds", type=int, default=1, help="alternating runs of each pipeline (medians)")
    args = parser.parse_args()
    path = workbook(args.rows)
    samples: dict[str, list[tuple[float, float]]] = {"floor": [], "floor_without_summary": [], "gridcore": []}
    counts = {}
    for _ in range(args.rounds):  # alternating, each on a fresh database
        *timing, counts["floor"] = floor_pipeline(path, fresh_app(OUT, "floor"))
        samples["floor"].append((timing[0], timing[1]))
        *timing, counts["gridcore"] = gridcore_import(path, fresh_app(OUT, "import"))
        samples["gridcore"].append((timing[0], timing[1]))
        *timing, _ = floor_pipeline(path, without_summary_triggers(fresh_app(OUT, "floor-bare")))
        samples["floor_without_summary"].append((timing[0], timing[1]))
    wall = {name: statistics.median(s[0] for s in values) for name, values in samples.items()}
    cpu = {name: statistics.median(s[1] for s in values) for name, values in samples.items()}
    result: dict[str, Any] = {
        "benchmark": "import_residents",
        "rows": args.rows,
        "rounds": args.rounds,
        "floor_s": round(wall["floor"], 2),
        "gridcore_s": round(wall["gridcore"], 2),
        "ratio": round(wall["gridcore"] / wall["floor"], 2),
        "cpu_s": {name: round(value, 2) for name, value in cpu.items()},
        "cpu_ratio": round(cpu["gridcore"] / cpu["floor"], 2),
        "floor_without_summary_s": round(wall["floor_without_summary"], 2),
        "ratio_to_floor_without_summary": round(wall["gridcore"] / wall["floor_without_summary"], 2),
        "cpu_ratio_to_floor_without_summary": round(cpu["gridcore"] / cpu["floor_without_summary"], 2),
        "samples": {name: [[round(w, 2), round(c, 2)] for w, c in values] for name, values in samples.items()},
        "rows_checked": [counts["floor"], counts["gridcore"]],
    }
    if not args.skip_memory:
        workbook(args.rows // 10)
        small, large = peak_rss_of_import(args.rows // 10), peak_rss_of_import(args.rows)
        result.update(peak_rss_small_kib=small, peak_rss_large_kib=large, memory_ratio=round(large / small, 2))
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
