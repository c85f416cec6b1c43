"""Seeding: writing what plugins declare (dictionaries and the like) into a database, idempotently."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from gridcore.app import GridApp


def seed_all(app: GridApp, session: Session) -> list[str]:
    """Seed every kind of declared data; return one line per kind that added something."""
    lines: list[str] = []
    for seeder in SEEDERS:
        line = seeder(app, session)
        if line:
            lines.append(line)
    return lines


Seeder = Callable[["GridApp", "Session"], str | None]
SEEDERS: list[Seeder] = []
