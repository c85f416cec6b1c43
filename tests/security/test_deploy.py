"""D1: ``gridcore check --deploy`` reports each setting that falls short (one test per check)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from sqlalchemy import update

from gridcore.errors import ConfigError
from gridcore.security.deploy import run_checks
from gridcore.security.models import Operator
from gridcore.security.passwords import hash_password
from gridcore.security.policy import load_policy

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def verdicts(app) -> dict[str, bool]:
    found: dict[str, bool] = {}
    for finding in run_checks(app):
        found[finding.check] = found.get(finding.check, True) and finding.ok
    return found


@pytest.fixture
def secured(gridcore_app):
    path = gridcore_app.db.sqlite_path
    if path is not None:
        for suffix in ("", "-wal", "-shm"):
            candidate = path.with_name(path.name + suffix)
            if candidate.exists():
                candidate.chmod(0o600)
    return gridcore_app


def test_a_fresh_installation_passes(secured):
    assert all(verdicts(secured).values()), run_checks(secured)


def test_default_admin_password_is_reported(secured):
    with secured.db.session() as session:
        session.execute(update(Operator).where(Operator.login == "admin").values(password_hash=hash_password("000")))
    assert verdicts(secured)["admin.password"] is False


def test_password_policy_off_is_reported(make_app):
    assert verdicts(make_app(policies={"password_policy": False}))["password.policy"] is False
    assert verdicts(make_app(policies={"min_length": 6}))["password.policy"] is False


def test_long_session_timeouts_are_reported(make_app):
    assert verdicts(make_app(policies={"idle_timeout_minutes": 60}))["session.limits"] is False


def test_short_audit_retention_is_reported(make_app):
    app = make_app(policies={"audit_retention_days": 30})
    assert verdicts(app)["audit.retention"] is False
    assert app.policy.effective_audit_retention.days == 180  # and purges keep 180 days anyway


@posix_only
@pytest.mark.sqlite_only
def test_a_database_file_readable_by_others_is_reported(secured):
    assert secured.db.sqlite_path is not None
    secured.db.sqlite_path.chmod(0o644)
    assert verdicts(secured)["file.数据库"] is False


@posix_only
def test_a_key_file_readable_by_others_is_reported(make_app, tmp_path):
    key = tmp_path / "sign.key"
    key.write_text("secret", encoding="utf-8")
    key.chmod(0o640)
    app = make_app(policies={"key_files": [str(key)]})
    assert verdicts(app)["file.密钥"] is False
    key.chmod(0o600)
    assert verdicts(app)["file.密钥"] is True


def test_missing_defusedxml_is_reported(secured, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "defusedxml" else real(name, *a))
    assert verdicts(secured)["xml.defusedxml"] is False


def test_the_command_exits_non_zero_when_a_check_fails(make_app, cli):
    app = make_app(policies={"audit_retention_days": 30})
    result = cli(app, "check", "--deploy", "--format", "json")
    assert result.exit_code == 1
    rows = json.loads(result.stdout)
    assert {"check": "audit.retention", "ok": "FAIL"}.items() <= next(
        r for r in rows if r["check"] == "audit.retention"
    ).items()


@pytest.mark.parametrize(
    ("policies", "words"),
    [
        ({"profile": "nist"}, "profile"),
        ({"min_length": "8"}, "min_length"),
        ({"max_failures": 0}, "max_failures"),
        ({"lockout": 30}, "lockout"),
        ({"password_policy": "yes"}, "password_policy"),
        ({"masked_pi": ["birthday"]}, "masked_pi"),
    ],
)
def test_bad_policies_are_one_line_config_errors(policies, words):
    with pytest.raises(ConfigError, match=words):
        load_policy(policies)


@pytest.mark.parametrize("edition", sorted(Path(__file__).parents[2].joinpath("examples", "editions").glob("*.toml")))
def test_the_example_editions_policies_load(edition):
    from gridcore.edition import load_edition

    loaded = load_edition(edition)
    assert load_policy(loaded.policies, where=loaded.where).min_length >= 8
