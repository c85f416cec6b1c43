"""数据备份、数据恢复、备份演练、数据初始 (R-Q06, R-Q07, R-Q08; security.md B1-B5, C8).

Every operation declares its permission and writes one audit record (its failure too). A backup is a
signed package of every table read in one snapshot (:mod:`gridcore.packages`); a restore verifies the
package completely before anything is touched, builds a fresh copy and swaps it in; a reset asks for
the operator's password again, takes a verified safety backup, and then clears the business records.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs
from sqlalchemy import select
from sqlalchemy.orm import Session

from gridcore.errors import AuthenticationError, ConfigError, GridcoreError
from gridcore.packages.codec import PackageError
from gridcore.packages.database import code_heads, schema_mismatch
from gridcore.packages.keys import PublicUnitKey, UnitKey
from gridcore.packages.pack import write_backup
from gridcore.packages.reader import open_package
from gridcore.packages.restore import DrillOutcome, RestoreOutcome, Stage, _no_stage, drill_package, restore_package
from gridcore.packages.wipe import clear_business, scrub_sqlite
from gridcore.security.models import Operator
from gridcore.security.names import login_key
from gridcore.security.passwords import verify_password
from gridcore.services import audit
from gridcore.services.unit import UnitOfWork, operation, read_unit, unit_of_work

SUFFIX = ".gcpkg"


@attrs.frozen(kw_only=True)
class PackageSummary:
    """What a package holds, from its (verified) manifest."""

    path: Path
    kind: str
    package_id: str
    created_at: str
    sender: str
    tables: int
    rows: int
    encrypted: bool = False
    schema_note: str = ""

    def as_dict(self) -> dict[str, Any]:
        data = attrs.asdict(self)
        data["path"] = str(self.path)
        return data


def summary(path: Path, document: Mapping[str, Any], *, encrypted: bool = False, note: str = "") -> PackageSummary:
    sender = document["sender"]
    return PackageSummary(
        path=path,
        kind=str(document["kind"]),
        package_id=str(document["package_id"]),
        created_at=str(document["created_at"]),
        sender=f"{sender['code']} {sender['name']}",
        tables=len(document["tables"]),
        rows=sum(int(table["rows"]) for table in document["tables"]),
        encrypted=encrypted,
        schema_note=note,
    )


@contextlib.contextmanager
def writing(out: Path) -> Iterator[None]:
    """A file that cannot be written is one line naming it and the reason (备份失败: ...)."""
    try:
        yield
    except OSError as error:
        raise ConfigError(f"无法写入 {out}: {error.strerror or error}") from None


def record_failure(uow: UnitOfWork, event_type: str, object_key: str, error: BaseException) -> None:
    """Audit a refused or failed operation at once, in a transaction of its own (it survives the rollback)."""
    with read_unit(uow.app, uow.actor) as own:
        audit.record(own, event_type, object_key=object_key[:100], result=audit.FAILURE, detail={"reason": str(error)})


def accepted_keys(key: UnitKey | None, signer: PublicUnitKey | None) -> list[PublicUnitKey]:
    keys = [item for item in (key.public if key is not None else None, signer) if item is not None]
    if not keys:
        raise PackageError("需要本单位的密钥文件 (--key-file) 或 --signer 公钥才能核验备份的签名")
    return keys


@operation("system.backup")
def backup(uow: UnitOfWork, out: Path, *, key: UnitKey, encrypt: bool = False) -> PackageSummary:
    """数据备份: every table, in one consistent snapshot, signed (and encrypted for the unit itself)."""
    try:
        with writing(out):
            document = write_backup(uow.app, out, key=key, recipient=key.public if encrypt else None)
    except GridcoreError as error:
        record_failure(uow, "backup", str(out), error)
        raise
    result = summary(out, document, encrypted=encrypt)
    try:
        audit.record(
            uow,
            "backup",
            object_key=str(out)[:100],
            detail={"package_id": result.package_id, "tables": result.tables, "rows": result.rows},
        )
    except BaseException:
        out.unlink(missing_ok=True)  # fail-closed: no unaudited backup is left behind
        raise
    return result


def _schema_error(document: Mapping[str, Any], ours: Mapping[str, str]) -> str | None:
    mismatch = schema_mismatch(document["schema"]["heads"], ours)
    if mismatch is None:
        return None
    return f"备份的数据库版本与本软件不同 ({mismatch}): 请用相同版本的 gridcore 恢复 (schema version differs)"


@operation("system.backup")
def verify_backup(
    uow: UnitOfWork, path: Path, *, key: UnitKey | None, signer: PublicUnitKey | None = None
) -> PackageSummary:
    """Check a backup without restoring it: members, signature, manifest, every hash, schema version."""
    with open_package(path, accepted=accepted_keys(key, signer), own_key=key, kind="backup") as package:
        note = _schema_error(package.manifest, code_heads(uow.app)) or ""
        result = summary(path, package.manifest, note=note)
    audit.record(uow, "backup.verify", object_key=str(path)[:100], detail={"package_id": result.package_id})
    return result


@operation("system.backup")
def drill(uow: UnitOfWork, *, key: UnitKey, package: Path | None = None) -> DrillOutcome:
    """备份演练: back up now (or take ``package``), restore into a scratch database, compare every table."""
    with tempfile.TemporaryDirectory(prefix="gridcore-drill-") as folder:
        path = package or Path(folder) / f"drill{SUFFIX}"
        if package is None:
            write_backup(uow.app, path, key=key)
        with open_package(path, accepted=[key.public], own_key=key, kind="backup") as opened:
            problem = _schema_error(opened.manifest, code_heads(uow.app))
            if problem:
                raise PackageError(problem)
            outcome = drill_package(uow.app, opened)
    audit.record(
        uow,
        "backup.drill",
        object_key=str(path)[:100],
        result=audit.SUCCESS if outcome.ok else audit.FAILURE,
        detail={"tables": len(outcome.rows), "differing": [row.table for row in outcome.rows if not row.ok]},
    )
    return outcome


@operation("system.restore")
def restore(
    uow: UnitOfWork,
    path: Path,
    *,
    key: UnitKey | None,
    signer: PublicUnitKey | None = None,
    keep_original: bool = True,
    on_stage: Stage = _no_stage,
) -> RestoreOutcome:
    """数据恢复: all current data is replaced by the backup's, or nothing changes (R-Q07, B2)."""
    app = uow.app
    try:
        with open_package(path, accepted=accepted_keys(key, signer), own_key=key, kind="backup") as package:
            problem = _schema_error(package.manifest, code_heads(app))
            if problem:
                raise PackageError(problem)
            detail = {"package_id": package.manifest["package_id"], "created_at": package.manifest["created_at"]}

            def finish(session: Session) -> None:  # in the swapped-in copy, committed with the swap
                own = UnitOfWork(app, session, uow.actor)
                audit.record(own, "restore", object_key=str(path)[:100], detail=detail)
                audit.flush(own)

            return restore_package(app, package, finish=finish, keep_original=keep_original, on_stage=on_stage)
    except GridcoreError as error:
        record_failure(uow, "restore", str(path), error)
        raise


