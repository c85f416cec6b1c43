"""Times read back from the database: SQLite returns naive values (stored in UTC), PostgreSQL aware ones."""

from __future__ import annotations

import datetime as dt


def aware(moment: dt.datetime) -> dt.datetime:
    """``moment`` as an aware UTC time (a naive value is taken to be UTC, as gridcore stores it)."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)
