"""Seeding: writing what plugins declare (dictionaries, the default permission groups) into a database,
idempotently."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gridcore.services.dictionaries import seed_dictionaries

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from gridcore.app import GridApp


def seed_all(app: GridApp, session: Session) -> list[str]:
    """Seed every kind of declared data; return one line per kind that added something."""
    from gridcore.services.operators import seed_groups

    lines = [seed_dictionaries(app, session), seed_groups(app, session)]
    return [line for line in lines if line]
