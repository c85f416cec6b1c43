"""The statistics dashboard: ``run_statistics`` (every registered statistic) over all residents and over one
community, as a ratio to one ``SELECT count(*) FROM core_resident`` measured in the same run; also the core's
own statistics alone (the installed plugins register theirs too).

Medians of ``--rounds`` alternating runs on a warm cache; each statistic is then timed alone (median of
three) so that a slow one is named. With ``--explain`` the SQL of each statistic slower than
``--slow-ms`` is captured as it runs and its plan printed (EXPLAIN QUERY PLAN / EXPLAIN).

Target (the issue): the whole dashboard over 1,000,000 residents in at most 1 s. One JSON line per backend.
"""

from __future__ import annotations

import argparse
import functools
import json
import statistics
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from common import add_database_options, databases, median_ms, open_app, timed
from dataset import BenchDatabase
from sqlalchemy import event, select, text

TARGET_S = 1.0
SOLO_ROUNDS = 3


@contextmanager
def captured(engine: Any) -> Iterator[list[tuple[str, Any]]]:
    """The statements (and parameters) that run on ``engine`` inside the block."""
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def explain(session: Any, statement: str, parameters: Any) -> str:
    sqlite = session.get_bind().dialect.name == "sqlite"
    prefix = "EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN "
    connection = session.connection()
    rows = connection.exec_driver_sql(prefix + statement, parameters).all()
    return "\n".join(" | ".join(str(v) for v in row) if sqlite else str(row[0]) for row in rows)


def measure(database: BenchDatabase, rounds: int, *, explain_slow: bool, slow_ms: float) -> dict[str, object]:
    from gridcore.domain.regions import Region
    from gridcore.services.stats import run_statistics
    from gridcore.services.unit import read_unit

    app = open_app(database)
    try:
        ids = list(app.registry.statistics)
        core_ids = [name for name, statistic in app.registry.statistics.items() if statistic.plugin == "core"]
        with read_unit(app) as uow:
            session = uow.session
            community, community_name = session.execute(
                select(Region.code, Region.name).where(Region.level == 1).order_by(Region.id).limit(1)
            ).one()

            def baseline() -> int:
                return int(session.execute(text("SELECT count(*) FROM core_resident")).scalar_one())

            def everything() -> int:
                return len(run_statistics(uow))

            def one_community() -> int:
                return len(run_statistics(uow, region=community))

            def core_only() -> int:
                return len(run_statistics(uow, only=core_ids))

            def core_community() -> int:
                return len(run_statistics(uow, region=community, only=core_ids))

            runs = {
                "baseline": baseline,
                "all": everything,
                "community": one_community,
                "core": core_only,
                "core_community": core_community,
            }
            for run in runs.values():
                run()  # warm the cache
            samples: dict[str, list[float]] = {name: [] for name in runs}
            for _ in range(rounds):
                for name, run in runs.items():
                    samples[name].append(timed(run)[0])
            medians = {name: median_ms(values) for name, values in samples.items()}
            solo: dict[str, dict[str, float]] = {"all": {}, "community": {}}
            plans: list[str] = []
            for scope, region in (("all", None), ("community", community)):
                for statistic in ids:
                    times = [
                        timed(functools.partial(run_statistics, uow, region=region, only=[statistic]))[0]
                        for _ in range(SOLO_ROUNDS)
                    ]
                    solo[scope][statistic] = round(statistics.median(times) * 1000, 1)
                    if explain_slow and solo[scope][statistic] >= slow_ms:
                        with captured(session.get_bind()) as statements:
                            run_statistics(uow, region=region, only=[statistic])
                        for statement, parameters in statements:
                            if "core_region" in statement and "core_resident" not in statement and region:
                                continue  # the subtree look-up, not the statistic
                            plans.append(
                                f"--- {scope} {statistic} ({solo[scope][statistic]} ms)\n{statement}\n"
                                f"{parameters}\n{explain(session, statement, parameters)}"
                            )
        for scope in ("all", "community"):
            ranked = sorted(solo[scope].items(), key=lambda item: -item[1])
            line = ", ".join(f"{name} {ms:.0f}" for name, ms in ranked)
            print(f"[dashboard] {database.backend} {scope}: {line} (ms)", file=sys.stderr)
        for plan in plans:
            print(plan, file=sys.stderr)
    finally:
        app.close()
    all_s, community_s = medians["all"] / 1000, medians["community"] / 1000
    print(
        f"[dashboard] {database.backend} all={all_s:.3f} s community={community_s:.3f} s "
        f"core={medians['core'] / 1000:.3f} s core community={medians['core_community'] / 1000:.3f} s "
        f"count(*)={medians['baseline']:.1f} ms",
        file=sys.stderr,
        flush=True,
    )
    return {
        "benchmark": "dashboard",
        "backend": database.backend,
        "residents": database.residents,
        "rounds": rounds,
        "statistics": len(ids),
        "core_statistics": len(core_ids),
        "plugins": sorted({app_statistic.split(".")[0] for app_statistic in ids if "." in app_statistic}),
        "community": community_name,
        "count_star_median_ms": medians["baseline"],
        "all_median_s": round(all_s, 3),
        "community_median_s": round(community_s, 3),
        "core_median_s": round(medians["core"] / 1000, 3),
        "core_community_median_s": round(medians["core_community"] / 1000, 3),
        "all_over_count_star": round(medians["all"] / medians["baseline"], 1),
        "community_over_count_star": round(medians["community"] / medians["baseline"], 1),
        "target_s": TARGET_S,
        "all_target_met": all_s <= TARGET_S,
        "community_target_met": community_s <= TARGET_S,
        "per_statistic_ms": solo,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_database_options(parser)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--explain", action="store_true", help="print the plans of the slow statistics to stderr")
    parser.add_argument("--slow-ms", type=float, default=100.0, help="what --explain calls slow")
    args = parser.parse_args()
    for database in databases(args):
        result = measure(database, args.rounds, explain_slow=args.explain, slow_ms=args.slow_ms)
        print(json.dumps(result, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
