"""L1, L3, L4, L5: what is audited, the hash chain and fail-closed writes, retention, log hygiene."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from gridcore.errors import AuthenticationError, PermissionDeniedError
from gridcore.query import QuerySpec
from gridcore.security import audit as audit_log
from gridcore.security.audit import AuditEntry
from gridcore.security.models import AuditRecord, GroupPermission, LoginSession, Operator
from gridcore.services import audit, households, operators, regions, residents, sessions
from gridcore.services.exports import export_entity
from gridcore.services.imports import import_file
from gridcore.services.unit import read_unit, unit_of_work
from gridcore.testing import TEST_ADMIN_PASSWORD, TEST_OPERATOR_PASSWORD, add_operator, pii_admin, run_service

from .helpers import audit_rows

TERMINAL = "test"


def only(app, event_type: str) -> AuditRecord:
    rows = audit_rows(app, event_type)
    assert len(rows) == 1, [(r.event_type, r.object_key) for r in rows]
    row = rows[0]
    for column in ("at", "actor", "terminal", "event_type", "result", "detail", "prev_hash", "hash"):
        assert getattr(row, column) not in (None, ""), column
    return row


def detail(row: AuditRecord) -> dict:
    return json.loads(row.detail)


# --------------------------------------------------------------------------- L1: one record per event


def test_login_success_failure_and_logout(app):
    with pytest.raises(AuthenticationError):
        sessions.login(app, "admin", "Wrong-Passw0rd", terminal=TERMINAL)
    failure = only(app, "login.failure")
    assert (failure.actor, failure.object_key, failure.result, failure.terminal) == (
        "admin",
        "admin",
        "failure",
        "test",
    )
    token = sessions.login(app, "admin", TEST_ADMIN_PASSWORD, terminal=TERMINAL).token
    assert only(app, "login.success").result == "success"
    sessions.logout(app, token, terminal=TERMINAL)
    assert only(app, "logout").actor == "admin"


def test_lockout_is_audited(app):
    for _ in range(5):
        with pytest.raises(AuthenticationError):
            sessions.login(app, "admin", "Wrong-Passw0rd", terminal=TERMINAL)
    assert detail(only(app, "login.locked"))["failures"] == 5


def test_password_change_and_reset(app):
    sessions.change_password(app, "admin", TEST_ADMIN_PASSWORD, "Changed-Passw0rd", terminal=TERMINAL)
    assert only(app, "password.change").object_key == "admin"
    add_operator(app, "clerk", group="查询员")
    run_service(app, operators.reset_password, "clerk", "Reset-Passw0rd-1")
    assert only(app, "password.reset").object_key == "clerk"


def test_operator_and_permission_changes(app):
    add_operator(app, "clerk", group="查询员")
    assert detail(only(app, "operator.create"))["group"] == "查询员"
    run_service(app, operators.set_enabled, "clerk", False)
    only(app, "operator.disable")
    run_service(app, operators.set_enabled, "clerk", True)
    only(app, "operator.enable")
    run_service(app, operators.add_group, "网格员")
    only(app, "group.create")
    run_service(app, operators.grant, "网格员", ["household.view", "resident.view"])
    assert detail(only(app, "group.grant"))["permissions"] == ["household.view", "resident.view"]
    run_service(app, operators.revoke, "网格员", ["resident.view"])
    assert detail(only(app, "group.revoke"))["permissions"] == ["resident.view"]


def test_create_update_delete_with_before_and_after_values(district):
    app = district
    run_service(app, households.edit, "HQDY001", {"门牌号": "101", "联系电话": "13812345678"})
    updates = [row for row in audit_rows(app, "record.update") if row.entity == "household"]
    change = detail(updates[-1])
    assert change["before"] == {"门牌号": None, "联系电话": None}
    assert change["after"] == {"门牌号": "101", "联系电话": "138****5678"}  # the phone is masked
    assert updates[-1].object_key == "HQDY001"
    created = [row for row in audit_rows(app, "record.create") if row.entity == "household"]
    assert detail(created[0])["after"]["户主姓名"] == "红甲"
    run_service(app, households.add, head_name="临时", compound_code="HQDY")
    run_service(app, households.delete, "HQDY002")
    (deleted,) = [row for row in audit_rows(app, "record.delete") if row.entity == "household"]
    assert detail(deleted)["before"]["户主姓名"] == "临时"
    assert detail(deleted)["after"] == {}


def test_before_values_survive_a_flush_inside_the_service(district):
    """``regions.move`` flushes before it writes: the old parent still shows in the record."""
    app = district
    run_service(app, regions.rename, "HQ", "红旗新社区")
    change = detail([row for row in audit_rows(app, "record.update") if row.entity == "region"][-1])
    assert change == {"before": {"名称": "红旗社区"}, "after": {"名称": "红旗新社区"}}


def test_import_and_export_with_row_counts(district, tmp_path):
    app = district
    path = tmp_path / "households.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "户籍表"
    sheet.append(["户主姓名", "楼号", "门牌号"])
    sheet.append(["导入甲", "1", "101"])
    sheet.append(["导入乙", "1", "102"])
    workbook.save(path)
    with unit_of_work(app) as uow:
        import_file(uow, "household", path, compound="HQDY")
    imported = only(app, "import")
    assert (imported.entity, detail(imported)["imported"]) == ("household", 2)
    with read_unit(app) as uow:
        export_entity(uow, "household", QuerySpec(), tmp_path / "out.xlsx")
    exported = only(app, "export")
    assert (exported.entity, detail(exported)["rows"]) == ("household", 4)


def test_unmasked_views_are_audited_and_masked_ones_are_not(district):
    from gridcore.services.presentation import record_view

    app = district
    run_service(app, residents.edit, "HQDY00101", {"身份证号": "11010519491231002X"})
    clerk = add_operator(app, "clerk", group="查询员")
    with read_unit(app, clerk) as uow:
        assert record_view(uow, "resident", residents.get(uow, "HQDY00101"))["身份证号"] == "110105********002X"
    assert audit_rows(app, "pii.view") == []
    viewer = pii_admin(app)
    with read_unit(app, viewer) as uow:
        assert record_view(uow, "resident", residents.get(uow, "HQDY00101"))["身份证号"] == "11010519491231002X"
    row = only(app, "pii.view")
    assert row.actor == "admin"
    assert detail(row)["fields"]["身份证号"] == 1


def test_a_refused_command_is_audited(district, cli):
    clerk = add_operator(district, "clerk", group="查询员")
    result = cli(district, "household", "add", "--compound", "HQDY", "--head", "某", actor=clerk)
    assert result.exit_code == PermissionDeniedError.exit_code
    denied = only(district, "access.denied")
    assert (denied.actor, denied.result, detail(denied)["permission"]) == ("clerk", "denied", "household.edit")


# --------------------------------------------------------------------------- L3: the chain


def tamper(app, statement: str, **params) -> None:
    """What an attacker with the database file could do: drop the guard, change a row."""
    with app.db.session() as session:
        if app.db.is_sqlite:
            session.execute(text("DROP TRIGGER IF EXISTS core_audit_no_update"))
            session.execute(text("DROP TRIGGER IF EXISTS core_audit_no_delete"))
        else:
            session.execute(text("ALTER TABLE core_audit DISABLE TRIGGER core_audit_guard"))
        session.execute(text(statement), params)


def verify(app):
    with read_unit(app) as uow:
        return audit.verify(uow)


def test_an_intact_chain_verifies(district):
    check = verify(district)
    assert check.ok
    assert check.checked == len(audit_rows(district)) > 5


def test_a_changed_record_is_named(district):
    rows = audit_rows(district)
    victim = rows[3]
    tamper(district, "UPDATE core_audit SET object_key = 'X' WHERE id = :id", id=victim.id)
    check = verify(district)
    assert (check.ok, check.broken_id) == (False, victim.id)


def test_a_removed_record_breaks_the_chain_at_the_next_one(district):
    rows = audit_rows(district)
    tamper(district, "DELETE FROM core_audit WHERE id = :id", id=rows[2].id)
    assert verify(district).broken_id == rows[3].id


def test_the_database_refuses_to_change_or_delete_a_record(district):
    first = audit_rows(district)[0]
    with pytest.raises(DBAPIError), district.db.session() as session:
        session.execute(text("UPDATE core_audit SET actor = 'x' WHERE id = :id"), {"id": first.id})
    with pytest.raises(DBAPIError), district.db.session() as session:
        session.execute(text("DELETE FROM core_audit WHERE id = :id"), {"id": first.id})
    assert verify(district).ok


def failing_append(*_args, **_kwargs):
    raise RuntimeError("audit storage is full")


def counts(app) -> tuple[int, int, int, int]:
    with app.db.read_session() as session:
        return (
            session.execute(select(func.count()).select_from(LoginSession)).scalar_one(),
            session.execute(select(func.count()).select_from(Operator)).scalar_one(),
            session.execute(select(func.count()).select_from(GroupPermission)).scalar_one(),
            session.execute(select(func.count()).select_from(AuditRecord)).scalar_one(),
        )


@pytest.mark.parametrize(
    "operation",
    [
        pytest.param(lambda app, tmp: sessions.login(app, "admin", TEST_ADMIN_PASSWORD, terminal=TERMINAL), id="login"),
        pytest.param(lambda app, tmp: run_service(app, operators.grant, "查询员", ["dict.edit"]), id="grant"),
        pytest.param(
            lambda app, tmp: run_service(
                app, operators.add_operator, "new", group="查询员", password=TEST_OPERATOR_PASSWORD
            ),
            id="add-operator",
        ),
        pytest.param(
            lambda app, tmp: run_service(app, households.add, head_name="新户", compound_code="HQDY"), id="write"
        ),
    ],
)
def test_a_failing_audit_write_aborts_the_operation(district, monkeypatch, tmp_path, operation):
    before = counts(district)
    monkeypatch.setattr(audit_log, "append", failing_append)
    with pytest.raises(RuntimeError, match="audit storage is full"):
        operation(district, tmp_path)
    monkeypatch.undo()
    assert counts(district) == before
    assert verify(district).ok


def test_a_failing_audit_write_leaves_no_export_file(district, monkeypatch, tmp_path):
    monkeypatch.setattr(audit_log, "append", failing_append)
    out = tmp_path / "out.xlsx"
    with pytest.raises(RuntimeError), read_unit(district) as uow:
        export_entity(uow, "household", QuerySpec(), out)
    assert not out.exists()
    assert [path for path in tmp_path.iterdir() if "out.xlsx" in path.name] == []  # no part file either


# --------------------------------------------------------------------------- L4: retention


def seed_old_records(app, days_ago: int, count: int = 3) -> None:
    at = dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)
    entries = [AuditEntry(at=at, actor="old", terminal="t", event_type="old.event") for _ in range(count)]
    with app.db.session() as session:
        audit_log.append(session, entries)


def purge(app) -> int:
    with unit_of_work(app) as uow:
        return audit.purge(uow)


def test_purge_never_deletes_records_younger_than_180_days(make_app):
    app = make_app(policies={"audit_retention_days": 30})  # configured too short: clamped to 180
    app.clock = lambda: dt.datetime.now(dt.UTC)
    seed_old_records(app, 179)
    kept = len(audit_rows(app))
    assert purge(app) == 0
    assert len(audit_rows(app)) == kept + 1  # and the purge itself is recorded
    assert verify(app).ok


def test_purge_removes_older_records_and_the_rest_still_verifies(app):
    assert audit_rows(app) == []  # init writes no audit record
    seed_old_records(app, 200)
    seed_old_records(app, 100)
    assert purge(app) == 3
    assert [row.event_type for row in audit_rows(app)] == ["old.event"] * 3 + ["audit.purge"]
    assert verify(app).ok


# --------------------------------------------------------------------------- L5: hygiene


def test_control_characters_are_escaped_and_times_carry_an_offset(app):
    with pytest.raises(AuthenticationError):
        sessions.login(app, "a\nFAKE login ok", "Wrong-Passw0rd", terminal=TERMINAL)
    (row,) = audit_rows(app, "login.failure")
    assert "\n" not in row.object_key
    assert row.object_key == "a\\x0aFAKE login ok"
    with read_unit(app) as uow:
        (line,) = audit.list_records(uow, audit.AuditFilter(event_type="login"))
    assert line.at.endswith("+00:00")


def test_list_filters_by_actor_type_and_time(district, clock):
    add_operator(district, "clerk", group="查询员")
    with read_unit(district) as uow:
        logins = audit.list_records(uow, audit.AuditFilter(event_type="login", actor="clerk"))
        later = audit.list_records(uow, audit.AuditFilter(since=clock() + dt.timedelta(days=1)))
    assert [line.event_type for line in logins] == ["login.success"]
    assert later == []
