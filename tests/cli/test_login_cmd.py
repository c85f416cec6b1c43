"""``gridcore login`` / ``logout`` / ``passwd``, ``GRIDCORE_USER``/``GRIDCORE_PASSWORD``, and the
``user``, ``group`` and ``audit`` commands, as people and scripts use them."""

from __future__ import annotations

import json
import os
import stat

import pytest
from sqlalchemy import text

from gridcore.errors import AuthenticationError, PermissionDeniedError
from gridcore.testing import TEST_ADMIN_PASSWORD, TEST_OPERATOR_PASSWORD, FrozenClock, add_operator


@pytest.fixture
def password_file(tmp_path):
    def write(password: str, name: str = "pw.txt"):
        path = tmp_path / name
        path.write_text(password + "\n", encoding="utf-8")
        return str(path)

    return write


def session_file() -> str:
    return os.environ["GRIDCORE_SESSION_FILE"]


def test_login_keeps_a_private_session_and_logout_ends_it(gridcore_app, cli, password_file):
    result = cli(gridcore_app, "login", "admin", "--password-file", password_file(TEST_ADMIN_PASSWORD), actor=False)
    assert result.exit_code == 0, result.output
    assert "已登录: admin (系统管理员)" in result.output
    mode = stat.S_IMODE(os.stat(session_file()).st_mode)
    assert mode == 0o600
    with open(session_file(), encoding="utf-8") as handle:
        assert TEST_ADMIN_PASSWORD not in handle.read()
    assert cli(gridcore_app, "region", "list", actor=False).exit_code == 0
    assert cli(gridcore_app, "logout", actor=False).output.strip() == "已退出登录: admin"
    refused = cli(gridcore_app, "region", "list", actor=False)
    assert refused.exit_code == AuthenticationError.exit_code
    assert "请先登录" in refused.output


def test_login_asks_for_the_name_and_password(gridcore_app, cli):
    result = cli(gridcore_app, "login", input=f"admin\n{TEST_ADMIN_PASSWORD}\n", actor=False)
    assert result.exit_code == 0, result.output
    assert TEST_ADMIN_PASSWORD not in result.output


def test_a_wrong_password_is_one_line(gridcore_app, cli, password_file):
    result = cli(gridcore_app, "login", "admin", "--password-file", password_file("Wrong-Passw0rd"), actor=False)
    assert result.exit_code == AuthenticationError.exit_code
    assert result.stderr.strip() == "错误: 登录名或密码错误 (wrong login or password)"
    assert not os.path.exists(session_file())


def test_the_default_session_file_is_under_xdg_state_home(gridcore_app, cli, password_file, tmp_path, monkeypatch):
    monkeypatch.delenv("GRIDCORE_SESSION_FILE")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert (
        cli(
            gridcore_app, "login", "admin", "--password-file", password_file(TEST_ADMIN_PASSWORD), actor=False
        ).exit_code
        == 0
    )
    path = tmp_path / "state" / "gridcore" / "session.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_environment_credentials_serve_scripts(gridcore_app, cli, monkeypatch):
    monkeypatch.setenv("GRIDCORE_USER", "admin")
    monkeypatch.setenv("GRIDCORE_PASSWORD", TEST_ADMIN_PASSWORD)
    assert cli(gridcore_app, "region", "list", actor=False).exit_code == 0
    monkeypatch.setenv("GRIDCORE_PASSWORD", "Wrong-Passw0rd")
    assert cli(gridcore_app, "region", "list", actor=False).exit_code == AuthenticationError.exit_code


def test_an_expired_password_allows_only_passwd(gridcore_app, cli, password_file):
    clock = FrozenClock()
    gridcore_app.clock = clock
    clock.advance(days=91)
    login = cli(gridcore_app, "login", "admin", "--password-file", password_file(TEST_ADMIN_PASSWORD), actor=False)
    assert login.exit_code == 0
    assert "PASSWORD_EXPIRED" in login.stderr
    refused = cli(gridcore_app, "region", "list", actor=False)
    assert refused.exit_code == AuthenticationError.exit_code
    assert "gridcore passwd" in refused.output
    changed = cli(gridcore_app, "passwd", input=f"{TEST_ADMIN_PASSWORD}\nFresh-Passw0rd\nFresh-Passw0rd\n", actor=False)
    assert changed.exit_code == 0, changed.output
    assert cli(gridcore_app, "region", "list", actor=False).exit_code == 0


def test_passwd_needs_the_same_new_password_twice(gridcore_app, cli, password_file):
    cli(gridcore_app, "login", "admin", "--password-file", password_file(TEST_ADMIN_PASSWORD), actor=False)
    typed = f"{TEST_ADMIN_PASSWORD}\nFresh-Passw0rd\nOther-Passw0rd\nFresh-Passw0rd\nFresh-Passw0rd\n"
    result = cli(gridcore_app, "passwd", input=typed, actor=False)  # a mismatch is asked again
    assert result.exit_code == 0, result.output
    fresh = password_file("Fresh-Passw0rd", "fresh.txt")
    assert cli(gridcore_app, "login", "admin", "--password-file", fresh, actor=False).exit_code == 0


