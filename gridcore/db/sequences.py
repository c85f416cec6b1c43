"""The sequence service: record numbers (户籍编号, 常住编号, 场所编号 ...) that are never handed out twice.

Each named sequence is one row; ``allocate`` increments it with a single upsert statement inside the
caller's transaction. On PostgreSQL the row lock serialises concurrent writers; on SQLite the write
transaction does. A number is consumed only when the transaction commits, and a sequence only moves
forward, so a committed number is never reused.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, String, select, text
from sqlalchemy.orm import Mapped, Session, mapped_column

from gridcore.db.metadata import Base

_UPSERT = {
    "sqlite": (
        "INSERT INTO core_sequence (name, value) VALUES (:name, :first) "
        "ON CONFLICT (name) DO UPDATE SET value = max(core_sequence.value + :count, :floor) "
        "RETURNING value"
    ),
    "postgresql": (
        "INSERT INTO core_sequence (name, value) VALUES (:name, :first) "
        "ON CONFLICT (name) DO UPDATE SET value = greatest(core_sequence.value + :count, :floor) "
        "RETURNING value"
    ),
}


class SequenceRow(Base):
    """One named counter; ``value`` is the last number handed out."""

    __tablename__ = "core_sequence"

    name: Mapped[str] = mapped_column(String(120), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, nullable=False)


class SequenceService:
    """Allocates increasing numbers from named sequences, safely under concurrent writers."""

    def allocate(self, session: Session, name: str, *, count: int = 1, floor: int = 0) -> int:
        """Reserve ``count`` numbers and return the last of them (the first is ``last - count + 1``).

        ``floor`` lets a caller say that numbers up to ``floor`` are taken already (records that came
        in by import or data exchange): the sequence then jumps past them instead of colliding.
        """
        if count < 1:
            raise ValueError("count must be at least 1")
        statement = _UPSERT[session.get_bind().dialect.name]
        first = max(count, floor + count)
        value = session.execute(
            text(statement), {"name": name, "first": first, "count": count, "floor": floor + count}
        ).scalar_one()
        return int(value)

    def peek(self, session: Session, name: str) -> int:
        """The last number handed out (0 for a sequence never used)."""
        value = session.execute(select(SequenceRow.value).where(SequenceRow.name == name)).scalar()
        return int(value or 0)
