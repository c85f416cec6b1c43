"""C4 (三权分立) and the default groups: what each holds, what the grant service refuses, seeding."""

from __future__ import annotations

import pytest

from gridcore.errors import ConflictError, PermissionDeniedError
from gridcore.security.groups import (
    ADMIN_GROUP,
    AUDIT,
    AUDIT_GROUP,
    COLLECTOR_GROUP,
    DEFAULT_GROUPS,
    MANAGEMENT,
    SECURITY_GROUP,
    VIEWER_GROUP,
    separation_conflict,
)
from gridcore.services import audit, operators
from gridcore.services.setup import initialize
from gridcore.services.unit import read_unit
from gridcore.testing import TEST_ADMIN_PASSWORD, add_operator, run_service


def groups(app) -> dict[str, set[str]]:
    rows = run_service(app, operators.list_groups)
    return {row["name"]: set(row["permissions"]) for row in rows}


def test_the_five_default_groups_are_seeded(app):
    assert list(groups(app)) == [ADMIN_GROUP, SECURITY_GROUP, AUDIT_GROUP, COLLECTOR_GROUP, VIEWER_GROUP]


def test_no_default_group_combines_management_with_audit_access(app):
    for name, held in groups(app).items():
        assert separation_conflict(held) is None, name
        assert not (held & MANAGEMENT and held & AUDIT), name


def test_what_each_default_group_holds(app):
    held = groups(app)
    assert {"operator.manage", "group.manage", "household.edit", "system.init"} <= held[ADMIN_GROUP]
    assert not held[ADMIN_GROUP] & {"audit.view", "keys.manage", "pii.view"}
    keys = {p for p in app.registry.permissions if p.startswith("keys.")}
    assert held[SECURITY_GROUP] == {"security.policy", "security.check"} | keys
    assert held[AUDIT_GROUP] == {"audit.view", "audit.purge"}
    assert {"household.edit", "resident.edit", "resident.view", "stats.view"} <= held[COLLECTOR_GROUP]
    assert not held[COLLECTOR_GROUP] & {"operator.manage", "dict.edit", "system.database", "pii.view"}
    assert not {p for p in held[COLLECTOR_GROUP] if p.startswith(("system.", "exchange.", "keys."))}
    assert all(p.endswith((".view", ".stats")) or p in {"idcard.check", "code.suggest"} for p in held[VIEWER_GROUP])
    assert "resident.view" in held[VIEWER_GROUP]


def test_granting_audit_access_to_a_managing_group_is_refused(app):
    with pytest.raises(ConflictError, match="三权分立"):
        run_service(app, operators.grant, ADMIN_GROUP, ["audit.view"])
    with pytest.raises(ConflictError, match="三权分立"):
        run_service(app, operators.grant, AUDIT_GROUP, ["group.manage"])
    run_service(app, operators.add_group, "混合")
    run_service(app, operators.grant, "混合", ["operator.manage"])
    with pytest.raises(ConflictError):
        run_service(app, operators.grant, "混合", ["audit.purge"])


def test_each_admin_is_refused_the_others_duties(app):
    secadmin = add_operator(app, "sec", group=SECURITY_GROUP)
    auditor = add_operator(app, "aud", group=AUDIT_GROUP)
    from gridcore.testing import login_actor

    sysadmin = login_actor(app)
    with read_unit(app, sysadmin) as uow, pytest.raises(PermissionDeniedError):
        audit.verify(uow)
    for actor in (secadmin, auditor):
        with read_unit(app, actor) as uow, pytest.raises(PermissionDeniedError):
            operators.list_operators(uow)
        with read_unit(app, actor) as uow, pytest.raises(PermissionDeniedError):
            operators.list_groups(uow)
    with read_unit(app, secadmin) as uow, pytest.raises(PermissionDeniedError):
        audit.list_records(uow, audit.AuditFilter())  # secadmin cannot read, let alone grant itself, audit
    with read_unit(app, auditor) as uow:
        assert audit.verify(uow).ok


def test_seeding_is_idempotent_and_a_revocation_sticks(app):
    before = groups(app)
    run_service(app, operators.revoke, COLLECTOR_GROUP, ["region.edit"])
    initialize(app, admin_login="admin", ask_password=lambda: TEST_ADMIN_PASSWORD)
    after = groups(app)
    assert after[COLLECTOR_GROUP] == before[COLLECTOR_GROUP] - {"region.edit"}
    assert after[ADMIN_GROUP] == before[ADMIN_GROUP]


def test_a_new_plugins_permissions_reach_the_default_groups(make_app):
    from gridcore import Permission
    from gridcore.testing import make_plugin

    app = make_app()
    plugin = make_plugin("hookseed", register_permissions=lambda: [Permission(id="hookseed.view", title="看")])
    later = make_app(extra=[plugin])  # the same database, a plugin installed since
    held = groups(later)
    assert "hookseed.view" in held[VIEWER_GROUP]
    assert "hookseed.view" in held[ADMIN_GROUP]
    assert "hookseed.view" not in held[AUDIT_GROUP]
    assert app is not later


def test_default_group_rules_are_total():
    names = [rule.name for rule in DEFAULT_GROUPS]
    assert len(names) == len(set(names)) == 5