# --------------------------------------------------------------------------- user and group


def test_user_add_list_reset_and_disable(gridcore_app, cli, password_file):
    from gridcore.services import regions
    from gridcore.testing import run_service

    run_service(gridcore_app, regions.add, level="街道", name="东城街道")
    run_service(gridcore_app, regions.add, level="社区", name="红旗社区", parent_code="DC")
    issued = password_file("Issued-Passw0rd", "issued.txt")
    added = cli(gridcore_app, "user", "add", "li", "--group", "信息采集员", "--scope", "HQ", "--password-file", issued)
    assert added.exit_code == 0, added.output
    listed = json.loads(cli(gridcore_app, "user", "list", "--format", "json").output)
    li = next(row for row in listed if row["login"] == "li")
    assert (li["group"], li["scope"], li["must_change_password"]) == ("信息采集员", "HQ", True)
    weak = cli(gridcore_app, "user", "add", "wang", "--group", "查询员", "--password-file", password_file("123"))
    assert weak.exit_code == 5
    assert "密码至少需要 8 个字符" in weak.output
    duplicate = cli(gridcore_app, "user", "add", "ＬＩ", "--group", "查询员", "--password-file", issued)
    assert duplicate.exit_code == 7
    assert (
        cli(gridcore_app, "user", "reset-password", "li", "--password-file", password_file("Again-Passw0rd")).exit_code
        == 0
    )
    assert cli(gridcore_app, "user", "disable", "li").exit_code == 0
    assert cli(gridcore_app, "user", "disable", "admin").exit_code == 7  # not oneself


def test_group_add_grant_revoke_and_list(gridcore_app, cli):
    assert cli(gridcore_app, "group", "add", "网格员", "--description", "只看住户").exit_code == 0
    granted = cli(gridcore_app, "group", "grant", "网格员", "household.view", "resident.view")
    assert granted.exit_code == 0, granted.output
    assert "下次登录时生效" in granted.output
    assert cli(gridcore_app, "group", "revoke", "网格员", "resident.view").exit_code == 0
    unknown = cli(gridcore_app, "group", "grant", "网格员", "no.such")
    assert unknown.exit_code == 6
    mixed = cli(gridcore_app, "group", "grant", "系统管理员", "audit.view")
    assert mixed.exit_code == 7
    assert "三权分立" in mixed.output
    rows = json.loads(cli(gridcore_app, "group", "list", "--format", "json").output)
    assert next(row for row in rows if row["name"] == "网格员")["permissions"] == ["household.view"]
    permissions = json.loads(cli(gridcore_app, "group", "list", "--permissions", "--format", "json").output)
    assert "pii.view" in {row["id"] for row in permissions}


# --------------------------------------------------------------------------- audit


def test_audit_list_and_verify_as_the_auditor(gridcore_app, cli):
    auditor = add_operator(gridcore_app, "auditor", group="审计管理员")
    listed = cli(gridcore_app, "audit", "list", "--type", "login", "--format", "json", actor=auditor)
    assert listed.exit_code == 0, listed.output
    assert {row["object_key"] for row in json.loads(listed.output)} == {"auditor"}
    table = cli(gridcore_app, "audit", "list", "--actor", "system", actor=auditor)
    assert "operator.create" in table.output
    verified = cli(gridcore_app, "audit", "verify", actor=auditor)
    assert verified.exit_code == 0
    assert "审计日志完整" in verified.output
    denied = cli(gridcore_app, "audit", "list")  # the administrator
    assert denied.exit_code == PermissionDeniedError.exit_code


def test_audit_verify_names_the_first_broken_record(gridcore_app, cli):
    auditor = add_operator(gridcore_app, "auditor", group="审计管理员")
    with gridcore_app.db.session() as session:
        if gridcore_app.db.is_sqlite:
            session.execute(text("DROP TRIGGER core_audit_no_update"))
        else:
            session.execute(text("ALTER TABLE core_audit DISABLE TRIGGER core_audit_guard"))
        first = session.execute(text("SELECT min(id) FROM core_audit")).scalar_one()
        session.execute(text("UPDATE core_audit SET actor = 'mallory' WHERE id = :id"), {"id": first})
    result = cli(gridcore_app, "audit", "verify", actor=auditor)
    assert result.exit_code == 10
    assert result.stderr.strip().startswith(f"错误: 审计日志在第 {first} 条记录处被破坏")


def test_operators_cannot_use_issued_passwords_on_data(gridcore_app, cli, monkeypatch):
    add_operator(gridcore_app, "clerk", group="查询员", must_change_password=True)
    monkeypatch.setenv("GRIDCORE_USER", "clerk")
    monkeypatch.setenv("GRIDCORE_PASSWORD", TEST_OPERATOR_PASSWORD)
    result = cli(gridcore_app, "region", "list", actor=False)
    assert result.exit_code == AuthenticationError.exit_code
    assert "MUST_CHANGE_PASSWORD" in result.output
