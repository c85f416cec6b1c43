"""Helpers shared by the security tests."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from gridcore.security.models import AuditRecord
from gridcore.testing import in_unit

#: Where the frozen clock starts: now (the database's own triggers use the real time), to the second.
START = dt.datetime.now(dt.UTC).replace(microsecond=0)


def audit_rows(app, event_type: str | None = None) -> list[AuditRecord]:
    """The audit records (of one event type), oldest first."""

    def read(uow):
        query = select(AuditRecord).order_by(AuditRecord.id)
        if event_type is not None:
            query = query.where(AuditRecord.event_type == event_type)
        return list(uow.session.execute(query).scalars())

    rows, _ = in_unit(app, read)
    return rows
