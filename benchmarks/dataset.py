"""The benchmark database: N synthetic residents in ~N/2.8 households, 40 compounds, 4 communities.

The schema is the real one (``gridcore init``: :class:`GridApp` + :func:`gridcore.services.setup.initialize`)
and the regions are added through the services; households, buildings, residents and their search rows
are then bulk-loaded (SQLAlchemy Core executemany on SQLite, ``COPY`` on PostgreSQL), because this is the
set-up of a benchmark, not what it measures. The search text comes from
:func:`gridcore.search.index.record_text`, so it is exactly what the application would store; on SQLite
the FTS5 triggers fill ``fts_core_search``.

People come from :mod:`gridcore.demo.people`: a pool of about 50,000 people in families, reused with new
ID numbers, household numbers and addresses. A built SQLite file is cached under ``benchmarks/out/``
(``bench-<N>.db``) and a PostgreSQL build lives in schema ``bench_<N>``; both are reused when present.

    python benchmarks/dataset.py --residents 100000 --backend both
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import population
from sqlalchemy import Connection, Table, create_engine, insert, text
from sqlalchemy.engine import make_url

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
DEFAULT_RESIDENTS = 1_000_000
BATCH = 20_000
PG_URL_ENV = "GRIDCORE_BENCH_PG_URL"
DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
ADMIN_PASSWORD = "Bench-2026-admin"  # a throw-away database; the policy wants three character classes
STREET = "江畔街道"
COMMUNITIES: dict[str, tuple[str, ...]] = {
    community: tuple(names.split())
    for community, names in {
        "临江社区": "滨江花园 望江苑 航运公司宿舍 临江人家 江景豪庭 观澜小区 海棠苑 锦绣华府 枫林小区 翠竹园",
        "桂花社区": "桂花园 龙山小区 书香门第 金桂苑 丹桂新村 紫荆花园 银杏小区 百合苑 和平里 幸福家园",
        "新河社区": "新河佳苑 阳光水岸 纺织厂宿舍 安居苑 河畔人家 绿洲小区 春晖苑 明珠花园 东方名城 运河新村",
        "东湖社区": "东湖花园 湖滨小区 荷塘月色 碧水苑 电力宿舍 湖光里 怡景苑 天鹅湖小区 康乐新村 文化小区",
    }.items()
}
LOADED_TABLES = ("core_region", "core_building", "core_household", "core_resident", "core_search")


@dataclass(frozen=True)
class BenchDatabase:
    """A ready benchmark database: its URL, its size, and whether this run built it (and how fast)."""

    backend: str
    url: str
    residents: int
    households: int
    built: bool
    build_seconds: float


def say(line: str) -> None:
    print(f"[dataset] {line}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- where a database lives


def sqlite_file(residents: int) -> Path:
    return OUT / f"bench-{residents}.db"


def pg_base_url() -> str:
    return os.environ.get(PG_URL_ENV, DEFAULT_PG_URL)


def pg_schema(residents: int) -> str:
    return f"bench_{residents}"


def pg_url(base: str, schema: str) -> str:
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


def open_database(
    backend: str, residents: int = DEFAULT_RESIDENTS, *, rebuild: bool = False, base_url: str | None = None
) -> BenchDatabase:
    """The benchmark database of ``residents`` people on ``backend``, built unless it is cached."""
    if backend == "sqlite":
        return _open_sqlite(residents, rebuild=rebuild)
    if backend == "postgresql":
        return _open_postgresql(residents, base_url or pg_base_url(), rebuild=rebuild)
    raise ValueError(f"unknown backend {backend!r} (sqlite or postgresql)")


def _open_sqlite(residents: int, *, rebuild: bool) -> BenchDatabase:
    final = sqlite_file(residents)
    if final.exists() and not rebuild:
        _bring_up_to_date(f"sqlite:///{final}")
        return _describe("sqlite", f"sqlite:///{final}", built=False, seconds=0.0)
    OUT.mkdir(exist_ok=True)
    partial = final.with_suffix(".part")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm"), Path(f"{partial}-journal")):
        leftover.unlink(missing_ok=True)
    started = time.perf_counter()
    _build(f"sqlite:///{partial}", residents)
    for stale in (final, Path(f"{final}-wal"), Path(f"{final}-shm")):
        stale.unlink(missing_ok=True)
    partial.rename(final)
    return _describe("sqlite", f"sqlite:///{final}", built=True, seconds=time.perf_counter() - started)


def _open_postgresql(residents: int, base: str, *, rebuild: bool) -> BenchDatabase:
    schema, building = pg_schema(residents), f"{pg_schema(residents)}_build"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            exists = connection.execute(
                text("SELECT 1 FROM pg_namespace WHERE nspname = :name"), {"name": schema}
            ).first()
            if exists and not rebuild:
                _bring_up_to_date(pg_url(base, schema))
                return _describe("postgresql", pg_url(base, schema), built=False, seconds=0.0)
            # only the two schemas this module creates are ever dropped
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{building}" CASCADE'))
            connection.execute(text(f'CREATE SCHEMA "{building}"'))
        started = time.perf_counter()
        _build(pg_url(base, building), residents)
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            connection.execute(text(f'ALTER SCHEMA "{building}" RENAME TO "{schema}"'))
        seconds = time.perf_counter() - started
    finally:
        admin.dispose()
    return _describe("postgresql", pg_url(base, schema), built=True, seconds=seconds)


def _bring_up_to_date(url: str) -> None:
    """A cached database made before a newer migration gets it (what it adds stays empty)."""
    from gridcore.app import GridApp

    app = GridApp(database_url=url).start()
    try:
        behind = [state.plugin for state in app.migrations.states() if not state.up_to_date]
        if behind:
            say(f"upgrading the cached database ({', '.join(behind)})")
            app.migrations.upgrade()
    finally:
        app.close()


def _describe(backend: str, url: str, *, built: bool, seconds: float) -> BenchDatabase:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            residents = int(connection.execute(text("SELECT count(*) FROM core_resident")).scalar_one())
            households = int(connection.execute(text("SELECT count(*) FROM core_household")).scalar_one())
    finally:
        engine.dispose()
    return BenchDatabase(
        backend=backend,
        url=url,
        residents=residents,
        households=households,
        built=built,
        build_seconds=round(seconds, 1),
    )


# --------------------------------------------------------------------------- building


def _build(url: str, residents: int) -> None:
    from gridcore.app import GridApp
    from gridcore.services.setup import initialize

    began = time.perf_counter()
    app = GridApp(database_url=url).start()
    try:
        initialize(app, admin_login="admin", ask_password=lambda: ADMIN_PASSWORD)
        regions, compounds = _regions(app)
    finally:
        app.close()
    say(f"schema in {time.perf_counter() - began:.1f} s")
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            loader = _SqliteLoader(connection) if connection.dialect.name == "sqlite" else _PostgresLoader(connection)
            loader.prepare()
            _write_regions(loader, regions)
            counts = _load(loader, compounds, residents)
            began = time.perf_counter()
            loader.finish()
            say(f"indexes and statistics in {time.perf_counter() - began:.1f} s")
    finally:
        engine.dispose()
    say(f"{counts[1]} residents in {counts[0]} households loaded")


def _regions(app: Any) -> tuple[list[population.Row], list[population.Compound]]:
    """The street, its communities and their compounds, coded by the edition's code rule (as ``region add``)."""
    rule = app.registry.code_rules[str(app.edition.code_rules.get("rule", "pinyin"))].rule
    street_code = rule.community_code(STREET)
    regions: list[population.Row] = [{"id": 1, "level": 0, "code": street_code, "name": STREET, "parent_id": None}]
    compounds: list[population.Compound] = []
    for community, names in COMMUNITIES.items():
        parent = {"id": len(regions) + 1, "level": 1, "code": rule.community_code(community), "name": community}
        regions.append({**parent, "parent_id": 1})
        for name in names:
            region = {"id": len(regions) + 1, "level": 2, "code": rule.compound_code(parent["code"], name)}
            regions.append({**region, "name": name, "parent_id": parent["id"]})
            style = population.STYLES[len(compounds) % len(population.STYLES)]
            compounds.append(
                population.Compound(id=region["id"], code=region["code"], name=name, community=community, style=style)
            )
    codes = [str(r["code"]).upper() for r in regions]
    if len(set(codes)) != len(codes):
        raise ValueError(f"two regions share a code: {sorted(c for c in codes if codes.count(c) > 1)}")
    return regions, compounds


