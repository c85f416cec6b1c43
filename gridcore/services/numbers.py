"""Record numbers (户籍编号, 常住编号, and plugins' 场所编号): allocated from the sequence service.

A number is the prefix (a compound code, or a household number) plus an increasing suffix. The
sequence jumps past numbers already taken under the prefix (imported or received records), checks
each candidate against the table (a code may be a prefix of another code, §2.6 D), and never hands
out a number twice.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select

from gridcore.domain.coding import numeric_suffix, record_number
from gridcore.services.unit import UnitOfWork

log = logging.getLogger("gridcore.numbers")


def allocate_number(uow: UnitOfWork, *, kind: str, prefix: str, column: Any, width: int) -> str:
    """The next free number ``prefix + suffix`` for ``column`` (a mapped attribute), from sequence ``kind:prefix``."""
    # a range over the unique index (LIKE 'prefix%' would scan the table on SQLite and PostgreSQL)
    existing = uow.session.execute(select(column).where(column >= prefix, column < prefix + "\uffff")).scalars()
    floor = max((n for n in (numeric_suffix(v, prefix) for v in existing if v) if n is not None), default=0)
    while True:
        seq = uow.app.sequences.allocate(uow.session, f"{kind}:{prefix}", floor=floor)
        candidate = record_number(prefix, seq, width=width)
        if seq == 10**width:
            log.warning("%s numbers under %s passed %d digits: %s", kind, prefix, width, candidate)
        taken = uow.session.execute(select(column).where(column == candidate)).first()
        if taken is None:
            return candidate
        floor = seq