@attrs.frozen(kw_only=True)
class ResetOutcome:
    backup: PackageSummary
    cleared: dict[str, int]
    disabled_operators: int

    @property
    def rows(self) -> int:
        return sum(self.cleared.values())


def _password_ok(uow: UnitOfWork, login: str, password: str) -> bool:
    with uow.app.db.read_session() as session:
        operator = session.execute(select(Operator).where(Operator.login_key == login_key(login))).scalar_one_or_none()
    return operator is not None and operator.enabled and verify_password(operator.password_hash, password)


@operation("system.reset")
def reset(uow: UnitOfWork, *, password: str, backup_dir: Path, key: UnitKey, login: str | None = None) -> ResetOutcome:
    """数据初始: re-check the password, take and verify a safety backup, then clear the business records."""
    app = uow.app
    who = (login or "admin") if uow.is_system else uow.actor.login  # the person doing it confirms it
    if not _password_ok(uow, who, password):
        error = AuthenticationError(f"操作员 {who} 的密码不正确: 未做数据初始 (wrong password)")
        record_failure(uow, "reset", who, error)
        raise error
    stamp = app.clock().astimezone().strftime("%Y%m%d-%H%M%S")  # local time, as people read it
    safety = backup_dir / f"gridcore-before-reset-{stamp}{SUFFIX}"
    with writing(safety):
        document = write_backup(app, safety, key=key)
    with open_package(safety, accepted=[key.public], own_key=key, kind="backup"):
        pass  # the safety backup is verified (signature, every hash) before anything is deleted (C8)
    from gridcore.services.sessions import end_sessions

    with unit_of_work(app, uow.actor) as work:
        cleared, disabled = clear_business(work.session, app)
        for operator_id in disabled:
            end_sessions(work, operator_id)
            audit.record(work, "operator.disable", object_key=f"#{operator_id}", detail={"reason": "reset"})
        audit.record(
            work,
            "reset",
            object_key=str(safety)[:100],
            detail={"backup": document["package_id"], "rows": sum(cleared.values()), "tables": cleared},
        )
    for operator_id in disabled:
        work.warn(f"操作员 #{operator_id} 绑定的辖区已清除: 已停用, 请重新绑定辖区后启用")
    uow.warnings.extend(work.warnings)
    try:
        scrub_sqlite(app)
    except Exception as error:
        uow.warn(f"数据已清除, 但压缩数据库文件失败: {error}")
    return ResetOutcome(backup=summary(safety, document), cleared=cleared, disabled_operators=len(disabled))
