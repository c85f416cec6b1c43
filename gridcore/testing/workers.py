"""Functions run in child processes by concurrency tests (importable by ``spawn``)."""

from __future__ import annotations

from typing import Any


def allocate_numbers(url: str, sequence: str, count: int, queue: Any) -> None:
    """Allocate ``count`` numbers, one transaction each, and put the list on ``queue``."""
    from gridcore.app import GridApp
    from gridcore.edition import Edition

    app = GridApp(Edition(enabled_plugins=("core",)), database_url=url)
    got = []
    try:
        for _ in range(count):
            with app.db.session() as session:
                got.append(app.sequences.allocate(session, sequence))
    finally:
        app.close()
        queue.put(got)
