"""The resident list over the benchmark database (1,000,000 residents): one page in under 300 ms.

Not part of the test suite. The database is the repository's benchmark database
(``benchmarks/dataset.py``: cached as ``benchmarks/out/bench-<N>.db`` on SQLite, schema ``bench_<N>``
on PostgreSQL, built when missing). The script logs in as the benchmark's administrator through the
real login page, then renders the resident list in-process (Flask's test client: the same code path as
waitress, without the network), ``--repeat`` times per case, cases alternating round by round:

- ``first``: the list as it opens (全部信息, page 1);
- ``page500``: page 500 (offset 24,950 at 50 rows a page);
- ``sorted``: sorted by 出生日期, descending;
- ``facet``: a facet click (性别=女);
- ``keyword``: a keyword (模糊查询 张伟);
- ``column``: a column's contains box (姓名 包含 张: a condition no index serves);
- ``facet_counts``: the facet panel the page loads after it (not a list page; reported for what it costs).

Each case has a baseline measured in the same round: a bare SQLAlchemy Core ``SELECT`` of the same page
of rows (same order, ``LIMIT``/``OFFSET`` and condition; the keyword's as ``name LIKE``; the facet
panel's as one ``GROUP BY`` of 性别), so the ratio says what the web and the kernel add to the rows
themselves. The SQL statements of one rendering are counted and the slowest is named.

    .venv/bin/python plugins/gridcore-web/benchmarks/list_million.py --residents 100000 --backend sqlite

Prints one JSON line (times in ms) on stdout; a readable table and the build log go to stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, select, text
from sqlalchemy.engine import Engine

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "benchmarks"))

import dataset  # noqa: E402  (the repository's benchmark database, not a package)

GOAL_MS = 300.0
PAGE = 500
SORT = "-birth_date"
FACET = ("性别", "女")
KEYWORD = "张伟"
COLUMN = ("name", "张")


class StatementLog:
    """Every SQL statement the engine runs while it is on: its text and its time."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.on = False
        self.statements: list[tuple[float, str]] = []
        self._started: list[float] = []
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)

    def _before(self, *_args: Any) -> None:
        if self.on:
            self._started.append(time.perf_counter())

    def _after(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if self.on and self._started:
            self.statements.append(((time.perf_counter() - self._started.pop()) * 1000, statement))

    @contextmanager
    def recording(self) -> Iterator[list[tuple[float, str]]]:
        self.statements = []
        self.on = True
        try:
            yield self.statements
        finally:
            self.on = False


def log_in(client: Any) -> str:
    """Log in as the benchmark's administrator; the CSRF token of the session."""
    page = client.get("/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token is not None
    answer = client.post(
        "/login", data={"login": "admin", "password": dataset.ADMIN_PASSWORD, "csrf_token": token.group(1)}
    )
    assert answer.status_code == 302, answer.text[:500]
    home = client.get("/info/about").text
    csrf = re.search(r'name="csrf-token" content="([^"]+)"', home)
    assert csrf is not None, "no CSRF token after the login (a forced password change?)"
    return csrf.group(1)


def web_cases(client: Any, csrf: str) -> dict[str, Callable[[], Any]]:
    def post(path: str, data: dict[str, str]) -> Callable[[], Any]:
        return lambda: client.post(path, data={"csrf_token": csrf, **data})

    label, value = FACET
    return {
        "first": lambda: client.get("/e/resident/"),
        "page500": post("/e/resident/", {"page_to": str(PAGE)}),
        "sorted": post("/e/resident/", {"sort_to": SORT}),
        "facet": post("/e/resident/", {"facet_to": f"{label}={value}"}),
        "keyword": post("/e/resident/", {"q": KEYWORD}),
        "column": post("/e/resident/", {f"col.{COLUMN[0]}": COLUMN[1]}),
        "facet_counts": post("/e/resident/facets", {}),
    }


def bare_cases(engine: Engine, page_size: int) -> dict[str, Callable[[], Any]]:
    """The same rows through a bare Core SELECT (the baseline), one fresh connection per call like a request."""
    from gridcore.domain.residents import Resident

    table: Any = Resident.__table__
    with engine.connect() as connection:
        female = connection.execute(
            text("SELECT code FROM core_dictionary_entry WHERE dictionary_id = 'sex' AND label = :label"),
            {"label": FACET[1]},
        ).scalar()
    order = (table.c.resident_no.asc(), table.c.id.asc())

    def run(query: Any, *, many: bool = True) -> Callable[[], Any]:
        def call() -> Any:
            with engine.connect() as connection:
                result = connection.execute(query)
                return result.all() if many else result.scalar()

        return call

    page = select(table).order_by(*order).limit(page_size)
    return {
        "first": run(page),
        "page500": run(page.offset((PAGE - 1) * page_size)),
        "sorted": run(select(table).order_by(table.c.birth_date.desc(), *order).limit(page_size)),
        "facet": run(select(table).where(table.c.sex == female).order_by(*order).limit(page_size)),
        "keyword": run(select(table).where(table.c.name.like(f"%{KEYWORD}%")).order_by(*order).limit(page_size)),
        "column": run(select(table).where(table.c[COLUMN[0]].like(f"%{COLUMN[1]}%")).order_by(*order).limit(page_size)),
        "facet_counts": run(select(table.c.sex, func.count()).group_by(table.c.sex)),
    }


def load_average() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return ""


def measure(backend: str, residents: int, repeat: int, count_limit: int | None) -> dict[str, Any]:
    from gridcore_web.factory import create_app

    from gridcore.app import GridApp
    from gridcore.edition import Edition

    bench = dataset.open_database(backend, residents)
    settings = {"web": {"count_limit": count_limit}} if count_limit is not None else {}
    app = GridApp(Edition(settings=settings), database_url=bench.url).start()
    try:
        web = create_app(app)
        client = web.test_client()
        csrf = log_in(client)
        page_size = max(int(app.setting("web", "page_size")), 1)
        pages = web_cases(client, csrf)
        bare = bare_cases(app.db.engine, page_size)
        log = StatementLog(app.db.engine)
        for call in pages.values():  # warm up: templates, caches, the first connection
            answer = call()
            assert answer.status_code == 200, answer.text[:500]
        web_ms: dict[str, list[float]] = {name: [] for name in pages}
        bare_ms: dict[str, list[float]] = {name: [] for name in pages}
        shown: dict[str, str] = {}
        statements: dict[str, dict[str, Any]] = {}
        load_before = load_average()
        for _round in range(repeat):
            for name, call in pages.items():
                with log.recording() as seen:
                    started = time.perf_counter()
                    answer = call()
                    web_ms[name].append((time.perf_counter() - started) * 1000)
                assert answer.status_code == 200, (name, answer.status_code, answer.text[:500])
                found = re.search(r'id="total">(\d+)<', answer.text)
                shown[name] = ("超过 " if "超过 <b" in answer.text else "") + (found.group(1) if found else "")
                slowest = max(seen, default=(0.0, ""))
                statements[name] = {
                    "count": len(seen),
                    "sql_ms": round(sum(ms for ms, _ in seen), 1),
                    "slowest_ms": round(slowest[0], 1),
                    "slowest": " ".join(slowest[1].split())[:160],
                }
                started = time.perf_counter()
                bare[name]()
                bare_ms[name].append((time.perf_counter() - started) * 1000)
        cases: dict[str, dict[str, Any]] = {}
        for name in pages:
            median, baseline = statistics.median(web_ms[name]), statistics.median(bare_ms[name])
            cases[name] = {
                "median_ms": round(median, 1),
                "worst_ms": round(max(web_ms[name]), 1),
                "bare_median_ms": round(baseline, 1),
                "ratio": round(median / baseline, 1) if baseline > 0 else None,
                "total_shown": shown[name],
                "statements": statements[name],
            }
        lists = [case for name, case in cases.items() if name != "facet_counts"]
        return {
            "backend": backend,
            "residents": bench.residents,
            "households": bench.households,
            "built_now": bench.built,
            "build_s": bench.build_seconds,
            "page_size": page_size,
            "count_limit": int(app.setting("web", "count_limit")),
            "repeat": repeat,
            "goal_ms": GOAL_MS,
            "list_pages_met": all(case["worst_ms"] < GOAL_MS for case in lists),
            "load_before": load_before,
            "load_after": load_average(),
            "cases": cases,
        }
    finally:
        app.close()


def report(result: dict[str, Any]) -> None:
    out = sys.stderr
    print(
        f"{result['backend']}, {result['residents']:,} residents, count_limit {result['count_limit']}, "
        f"{result['repeat']} rounds, "
        f"load {result['load_before']} -> {result['load_after']}",
        file=out,
    )
    print(
        f"{'case':13} {'median':>8} {'worst':>8} {'bare':>7} {'ratio':>6} {'total':>12} {'sql':>4}  slowest statement",
        file=out,
    )
    for name, case in result["cases"].items():
        sql = case["statements"]
        print(
            f"{name:13} {case['median_ms']:8.1f} {case['worst_ms']:8.1f} {case['bare_median_ms']:7.1f} "
            f"{case['ratio'] or 0:6.1f} {case['total_shown']:>12} {sql['count']:4}  "
            f"{sql['slowest_ms']:.1f} ms {sql['slowest'][:80]}",
            file=out,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=dataset.DEFAULT_RESIDENTS)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="sqlite")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--count-limit", type=int, default=None, help="[settings.web] count_limit for this run (0: exact counts)"
    )
    args = parser.parse_args()
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    results = []
    for backend in backends:
        result = measure(backend, args.residents, args.repeat, args.count_limit)
        report(result)
        results.append(result)
    print(json.dumps({"benchmark": "web_list_million", "runs": results}, ensure_ascii=False))


if __name__ == "__main__":
    main()
