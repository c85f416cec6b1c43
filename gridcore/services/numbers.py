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


def allocate_numbers(uow: UnitOfWork, *, kind: str, prefix: str, column: Any, count: int, width: int) -> list[str]:
    """``count`` fresh numbers ``prefix + suffix`` for ``column`` (a mapped attribute), from sequence ``kind:prefix``.

    One sequence allocation for the block, then one check of the candidates against the table; numbers
    found taken (a code that is a prefix of another, §2.6 D) are skipped and replaced.
    """
    # a range over the unique index (LIKE 'prefix%' would scan the table on SQLite and PostgreSQL)
    existing = uow.session.execute(select(column).where(column >= prefix, column < prefix + "\uffff")).scalars()
    floor = max((n for n in (numeric_suffix(v, prefix) for v in existing if v) if n is not None), default=0)
    numbers: list[str] = []
    while len(numbers) < count:
        need = count - len(numbers)
        last = uow.app.sequences.allocate(uow.session, f"{kind}:{prefix}", count=need, floor=floor)
        if last - need < 10**width <= last:
            log.warning("%s numbers under %s passed %d digits", kind, prefix, width)
        candidates = [record_number(prefix, n, width=width) for n in range(last - need + 1, last + 1)]
        taken = set(uow.session.execute(select(column).where(column.in_(candidates))).scalars())
        numbers.extend(c for c in candidates if c not in taken)
        floor = last
    return numbers


def allocate_number(uow: UnitOfWork, *, kind: str, prefix: str, column: Any, width: int) -> str:
    """The next free number under ``prefix`` (see :func:`allocate_numbers`)."""
    return allocate_numbers(uow, kind=kind, prefix=prefix, column=column, count=1, width=width)[0]
