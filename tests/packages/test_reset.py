"""数据初始: password again, verified safety backup, business records cleared, the rest kept (§7.9, C8, B4)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from gridcore.domain.households import Household
from gridcore.domain.regions import Region
from gridcore.errors import AuthenticationError
from gridcore.packages.reader import open_package
from gridcore.packages.wipe import business_tables
from gridcore.security.models import AuditRecord, Operator
from gridcore.services import backups, exchange, keys
from gridcore.testing import TEST_ADMIN_PASSWORD, run_service

from .conftest import hashes


def count(app, model):
    with app.db.read_session() as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def test_backup_reset_restore_gives_identical_content(town, unit_key, tmp_path):
    run_service(town, keys.trust, "红旗社区", unit_key.public.line())
    out = tmp_path / "before.gcpkg"
    run_service(town, exchange.report, tmp_path / "r.gcpkg", key=unit_key)  # a sequence number in use
    run_service(town, backups.backup, out, key=unit_key)
    before = hashes(town)
    outcome = run_service(town, backups.reset, password=TEST_ADMIN_PASSWORD, backup_dir=tmp_path, key=unit_key)
    assert outcome.rows > 0
    assert outcome.backup.path.exists()
    assert count(town, Region) == 0
    assert count(town, Household) == 0
    after = hashes(town)
    for kept in (
        "core_dictionary_entry",
        "core_operator",
        "core_permission_group",
        "core_trusted_unit",
        "core_sequence",
    ):
        assert after[kept] == before[kept], kept
    run_service(town, backups.restore, out, key=unit_key)
    assert hashes(town) == before


def test_the_safety_backup_restores_what_was_cleared(town, unit_key, tmp_path):
    before = hashes(town)
    outcome = run_service(town, backups.reset, password=TEST_ADMIN_PASSWORD, backup_dir=tmp_path, key=unit_key)
    with open_package(outcome.backup.path, accepted=[unit_key.public], kind="backup") as package:
        assert package.table("core_household")["rows"] == 3
    run_service(town, backups.restore, outcome.backup.path, key=unit_key)
    assert hashes(town) == before


def test_wrong_password_changes_nothing(town, unit_key, tmp_path):
    before = hashes(town)
    with pytest.raises(AuthenticationError):
        run_service(town, backups.reset, password="wrong-Passw0rd", backup_dir=tmp_path, key=unit_key)
    assert hashes(town) == before
    assert not list(tmp_path.glob("gridcore-before-reset-*"))
    with town.db.read_session() as session:
        last = session.execute(select(AuditRecord).order_by(AuditRecord.id.desc()).limit(1)).scalar_one()
    assert (last.event_type, last.result) == ("reset", "failure")


def test_reset_is_audited_and_unbinds_scoped_operators(town, unit_key, tmp_path):
    from gridcore.testing.security import add_operator

    add_operator(town, "clerk", group="信息采集员", scope="HQ")
    outcome = run_service(town, backups.reset, password=TEST_ADMIN_PASSWORD, backup_dir=tmp_path, key=unit_key)
    assert outcome.disabled_operators == 1
    with town.db.read_session() as session:
        clerk = session.execute(select(Operator).where(Operator.login == "clerk")).scalar_one()
        events = list(session.execute(select(AuditRecord.event_type).order_by(AuditRecord.id)).scalars())
    assert clerk.region_id is None
    assert not clerk.enabled
    assert events[-1] == "reset"
    assert "operator.disable" in events


def test_business_tables_are_the_entities_and_what_hangs_on_them(gridcore_app):
    names = {table.name for table in business_tables(gridcore_app)}
    assert {"core_region", "core_building", "core_household", "core_resident", "core_search"} <= names
    assert "core_exchange_ledger" in names
    assert not names & {"core_operator", "core_dictionary_entry", "core_audit", "core_trusted_unit", "core_sequence"}


@pytest.mark.sqlite_only
def test_reset_leaves_no_trial_record_in_the_file(town, unit_key, tmp_path):
    """After the vacuum, the sentinel name is found only where the kept audit log holds it (P5)."""
    outcome = run_service(town, backups.reset, password=TEST_ADMIN_PASSWORD, backup_dir=tmp_path, key=unit_key)
    assert outcome.rows > 0
    sentinel = "测户"
    with town.db.read_session() as session:
        in_audit = sum(
            (row.detail + row.object_key).count(sentinel) for row in session.execute(select(AuditRecord)).scalars()
        )
    town.db.dispose()
    path = town.db.sqlite_path
    found = path.read_bytes().count(sentinel.encode())
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        found += wal.read_bytes().count(sentinel.encode())
    assert found == in_audit
