"""The audit log (安全审计) as services use it: :func:`record` an event, list, verify and purge the log.

Every create, update and delete through :meth:`UnitOfWork.write` is recorded here with its before and
after values (sensitive values masked as people without ``pii.view`` see them, L2); so are logins,
operator and permission changes, imports, exports and views of unmasked personal data. Other services
(backup, restore, reset, report, receive) call :func:`record` once::

    from gridcore.services import audit

    audit.record(uow, "backup", object_key=str(path), detail={"tables": 12, "rows": 5300})

In a write unit the record is appended just before the commit, in the same transaction (fail-closed);
in a read unit it is written at once in a transaction of its own, and an error stops the operation.
The application has no path that changes or deletes a record; :func:`purge` removes only records
older than the retention, and never one younger than 180 days (L4; the database refuses it too).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
from sqlalchemy import delete, event, func, inspect, select

from gridcore.entities import EntityField, entity_fields
from gridcore.security import audit as audit_log
from gridcore.security.audit import AuditEntry, ChainCheck
from gridcore.security.groups import AUDIT_PURGE, AUDIT_VIEW
from gridcore.security.masking import mask_value, should_mask
from gridcore.security.models import AuditRecord
from gridcore.services.unit import UnitOfWork, operation

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from gridcore.app import GridApp

SUCCESS = "success"
FAILURE = "failure"
DENIED = "denied"
_BEFORE = "audit.before"


def record(
    uow: UnitOfWork,
    event_type: str,
    *,
    entity: str = "",
    object_key: str = "",
    result: str = SUCCESS,
    detail: Mapping[str, Any] | None = None,
) -> None:
    """Record one event of ``uow``'s actor (never put passwords or tokens in ``detail``)."""
    entry = AuditEntry(
        at=uow.app.clock(),
        actor=uow.actor.login,
        terminal=uow.terminal,
        event_type=event_type,
        entity=entity,
        object_key=object_key,
        result=result,
        detail=dict(detail or {}),
    )
    if uow.read_only:
        write_now(uow.app, [entry])
    else:
        uow.audit_entries.append(entry)


def write_now(app: GridApp, entries: Sequence[AuditEntry]) -> None:
    """Append ``entries`` in a write transaction of their own (committed when this returns)."""
    with app.db.session() as session:
        audit_log.append(session, entries)


def flush(uow: UnitOfWork) -> None:
    """Append the unit's pending records (and one for the sensitive values it showed unmasked)."""
    if uow.unmasked and not uow.is_system:
        shown = dict(sorted(uow.unmasked.items()))
        uow.unmasked.clear()
        record(uow, "pii.view", detail={"fields": shown})
    entries, uow.audit_entries = list(uow.audit_entries), []
    if entries:
        if uow.read_only:
            write_now(uow.app, entries)
        else:
            audit_log.append(uow.session, entries)


# --------------------------------------------------------------------------- changes of records


def track_changes(uow: UnitOfWork) -> None:
    """Remember the first old value of every changed field, even when a service flushes before writing."""
    event.listen(uow.session, "before_flush", functools.partial(_remember, uow))


def _remember(uow: UnitOfWork, session: Session, _context: Any, _instances: Any) -> None:
    remembered: dict[int, dict[str, Any]] = uow.cache.setdefault(_BEFORE, {})
    for obj in session.dirty:
        fields = entity_fields(type(obj))
        if not fields:
            continue
        state = inspect(obj)
        mine = remembered.setdefault(id(obj), {})
        for field in fields:
            history = state.attrs[field.name].history
            if history.deleted and field.name not in mine:
                mine[field.name] = history.deleted[0]


def values_before(uow: UnitOfWork, record: Any, action: str) -> dict[str, Any]:
    """The values of ``record`` before this write, by attribute name (all of them for a delete)."""
    fields = entity_fields(type(record))
    if action == "create" or not fields:
        return {}
    if action == "delete":
        return {field.name: getattr(record, field.name) for field in fields}
    remembered: dict[int, dict[str, Any]] = uow.cache.get(_BEFORE, {})
    before = dict(remembered.pop(id(record), {}))
    state = inspect(record)
    for field in fields:
        history = state.attrs[field.name].history
        if history.deleted and field.name not in before:
            before[field.name] = history.deleted[0]
    return before


