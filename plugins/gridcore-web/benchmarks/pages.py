"""Render time of the main pages on a demo database (not part of the test suite).

Usage (after ``make demo`` or ``python -m gridcore.demo --dir demo``)::

    .venv/bin/python plugins/gridcore-web/benchmarks/pages.py --dir demo [--repeat 5]

It logs in as the demo administrator through the real login page, then requests each page ``repeat``
times in-process (Flask's test client: no network, the same code path as waitress) and prints the
median and the worst time per page. The target is under 200 ms per page on the demo district on SQLite.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from pathlib import Path

from gridcore_web.factory import create_app

from gridcore.app import GridApp

GET_PAGES = (
    "/",
    "/e/resident/",
    "/e/household/",
    "/e/region/",
    "/collect/households/",
    "/collect/households/?compound={compound}",
    "/collect/households/?compound={compound}&household={household}",
    "/collect/regions/",
    "/e/resident/r/{resident}",
    "/e/resident/r/{resident}/edit",
    "/collect/residents/{resident}/edit",
    "/import/",
    "/stats/",
    "/dict/",
    "/system/operators",
    "/system/groups",
    "/info/about",
    "/stats/chart/population_by_sex/pie.png",
)
POST_PAGES = (
    ("/e/resident/", {"q": "王"}),
    ("/e/resident/", {"facet_to": "性别=女"}),
    ("/e/resident/", {"col.name": "张", "sort_to": "-birth_date"}),
    ("/e/resident/", {"page_to": "50"}),
    ("/e/resident/facets", {}),
    ("/e/household/facets", {}),
    ("/stats/", {}),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", default="demo", help="the demo folder (gridcore.db, admin-password.txt)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    folder = Path(args.dir)
    app = GridApp.from_environment(database_url=f"sqlite:///{folder / 'gridcore.db'}").start()
    web = create_app(app)
    client = web.test_client()
    page = client.get("/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token is not None
    password = (folder / "admin-password.txt").read_text(encoding="utf-8").strip()
    answer = client.post("/login", data={"login": "admin", "password": password, "csrf_token": token.group(1)})
    assert answer.status_code == 302, answer.text
    home = client.get("/e/resident/").text
    csrf = re.search(r'name="csrf-token" content="([^"]+)"', home)
    assert csrf is not None
    first = re.search(r'/e/resident/r/([A-Z0-9]+)"', home)
    assert first is not None
    resident = first.group(1)
    names = {"compound": resident[:-5], "household": resident[:-2], "resident": resident}
    rows = []
    for path in GET_PAGES:
        url = path.format(**names)
        rows.append((f"GET  {url}", _time(lambda url=url: client.get(url), args.repeat)))
    for path, data in POST_PAGES:
        body = {"csrf_token": csrf.group(1), **data}
        rows.append(
            (f"POST {path} {data}", _time(lambda path=path, body=body: client.post(path, data=body), args.repeat))
        )
    width = max(len(name) for name, _ in rows)
    print(f"{'page'.ljust(width)}  median ms  worst ms")
    for name, times in rows:
        print(f"{name.ljust(width)}  {statistics.median(times):9.1f}  {max(times):8.1f}")
    app.close()


def _time(call: object, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = call()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (response.status_code, response.text[:300])
    return times


if __name__ == "__main__":
    main()