def _write_regions(loader: _Loader, regions: list[population.Row]) -> None:
    from gridcore.domain.regions import Region
    from gridcore.search.index import searchable_fields
    from gridcore.search.models import SearchRow

    text_of, fields = population.search_text(Region), searchable_fields(Region)
    searchable = []
    for region in regions:
        found = text_of(tuple(region.get(f) for f in fields))
        searchable.append(
            {"entity": "region", "record_id": region["id"], "text": found, "grams": population.grams_of(found)}
        )
    loader.write(Region.__table__, regions)  # type: ignore[arg-type]
    loader.write(SearchRow.__table__, searchable)  # type: ignore[arg-type]


class _Loader:
    """Writes batches of rows into one table; ``prepare`` and ``finish`` bracket the whole load."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.indexes: list[tuple[str, str]] = []

    def prepare(self) -> None:
        raise NotImplementedError

    def write(self, table: Table, rows: list[dict[str, Any]]) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        raise NotImplementedError

    def scalar(self, sql: str) -> Any:
        return self.connection.execute(text(sql)).scalar()


class _SqliteLoader(_Loader):
    """executemany in one transaction, without a journal; plain indexes are rebuilt at the end."""

    def prepare(self) -> None:
        self.connection.exec_driver_sql("PRAGMA journal_mode=OFF")
        self.connection.exec_driver_sql("PRAGMA synchronous=OFF")
        self.connection.exec_driver_sql("PRAGMA cache_size=-1000000")
        self.connection.exec_driver_sql("PRAGMA temp_store=MEMORY")
        names = ", ".join(f"'{name}'" for name in LOADED_TABLES)
        query = (
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({names})"
        )
        self.indexes = [(str(n), str(s)) for n, s in self.connection.exec_driver_sql(query).all()]
        for name, _ in self.indexes:
            self.connection.exec_driver_sql(f'DROP INDEX "{name}"')

    def write(self, table: Table, rows: list[dict[str, Any]]) -> None:
        self.connection.execute(insert(table), rows)

    def finish(self) -> None:
        for _, sql in self.indexes:
            self.connection.exec_driver_sql(sql)
        self.connection.commit()
        self.connection.exec_driver_sql("PRAGMA journal_mode=WAL")


class _PostgresLoader(_Loader):
    """COPY; plain indexes (the pg_trgm GIN one among them) are rebuilt at the end, then VACUUM ANALYZE."""

    def prepare(self) -> None:
        query = text(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = ANY(:tables) AND indexname NOT IN "
            "(SELECT conname FROM pg_constraint WHERE connamespace = current_schema()::regnamespace)"
        )
        rows = self.connection.execute(query, {"tables": list(LOADED_TABLES)}).all()
        self.indexes = [(str(n), str(d)) for n, d in rows]
        for name, _ in self.indexes:
            self.connection.execute(text(f'DROP INDEX "{name}"'))

    def write(self, table: Table, rows: list[dict[str, Any]]) -> None:
        columns = list(rows[0])
        names = ", ".join(f'"{c}"' for c in columns)
        cursor: Any = self.connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        with cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row([row[c] for c in columns])

    def finish(self) -> None:
        self.connection.execute(text("SET maintenance_work_mem = '512MB'"))
        for _, definition in self.indexes:
            self.connection.execute(text(definition))
        for table in LOADED_TABLES:
            self.connection.execute(
                text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM \"{table}\"))")
            )
        self.connection.commit()
        autocommit = self.connection.execution_options(isolation_level="AUTOCOMMIT")
        for table in LOADED_TABLES:
            autocommit.execute(text(f'VACUUM ANALYZE "{table}"'))


# --------------------------------------------------------------------------- the rows


def _load(loader: _Loader, compounds: Sequence[population.Compound], residents: int) -> tuple[int, int]:
    """Households, buildings, residents and search rows, in batches; returns (households, residents)."""
    from gridcore.domain.households import Building, Household
    from gridcore.domain.residents import Resident
    from gridcore.search.models import SearchRow

    began = time.perf_counter()
    families = population.pool(min(population.POOL_PEOPLE, max(residents // 4, 1000)))
    people = sum(len(f.members) for f in families)
    say(f"pool of {len(families)} families, {people} people in {time.perf_counter() - began:.1f} s")
    search_id = int(loader.scalar("SELECT coalesce(max(id), 0) FROM core_search"))
    maker = population.RowMaker(compounds=compounds, families=families, search_id=search_id)
    maker.plan(residents)
    batches: list[tuple[Any, list[population.Row]]] = [
        (Household.__table__, maker.households),
        (Resident.__table__, maker.residents),
        (SearchRow.__table__, maker.searches),
    ]
    while maker.resident_id < residents:
        maker.household(residents)
        if len(maker.residents) >= BATCH or maker.resident_id >= residents:
            for table, batch in batches:
                loader.write(table, batch)
                batch.clear()
        if maker.household_id % 50_000 == 0:
            say(f"{maker.resident_id} residents ({time.perf_counter() - began:.0f} s)")
    loader.write(Building.__table__, maker.building_rows())  # type: ignore[arg-type]
    say(f"rows written in {time.perf_counter() - began:.1f} s")
    return maker.household_id, maker.resident_id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--residents", type=int, default=DEFAULT_RESIDENTS)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--rebuild", action="store_true", help="build again even if a cached database exists")
    args = parser.parse_args()
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    for backend in backends:
        database = open_database(backend, args.residents, rebuild=args.rebuild)
        line = {
            "benchmark": "dataset",
            "backend": backend,
            "residents": database.residents,
            "households": database.households,
            "built_now": database.built,
            "build_seconds": database.build_seconds,
        }
        print(json.dumps(line, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
