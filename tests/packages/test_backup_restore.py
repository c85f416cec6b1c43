"""Backup and restore: a signed snapshot, verify-then-swap, all or nothing (security.md B1, B2, B4)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from gridcore.domain.households import Household
from gridcore.domain.residents import Resident
from gridcore.errors import PermissionDeniedError
from gridcore.packages.codec import PackageError
from gridcore.packages.reader import open_package
from gridcore.security.models import AuditRecord
from gridcore.services import backups, households
from gridcore.testing import run_service

from .conftest import add_family, hashes, make_key


def count(app, model):
    with app.db.read_session() as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def test_backup_then_restore_gives_back_the_same_content(town, unit_key, tmp_path):
    before = hashes(town)
    out = tmp_path / "20261129.gcpkg"
    result = run_service(town, backups.backup, out, key=unit_key)
    assert result.tables > 5
    assert result.rows > 0
    assert out.stat().st_mode & 0o077 == 0
    add_family(town, "HQDY", "后来户", serial=40)
    assert hashes(town) != before
    outcome = run_service(town, backups.restore, out, key=unit_key)
    assert outcome.rows == result.rows - count_audit_in(out, unit_key)
    assert hashes(town) == before
    assert count(town, Household) == 3


def count_audit_in(path, key):
    with open_package(path, accepted=[key.public]) as package:
        entry = package.table("core_audit")
        return entry["rows"] if entry else 0


def test_restore_keeps_the_live_audit_log_and_records_itself(town, unit_key, tmp_path):
    out = tmp_path / "b.gcpkg"
    run_service(town, backups.backup, out, key=unit_key)
    audit_before = count(town, AuditRecord)
    run_service(town, backups.restore, out, key=unit_key)
    with town.db.read_session() as session:
        events = list(session.execute(select(AuditRecord.event_type).order_by(AuditRecord.id)).scalars())
    assert len(events) >= audit_before + 1
    assert events[-1] == "restore"
    from gridcore.security.audit import verify_chain

    with town.db.read_session() as session:
        assert verify_chain(session).ok


def test_restore_keeps_the_original(town, unit_key, tmp_path):
    out = tmp_path / "b.gcpkg"
    run_service(town, backups.backup, out, key=unit_key)
    outcome = run_service(town, backups.restore, out, key=unit_key)
    assert outcome.kept is not None
    if town.db.is_sqlite:
        from pathlib import Path

        assert Path(outcome.kept).exists()


def test_foreign_signer_is_refused_and_nothing_changes(town, unit_key, tmp_path):
    other = make_key(tmp_path, code="XX", name="别的单位", file="other.key")
    out = tmp_path / "foreign.gcpkg"
    run_service(town, backups.backup, out, key=other)
    before = hashes(town)
    with pytest.raises(PackageError, match="不是受信任的单位"):
        run_service(town, backups.restore, out, key=unit_key)
    assert hashes(town) == before
    with town.db.read_session() as session:
        last = session.execute(select(AuditRecord).order_by(AuditRecord.id.desc()).limit(1)).scalar_one()
    assert (last.event_type, last.result) == ("restore", "failure")


def test_restore_needs_its_permission(town, unit_key, tmp_path):
    from gridcore.testing.security import add_operator

    out = tmp_path / "b.gcpkg"
    run_service(town, backups.backup, out, key=unit_key)
    clerk = add_operator(town, "clerk", group="信息采集员")
    from gridcore.services.unit import unit_of_work

    with pytest.raises(PermissionDeniedError), unit_of_work(town, clerk) as uow:
        backups.restore(uow, out, key=unit_key)


def test_encrypted_backup_round_trip(town, unit_key, tmp_path):
    out = tmp_path / "secret.gcpkg"
    run_service(town, backups.backup, out, key=unit_key, encrypt=True)
    assert "测户".encode() not in out.read_bytes()
    before = hashes(town)
    run_service(town, households.add, head_name="临时户", compound_code="HQDY")
    run_service(town, backups.restore, out, key=unit_key)
    assert hashes(town) == before


def test_drill_compares_every_table(town, unit_key):
    outcome = run_service(town, backups.drill, key=unit_key)
    assert outcome.ok, [row for row in outcome.rows if not row.ok]
    assert {row.table for row in outcome.rows} >= {"core_region", "core_household", "core_resident", "core_audit"}
    assert count(town, Resident) > 0


@pytest.mark.sqlite_only
def test_restore_refuses_while_another_program_has_the_file_open(town, unit_key, tmp_path):
    import sqlite3

    from gridcore.errors import ConflictError

    out = tmp_path / "b.gcpkg"
    run_service(town, backups.backup, out, key=unit_key)
    add_family(town, "HQDY", "后来户", serial=41)
    before = hashes(town)
    other = sqlite3.connect(town.db.sqlite_path)
    try:
        other.execute("SELECT count(*) FROM core_household").fetchone()
        with pytest.raises(ConflictError, match="正被其他程序使用"):
            run_service(town, backups.restore, out, key=unit_key)
    finally:
        other.close()
    assert hashes(town) == before
    assert not list(tmp_path.glob("*.restore-*.tmp"))