def _shown(uow: UnitOfWork, field: EntityField, value: Any) -> Any:
    if value is None:
        return None
    if should_mask(field.info, uow.app.policy):
        return mask_value(field.info.mask, value, id_keep=uow.app.policy.id_mask_keep)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def record_change(uow: UnitOfWork, entity: str, action: str, target: Any, key: str, before: Mapping[str, Any]) -> None:
    """Record a create, update or delete with the changed fields' before and after values (by label)."""
    fields = entity_fields(type(target))
    old: dict[str, Any] = {}
    new: dict[str, Any] = {}
    for field in fields:
        if action == "create":
            value = getattr(target, field.name)
            if value not in (None, ""):
                new[field.label] = _shown(uow, field, value)
        elif action == "delete":
            value = before.get(field.name)
            if value not in (None, ""):
                old[field.label] = _shown(uow, field, value)
        elif field.name in before and before[field.name] != getattr(target, field.name):
            old[field.label] = _shown(uow, field, before[field.name])
            new[field.label] = _shown(uow, field, getattr(target, field.name))
    if not key:
        number = getattr(target, "id", None)
        key = f"#{number}" if number is not None else ""
    record_detail = {"before": old, "after": new}
    record(uow, f"record.{action}", entity=entity, object_key=key, detail=record_detail)


# --------------------------------------------------------------------------- reading the log


@attrs.frozen(kw_only=True)
class AuditFilter:
    """What ``audit list`` shows: a time range, an actor, event types (prefixes such as ``login``), an object."""

    since: dt.datetime | None = None
    until: dt.datetime | None = None
    actor: str | None = None
    event_type: str | None = None
    entity: str | None = None
    object_key: str | None = None
    result: str | None = None
    limit: int = 100


@attrs.frozen(kw_only=True)
class AuditLine:
    id: int
    at: str
    actor: str
    terminal: str
    event_type: str
    entity: str
    object_key: str
    result: str
    detail: Mapping[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


@operation(AUDIT_VIEW)
def list_records(uow: UnitOfWork, spec: AuditFilter) -> list[AuditLine]:
    """The newest records matching ``spec`` (at most ``spec.limit``), newest first."""
    query = select(AuditRecord)
    if spec.since is not None:
        query = query.where(AuditRecord.at >= spec.since)
    if spec.until is not None:
        query = query.where(AuditRecord.at < spec.until)
    if spec.actor:
        query = query.where(AuditRecord.actor == spec.actor)
    if spec.event_type:
        wanted = spec.event_type
        query = query.where((AuditRecord.event_type == wanted) | AuditRecord.event_type.startswith(f"{wanted}."))
    if spec.entity:
        query = query.where(AuditRecord.entity == spec.entity)
    if spec.object_key:
        query = query.where(AuditRecord.object_key == spec.object_key)
    if spec.result:
        query = query.where(AuditRecord.result == spec.result)
    query = query.order_by(AuditRecord.id.desc()).limit(max(spec.limit, 1))
    return [
        AuditLine(
            id=row.id,
            at=audit_log.utc_text(row.at),
            actor=row.actor,
            terminal=row.terminal,
            event_type=row.event_type,
            entity=row.entity,
            object_key=row.object_key,
            result=row.result,
            detail=json.loads(row.detail),
        )
        for row in uow.session.execute(query).scalars()
    ]


@operation(AUDIT_VIEW)
def verify(uow: UnitOfWork) -> ChainCheck:
    """Check the whole chain; the first broken record is named."""
    return audit_log.verify_chain(uow.session)


@operation(AUDIT_PURGE)
def purge(uow: UnitOfWork) -> int:
    """Delete records older than the retention (never younger than 180 days); the number deleted."""
    cutoff = uow.app.clock() - uow.app.policy.effective_audit_retention
    count = uow.session.execute(
        select(func.count()).select_from(AuditRecord).where(AuditRecord.at < cutoff)
    ).scalar_one()
    if count:
        uow.session.execute(delete(AuditRecord).where(AuditRecord.at < cutoff))
    record(uow, "audit.purge", detail={"deleted": count, "before": cutoff.isoformat()})
    return int(count)
