"""Functions run in child processes by concurrency and crash tests (importable by ``spawn``)."""

from __future__ import annotations

import time
from pathlib import Path
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


def import_then_hang(url: str, entity: str, path: str, compound: str | None, marker: str, after_rows: int) -> None:
    """Import a file; once ``after_rows`` rows are in (uncommitted), touch ``marker`` and wait to be killed."""
    from gridcore.app import GridApp
    from gridcore.edition import Edition
    from gridcore.services.imports import import_file
    from gridcore.services.unit import unit_of_work

    app = GridApp(Edition(enabled_plugins=("core",)), database_url=url)
    app.start()

    def progress(rows: int) -> None:
        if rows >= after_rows:
            Path(marker).write_text(str(rows), encoding="utf-8")
            time.sleep(120)

    with unit_of_work(app) as uow:
        import_file(uow, entity, path, compound=compound, progress=progress)
