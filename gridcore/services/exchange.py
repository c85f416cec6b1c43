"""数据上报 and 数据接收 (R-Q09, R-Q10; security.md E1-E4; domain.md §2.6 G and §7.5).

A report is a signed package of a region's subtree: its regions (with the ancestors of its root, so
the receiver can place them), and every record of every entity divided by region. A superior unit
receives it only when the sender's key is trusted; it merges by natural key in one transaction, adds
what is absent, never overwrites, reports conflicts, and keeps a ledger so that the same package
received twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import attrs
from sqlalchemy import func, select

from gridcore.contributions import Entity
from gridcore.domain.regions import Region
from gridcore.entities import INFO_KEY, FieldInfo
from gridcore.errors import GridcoreError, PermissionDeniedError
from gridcore.packages.codec import PackageError, TableCodec
from gridcore.packages.database import code_heads, present_tables, schema_mismatch
from gridcore.packages.keys import UnitKey
from gridcore.packages.merge import Conflict, Merger
from gridcore.packages.models import LedgerEntry
from gridcore.packages.pack import write_report
from gridcore.packages.reader import OpenedPackage, open_package
from gridcore.packages.restore import Stage, _no_stage
from gridcore.security.groups import PII_VIEW
from gridcore.security.masking import mask_value, should_mask
from gridcore.services import audit, keys, scope
from gridcore.services.backups import PackageSummary, record_failure, summary, writing
from gridcore.services.query import subtree_ids
from gridcore.services.regions import get as get_region
from gridcore.services.unit import UnitOfWork, operation, read_unit

SEQUENCE = "exchange:report"


@attrs.frozen(kw_only=True)
class ReportOutcome:
    package: PackageSummary
    sequence: int
    region: str | None
    receiver: str | None


def _report_scope(uow: UnitOfWork, region: str | None) -> tuple[set[int] | None, str | None]:
    """The region ids a report covers (``None``: everything) and the code of its root."""
    allowed = scope.region_ids(uow)
    if region is not None:
        ids = subtree_ids(uow, region)
        if allowed is not None and not ids <= allowed:
            raise PermissionDeniedError(f"辖区 {region} 超出操作员 {uow.actor.login} 的范围")
        return ids, get_region(uow, region).code
    if allowed is None or uow.scope is None:
        return None, None
    root = uow.session.get(Region, uow.scope)
    return set(allowed), root.code if root is not None else None


@operation("exchange.report")
def report(
    uow: UnitOfWork, out: Path, *, key: UnitKey, region: str | None = None, to: str | None = None
) -> ReportOutcome:
    """数据上报: the subtree of ``region`` (the operator's scope, or everything) into a signed package."""
    app = uow.app
    with read_unit(app, uow.actor) as lookup:  # the package is read in a snapshot of its own
        ids, code = _report_scope(lookup, region)
        receiver = keys.trusted_unit(lookup.session, to) if to else None
    with app.db.session() as session:
        sequence = app.sequences.allocate(session, SEQUENCE)
    try:
        with writing(out):
            document = write_report(
                app,
                out,
                key=key,
                sequence=sequence,
                region_ids=ids,
                scope=code,
                recipient=receiver[0] if receiver else None,
            )
    except GridcoreError as error:
        record_failure(uow, "exchange.report", str(out), error)
        raise
    result = summary(out, document, encrypted=receiver is not None)
    if receiver is None:
        uow.warn("数据包未加密: 经 U 盘或邮件传递时, 请用 --to 加密给接收单位 (E3)")
    try:
        audit.record(
            uow,
            "exchange.report",
            object_key=str(out)[:100],
            detail={"package_id": result.package_id, "sequence": sequence, "region": code, "rows": result.rows},
        )
    except BaseException:
        out.unlink(missing_ok=True)
        raise
    return ReportOutcome(package=result, sequence=sequence, region=code, receiver=to)


@attrs.frozen(kw_only=True)
class ReceiveOutcome:
    package_id: str
    sender: str
    sequence: int
    already_received: bool
    added: dict[str, int] = attrs.field(factory=dict)
    unchanged: dict[str, int] = attrs.field(factory=dict)
    conflicts: list[Conflict] = attrs.field(factory=list)

    @property
    def total_added(self) -> int:
        return sum(self.added.values())


def _masker(uow: UnitOfWork) -> Any:
    """Sensitive values in the conflict report are masked as for people without ``pii.view``."""
    if uow.actor.can(PII_VIEW) and not uow.is_system:
        return None
    policy = uow.app.policy

    def mask(entity: Entity, column: str, value: Any) -> Any:
        info = entity.model.__table__.c[column].info.get(INFO_KEY)  # type: ignore[attr-defined]
        if value is None or not isinstance(info, FieldInfo) or not should_mask(info, policy):
            return value
        return mask_value(info.mask, value, id_keep=policy.id_mask_keep)

    return mask


def _check_sequence(uow: UnitOfWork, code: str, sequence: int) -> None:
    last = uow.session.execute(select(func.max(LedgerEntry.sequence)).where(LedgerEntry.sender_code == code)).scalar()
    if last is None:
        return
    if sequence > last + 1:
        missing = f"{last + 1}" if sequence == last + 2 else f"{last + 1}-{sequence - 1}"
        uow.warn(f"单位 {code} 的数据包序号不连续: 缺少第 {missing} 号 (sequence gap; ask the sender for it)")
    elif sequence <= last:
        uow.warn(f"单位 {code} 的数据包序号 {sequence} 不大于已接收的 {last}: 可能是旧数据包或对方恢复过备份")


def _entities_in_order(uow: UnitOfWork, package: OpenedPackage) -> list[tuple[dict[str, Any], Entity]]:
    by_table = {
        entity.model.__table__.name: entity  # type: ignore[attr-defined]
        for entity in uow.app.registry.entities.values()
        if entity.key
    }
    entries = {entry["name"]: entry for entry in package.tables}
    for name in sorted(set(entries) - set(by_table)):
        uow.warn(f"数据包中的表 {name} 在本系统没有对应的实体 (插件未启用?): 未接收")
    with uow.app.db.engine.connect() as connection:
        order = [table.name for table in present_tables(uow.app, connection)]
    chosen = []
    for name in order:
        if name in entries and name in by_table:
            entity = by_table[name]
            if entries[name]["fields"] != TableCodec(entity.model.__table__).fields:  # type: ignore[attr-defined]
                raise PackageError(f"数据包中表 {name} 的字段与本系统不一致 (different schema version): 已拒绝")
            chosen.append((entries[name], entity))
    return chosen


@operation("exchange.receive")
def receive(uow: UnitOfWork, path: Path, *, key: UnitKey | None = None, on_stage: Stage = _no_stage) -> ReceiveOutcome:
    """数据接收: merge a trusted unit's report into this database, in ``uow``'s one transaction."""
    if uow.scope is not None:
        raise PermissionDeniedError("数据接收需要不限辖区的操作员 (an operator bound to a region cannot receive)")
    app = uow.app
    with app.db.read_session() as session:
        trusted = keys.trusted_keys(session)
    try:
        with open_package(path, accepted=trusted, own_key=key, kind="report") as package:
            return _merge(uow, package, on_stage)
    except GridcoreError as error:
        uow.session.rollback()  # nothing of the package stays; the refusal itself is audited
        record_failure(uow, "exchange.receive", str(path), error)
        raise


def _merge(uow: UnitOfWork, package: OpenedPackage, on_stage: Stage) -> ReceiveOutcome:
    manifest = package.manifest
    sender = manifest["sender"]
    code, package_id, sequence = str(sender["code"]), str(manifest["package_id"]), int(manifest["sequence"])
    who = f"{code} {sender['name']}"
    seen = uow.session.execute(select(LedgerEntry).where(LedgerEntry.package_id == package_id)).scalar_one_or_none()
    if seen is not None:
        uow.warn(f"数据包 {package_id} 已于 {seen.received_at:%Y-%m-%d %H:%M} 接收过: 本次未做任何改动")
        audit.record(uow, "exchange.receive", object_key=package_id, detail={"sender": code, "already": True})
        return ReceiveOutcome(package_id=package_id, sender=who, sequence=sequence, already_received=True)
    _check_sequence(uow, code, sequence)
    mismatch = schema_mismatch(manifest["schema"]["heads"], code_heads(uow.app))
    if mismatch:
        uow.warn(f"发送单位的数据库版本与本系统不同 ({mismatch}): 按字段逐表核对后接收")
    merger = Merger(uow.session, mask=_masker(uow))
    for entry, entity in _entities_in_order(uow, package):
        merger.merge_table(package, entry, entity)
    result = merger.result()
    for warning in result.warnings:
        uow.warn(warning)
    on_stage("merged")
    uow.session.add(
        LedgerEntry(
            package_id=package_id,
            sender_code=code,
            sender_name=str(sender["name"])[:100],
            sequence=sequence,
            fingerprint=str(sender["fingerprint"]),
            created_at=dt.datetime.fromisoformat(str(manifest["created_at"])),
            received_at=uow.app.clock(),
            added=result.total_added,
            unchanged=result.total_unchanged,
            conflicts=len(result.conflicts),
        )
    )
    audit.record(
        uow,
        "exchange.receive",
        object_key=package_id,
        detail={
            "sender": code,
            "sequence": sequence,
            "added": result.added,
            "unchanged": result.total_unchanged,
            "conflicts": len(result.conflicts),
        },
    )
    return ReceiveOutcome(
        package_id=package_id,
        sender=who,
        sequence=sequence,
        already_received=False,
        added=result.added,
        unchanged=result.unchanged,
        conflicts=result.conflicts,
    )
