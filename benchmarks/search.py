"""Contains-search (模糊查询) over the residents, as ratios to a plain ``LIKE '%kw%'`` scan in the same run.

For each keyword, alternately and ``--rounds`` times, on a warm cache:

- page: the first page of ``run_query(..., QuerySpec(contains=kw, limit=20))`` (the records only: the
  same conditions, order and limit as ``run_query``, timed without its count);
- count: the number of matches through the search index (``run_query``'s count query);
- baseline: ``SELECT count(*) FROM core_resident WHERE name LIKE '%kw%'`` over the searchable columns;
- run_query: the whole call (page and count) as a face sees it.

Targets (the issue): page median at most 50 ms; count at most one tenth of the baseline.
One JSON line per backend.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from typing import Any

from common import add_database_options, databases, median_ms, open_app, timed
from dataset import BenchDatabase
from sqlalchemy import func, or_, select, text

#: (what it stands for, keyword); chosen from the deterministic person pool of ``dataset.py``.
KEYWORDS: tuple[tuple[str, str], ...] = (
    ("common 3-char full name", "张诗怡"),
    ("2-char name", "张伟"),
    ("pinyin initials", "zs"),
    ("full pinyin", "zhangwei"),
    ("rare full name", "魏桂娟"),
    ("matches nothing", "龘龘龘"),
)
PAGE = 20
PAGE_TARGET_MS = 50.0
COUNT_TARGET_RATIO = 0.1


def _explain(session: Any, statement: Any) -> str:
    dialect = session.get_bind().dialect
    compiled = statement.compile(dialect=dialect, compile_kwargs={"literal_binds": True})
    prefix = "EXPLAIN QUERY PLAN " if dialect.name == "sqlite" else "EXPLAIN "
    rows = session.execute(text(prefix + str(compiled))).all()
    return "\n".join(" | ".join(str(v) for v in row) for row in rows)


def measure(database: BenchDatabase, rounds: int, *, explain: bool = False, analyze: bool = False) -> dict[str, object]:
    from gridcore.query import QuerySpec
    from gridcore.query.build import order_sql
    from gridcore.search.index import searchable_fields
    from gridcore.services.query import conditions, count_statement, keyword_rows, run_query
    from gridcore.services.unit import read_unit

    analyzed = analyze and database.backend == "sqlite"
    app = open_app(database)
    results: list[dict[str, object]] = []
    try:
        target = app.registry.entities["resident"]
        model: Any = target.model
        with read_unit(app) as uow:
            session = uow.session
            if analyzed:
                # planner statistics for this read transaction only: the read unit rolls them back
                session.execute(text("ANALYZE"))
            for meaning, keyword in KEYWORDS:
                spec = QuerySpec(contains=keyword, limit=PAGE)
                where = conditions(uow, target, spec)
                page_query = select(model).where(*where).order_by(*order_sql(target, spec.sort)).limit(PAGE)
                # run_query's count (without count_limit): the search rows alone when the keyword is the only condition
                count_query = count_statement(model, where, None, rows=keyword_rows(uow, target, spec, where))
                pattern = f"%{keyword}%"
                columns = [getattr(model, name) for name in searchable_fields(model)]
                baseline_query = select(func.count()).select_from(model).where(or_(*(c.like(pattern) for c in columns)))

                def page(query: Any = page_query) -> int:
                    session.expunge_all()
                    return len(list(session.execute(query).scalars()))

                def count(query: Any = count_query) -> int:
                    return int(session.execute(query).scalar_one())

                def whole(query_spec: Any = spec) -> int:
                    session.expunge_all()
                    return int(run_query(uow, "resident", query_spec).total)

                found, total, scanned = page(), count(), count(baseline_query)  # warm the cache
                samples: dict[str, list[float]] = {"page": [], "count": [], "baseline": [], "run_query": []}
                for _ in range(rounds):
                    samples["page"].append(timed(page)[0])
                    samples["count"].append(timed(count)[0])
                    samples["baseline"].append(timed(functools.partial(count, baseline_query))[0])
                    samples["run_query"].append(timed(whole)[0])
                medians = {name: median_ms(values) for name, values in samples.items()}
                ratio = round(medians["count"] / medians["baseline"], 3) if medians["baseline"] else None
                results.append(
                    {
                        "keyword": keyword,
                        "meaning": meaning,
                        "chars": len(keyword),
                        "matches": total,
                        "page_rows": found,
                        "like_name_matches": scanned,
                        "page_median_ms": medians["page"],
                        "count_median_ms": medians["count"],
                        "baseline_like_median_ms": medians["baseline"],
                        "run_query_median_ms": medians["run_query"],
                        "count_over_baseline": ratio,
                        "page_target_met": medians["page"] <= PAGE_TARGET_MS,
                        "count_target_met": ratio is not None and ratio <= COUNT_TARGET_RATIO,
                    }
                )
                print(
                    f"[search] {database.backend} {keyword!r:>12} matches={total:>6} page={medians['page']:8.1f} ms "
                    f"count={medians['count']:8.1f} ms baseline={medians['baseline']:8.1f} ms ratio={ratio} "
                    f"run_query={medians['run_query']:8.1f} ms",
                    file=sys.stderr,
                    flush=True,
                )
                if explain:
                    print(f"--- page plan {keyword!r}\n{_explain(session, page_query)}", file=sys.stderr)
                    print(f"--- count plan {keyword!r}\n{_explain(session, count_query)}", file=sys.stderr)
    finally:
        app.close()
    return {
        "benchmark": "search",
        "backend": database.backend,
        "residents": database.residents,
        "rounds": rounds,
        "sqlite_analyzed": analyzed,
        "targets": {"page_median_ms": PAGE_TARGET_MS, "count_over_baseline": COUNT_TARGET_RATIO},
        "all_targets_met": all(r["page_target_met"] and r["count_target_met"] for r in results),
        "keywords": results,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_database_options(parser)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--explain", action="store_true", help="print the query plans to stderr")
    parser.add_argument(
        "--sqlite-analyze",
        action="store_true",
        help="experiment: run ANALYZE first on SQLite (inside the read transaction, rolled back afterwards)",
    )
    args = parser.parse_args()
    for database in databases(args):
        result = measure(database, args.rounds, explain=args.explain, analyze=args.sqlite_analyze)
        print(json.dumps(result, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
