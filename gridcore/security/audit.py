"""The audit log's storage: append-only rows chained by SHA-256, and the check of the chain (L3).

Each row stores ``hash = SHA-256(prev_hash ‖ canonical_row)``, where the canonical row is the JSON
array of its fields (the time in UTC with an explicit offset). Changing, removing or reordering any
row breaks the chain at that row, and :func:`verify_chain` names it. Appends are serialised: SQLite's
write transaction holds the database lock, and on PostgreSQL a transaction-level advisory lock is
taken before the chain's head is read.

Nothing here knows a unit of work; :mod:`gridcore.services.audit` is what services call.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs
from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from gridcore.security.masking import mask_id_number
from gridcore.security.models import AuditRecord

GENESIS = "0" * 64
#: The key of the PostgreSQL advisory lock that serialises appends to the chain.
ADVISORY_LOCK = 0x6772_6964  # "grid"
#: An 18-digit (or 15-digit) ID number anywhere in a text: masked before it is stored (L2).
ID_PATTERN = re.compile(r"(?<![0-9])(\d{17}[\dXx]|\d{15})(?![0-9Xx])")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
LIMITS = {"actor": 30, "terminal": 100, "event_type": 40, "entity": 40, "object_key": 100, "result": 20}


def scrub(value: str) -> str:
    """``value`` with any ID number masked and control characters escaped (L2, L5)."""
    masked = ID_PATTERN.sub(lambda m: mask_id_number(m.group(1)), value)
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}", masked)


def scrub_detail(value: Any) -> Any:
    """The detail with every text scrubbed, dates as ISO text, and other values as JSON allows."""
    if isinstance(value, Mapping):
        return {str(k): scrub_detail(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [scrub_detail(v) for v in value]
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return ID_PATTERN.sub(lambda m: mask_id_number(m.group(1)), str(value))


def utc_text(moment: dt.datetime) -> str:
    """A stored time as canonical text: UTC, microseconds, explicit ``+00:00`` (naive means UTC)."""
    aware = moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)
    return aware.isoformat(timespec="microseconds")


@attrs.frozen(kw_only=True)
class AuditEntry:
    """One event to append: who, from where, what, on which object, with what result and details."""

    at: dt.datetime
    actor: str
    terminal: str
    event_type: str
    entity: str = ""
    object_key: str = ""
    result: str = "success"
    detail: Mapping[str, Any] = attrs.field(factory=dict)

    def row(self) -> dict[str, Any]:
        """The column values, clipped to their widths and scrubbed; ``detail`` as canonical JSON."""
        at = self.at.replace(tzinfo=dt.UTC) if self.at.tzinfo is None else self.at.astimezone(dt.UTC)
        values: dict[str, Any] = {
            "at": at,
            "actor": self.actor,
            "terminal": self.terminal,
            "event_type": self.event_type,
            "entity": self.entity,
            "object_key": self.object_key,
            "result": self.result,
        }
        for key, limit in LIMITS.items():
            values[key] = scrub(str(values[key]))[:limit]
        values["detail"] = json.dumps(
            scrub_detail(self.detail), ensure_ascii=False, sort_keys=True, separators=(",", ":")
        )
        return values


def canonical(row: Mapping[str, Any]) -> str:
    """The canonical text of a row (without id and hashes), exactly as hashed."""
    return json.dumps(
        [
            utc_text(row["at"]),
            row["actor"],
            row["terminal"],
            row["event_type"],
            row["entity"],
            row["object_key"],
            row["result"],
            row["detail"],
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def chain_hash(prev_hash: str, row: Mapping[str, Any]) -> str:
    return hashlib.sha256((prev_hash + canonical(row)).encode("utf-8")).hexdigest()


def _lock_chain(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK})


def head(session: Session) -> str:
    """The hash of the last row (the genesis value on an empty log)."""
    last = session.execute(select(AuditRecord.hash).order_by(AuditRecord.id.desc()).limit(1)).scalar()
    return last or GENESIS


def append(session: Session, entries: Iterable[AuditEntry]) -> int:
    """Append ``entries`` to the chain inside the session's transaction; the number appended."""
    rows = [entry.row() for entry in entries]
    if not rows:
        return 0
    _lock_chain(session)
    prev = head(session)
    for row in rows:
        row["prev_hash"] = prev
        row["hash"] = prev = chain_hash(prev, row)
    session.execute(insert(AuditRecord), rows)
    return len(rows)


@attrs.frozen(kw_only=True)
class ChainCheck:
    """The result of :func:`verify_chain`: rows checked, and the first broken one (``None`` when intact)."""

    checked: int
    broken_id: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_id is None


def _rows(session: Session, batch: int = 1000) -> Iterator[AuditRecord]:
    last = 0
    while True:
        chunk = list(
            session.execute(select(AuditRecord).where(AuditRecord.id > last).order_by(AuditRecord.id).limit(batch))
            .scalars()
            .all()
        )
        if not chunk:
            return
        yield from chunk
        last = chunk[-1].id


def verify_chain(session: Session) -> ChainCheck:
    """Walk the log in order; the first row whose link or hash does not match is named.

    The first remaining row anchors the chain (rows older than the retention may have been purged).
    """
    checked = 0
    prev: str | None = None
    for record in _rows(session):
        row = {column: getattr(record, column) for column in ("at", *LIMITS, "detail")}
        if prev is not None and record.prev_hash != prev:
            return ChainCheck(
                checked=checked,
                broken_id=record.id,
                reason="上一条记录的散列不符 (a record before it was removed or changed)",
            )
        if chain_hash(record.prev_hash, row) != record.hash:
            return ChainCheck(
                checked=checked, broken_id=record.id, reason="记录内容与散列不符 (the record was changed)"
            )
        prev = record.hash
        checked += 1
    return ChainCheck(checked=checked)
