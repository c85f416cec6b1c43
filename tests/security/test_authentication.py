"""A1-A7: login names, the password policy, expiry, lockout, session timeouts and lifecycle, hashing."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from gridcore.errors import AuthenticationError, ConflictError, ValidationError
from gridcore.security.models import LoginSession, Operator
from gridcore.security.passwords import PasswordPolicy, hash_password, verify_password
from gridcore.security.policy import load_policy
from gridcore.services import operators, sessions
from gridcore.testing import TEST_ADMIN_PASSWORD, TEST_OPERATOR_PASSWORD, add_operator, run_service

from .helpers import audit_rows

TERMINAL = "test"


def log_in(app, login="admin", password=TEST_ADMIN_PASSWORD):
    return sessions.login(app, login, password, terminal=TERMINAL)


def operator_row(app, login) -> Operator:
    with app.db.read_session() as session:
        return session.execute(select(Operator).where(Operator.login == login)).scalar_one()


# --------------------------------------------------------------------------- A1 login names


@pytest.mark.parametrize("variant", ["zhang", "ZHANG", "ｚｈａｎｇ", " Zhang "])
def test_login_names_are_unique_after_nfkc_and_casefold(app, variant):
    add_operator(app, "Zhang", group="查询员")
    with pytest.raises(ConflictError, match="已存在"):
        run_service(app, operators.add_operator, variant, group="查询员", password=TEST_OPERATOR_PASSWORD)


def test_the_database_itself_refuses_a_duplicate_login_key(app):
    add_operator(app, "Zhang", group="查询员")
    row = operator_row(app, "Zhang")
    with pytest.raises(IntegrityError), app.db.session() as session:
        session.add(
            Operator(
                login="zhang",
                login_key=row.login_key,
                name="另一个",
                password_hash=row.password_hash,
                group="查询员",
                enabled=True,
                must_change_password=False,
                failed_logins=0,
            )
        )


def test_login_is_case_and_width_insensitive(app):
    assert log_in(app, "ＡＤＭＩＮ").actor.login == "admin"


# --------------------------------------------------------------------------- A2 password policy

DENGBAO = PasswordPolicy(min_length=8, min_classes=3)
ASVS = load_policy({"profile": "asvs"}).passwords


@pytest.mark.parametrize(
    ("password", "policy", "accepted"),
    [
        ("Ab1-xyz", DENGBAO, False),  # 7 characters
        ("abcdefgh", DENGBAO, False),  # one class
        ("abcdefg1", DENGBAO, False),  # two classes
        ("abcdef1!", DENGBAO, True),  # three classes
        ("Abcdefg1", DENGBAO, True),
        ("P@ssw0rd", DENGBAO, False),  # a common password
        ("Aa123456", DENGBAO, False),
        ("长城长城长城1a!", DENGBAO, True),  # Chinese letters may fill the length
        ("Abcdefg1x", ASVS, False),  # ASVS: at least 12
        ("correct horse battery", ASVS, True),  # ASVS: no composition rule
        ("x" * 64 + "A1!", DENGBAO, True),  # long passwords are welcome
        ("Aa1!" * 300, DENGBAO, False),  # over 1024: refused, not truncated
    ],
)
def test_password_policy_table(password, policy, accepted):
    if accepted:
        policy.check(password)
    else:
        with pytest.raises(ValidationError):
            policy.check(password)


def test_password_equal_to_the_login_is_refused():
    with pytest.raises(ValidationError, match="登录名"):
        DENGBAO.check("Wang-Li-2026", login="wang-li-2026")


def test_a_128_character_password_round_trips_and_is_not_truncated(app):
    long_password = ("Grid-长城-" * 20)[:128]
    assert len(long_password) == 128
    add_operator(app, "longpw", group="查询员", password=long_password)
    assert log_in(app, "longpw", long_password).actor.login == "longpw"
    with pytest.raises(AuthenticationError):
        log_in(app, "longpw", long_password[:72])


# --------------------------------------------------------------------------- A3 expiry


def test_password_expires_after_90_days_and_only_passwd_is_reachable(app, clock):
    clock.advance(days=91)
    outcome = log_in(app)
    assert outcome.restricted == sessions.PASSWORD_EXPIRED
    assert not outcome.actor.can("household.view")
    assert outcome.token is not None
    resolved = sessions.resolve(app, outcome.token, terminal=TERMINAL)
    assert resolved.restricted == sessions.PASSWORD_EXPIRED
    sessions.change_password(
        app, "admin", TEST_ADMIN_PASSWORD, "New-Passw0rd-2026", terminal=TERMINAL, session_id=resolved.actor.session_id
    )
    again = sessions.resolve(app, outcome.token, terminal=TERMINAL)
    assert again.restricted is None
    assert again.actor.can("household.view")


def test_expiry_can_be_switched_off(make_app, clock):
    app = make_app(policies={"password_max_age_days": 0})
    app.clock = clock
    clock.advance(days=400)
    assert log_in(app).restricted is None


def test_an_issued_password_must_be_changed_at_first_login(app):
    add_operator(app, "clerk", group="查询员", must_change_password=True)
    outcome = log_in(app, "clerk", TEST_OPERATOR_PASSWORD)
    assert outcome.restricted == sessions.MUST_CHANGE
    assert outcome.actor.permissions == frozenset()
    sessions.change_password(app, "clerk", TEST_OPERATOR_PASSWORD, "Clerk-Own-2026", terminal=TERMINAL)
    assert log_in(app, "clerk", "Clerk-Own-2026").restricted is None


def test_an_issued_password_unused_for_72_hours_no_longer_works(app, clock):
    add_operator(app, "clerk", group="查询员", must_change_password=True)
    clock.advance(hours=73)
    with pytest.raises(AuthenticationError, match="72 小时"):
        log_in(app, "clerk", TEST_OPERATOR_PASSWORD)


# --------------------------------------------------------------------------- A4 lockout


def test_five_failures_lock_the_account_for_30_minutes(app, clock):
    for _ in range(5):
        with pytest.raises(AuthenticationError, match="登录名或密码错误"):
            log_in(app, password="Wrong-Passw0rd")
    assert len(audit_rows(app, "login.locked")) == 1
    assert len(audit_rows(app, "login.failure")) == 5
    clock.advance(minutes=29)
    with pytest.raises(AuthenticationError, match="已锁定"):
        log_in(app)  # the right password, while locked
    clock.advance(minutes=2)
    assert log_in(app).actor.login == "admin"
    assert operator_row(app, "admin").failed_logins == 0


def test_a_success_resets_the_failure_counter(app):
    for _ in range(4):
        with pytest.raises(AuthenticationError):
            log_in(app, password="Wrong-Passw0rd")
    log_in(app)
    for _ in range(4):
        with pytest.raises(AuthenticationError):
            log_in(app, password="Wrong-Passw0rd")
    assert log_in(app).actor.login == "admin"  # 4 + 4 failures, but never 5 in a row


def test_unknown_login_fails_like_a_wrong_password(app):
    with pytest.raises(AuthenticationError, match="登录名或密码错误"):
        log_in(app, "nobody")
    (failure,) = audit_rows(app, "login.failure")
    assert failure.object_key == "nobody"


# --------------------------------------------------------------------------- A5 timeouts


def test_idle_session_ends_after_30_minutes(app, clock):
    token = log_in(app).token
    clock.advance(minutes=29)
    sessions.resolve(app, token, terminal=TERMINAL)
    clock.advance(minutes=29)
    sessions.resolve(app, token, terminal=TERMINAL)  # activity keeps it alive
    clock.advance(minutes=31)
    with pytest.raises(AuthenticationError, match="30 分钟"):
        sessions.resolve(app, token, terminal=TERMINAL)
    with pytest.raises(AuthenticationError, match="失效"):
        sessions.resolve(app, token, terminal=TERMINAL)  # ended for good


def test_session_ends_after_12_hours_even_with_activity(app, clock):
    token = log_in(app).token
    for _ in range(12 * 4 - 1):
        clock.advance(minutes=15)
        sessions.resolve(app, token, terminal=TERMINAL)
    clock.advance(minutes=15)
    with pytest.raises(AuthenticationError, match="12 小时"):
        sessions.resolve(app, token, terminal=TERMINAL)


# --------------------------------------------------------------------------- A6 lifecycle


def test_tokens_are_long_random_and_only_their_hash_is_stored(app):
    first = log_in(app).token
    second = log_in(app).token
    assert first is not None
    assert second is not None
    assert first != second
    assert len(first) >= 43  # 32 bytes = 256 bits, url-safe base64
    with app.db.read_session() as session:
        stored = set(session.execute(select(LoginSession.token_hash)).scalars())
    assert first not in stored
    assert sessions.token_hash(first) in stored


def test_logout_invalidates_the_token_on_the_server(app):
    token = log_in(app).token
    assert sessions.logout(app, token, terminal=TERMINAL) == "admin"
    with pytest.raises(AuthenticationError):
        sessions.resolve(app, token, terminal=TERMINAL)


def test_changing_the_password_ends_the_other_sessions(app):
    a = log_in(app)
    b = log_in(app)
    sessions.change_password(
        app, "admin", TEST_ADMIN_PASSWORD, "Changed-Passw0rd", terminal=TERMINAL, session_id=a.actor.session_id
    )
    sessions.resolve(app, a.token, terminal=TERMINAL)
    with pytest.raises(AuthenticationError):
        sessions.resolve(app, b.token, terminal=TERMINAL)


def test_changing_the_password_needs_the_current_one(app):
    with pytest.raises(AuthenticationError):
        sessions.change_password(app, "admin", "Not-The-Current1", "Changed-Passw0rd", terminal=TERMINAL)
    assert log_in(app).actor.login == "admin"  # unchanged
    assert audit_rows(app, "password.change")[-1].result == "failure"


def test_disabling_an_operator_ends_their_sessions(app):
    add_operator(app, "clerk", group="查询员")
    token = log_in(app, "clerk", TEST_OPERATOR_PASSWORD).token
    run_service(app, operators.set_enabled, "clerk", False)
    with pytest.raises(AuthenticationError):
        sessions.resolve(app, token, terminal=TERMINAL)
    with pytest.raises(AuthenticationError, match="停用"):
        log_in(app, "clerk", TEST_OPERATOR_PASSWORD)


def test_permissions_are_a_snapshot_taken_at_login(app):
    """R-Q04: a grant or revoke applies at the next login, never in the middle of a session."""
    add_operator(app, "viewer", group="查询员")
    token = log_in(app, "viewer", TEST_OPERATOR_PASSWORD).token
    run_service(app, operators.revoke, "查询员", ["household.view"])
    assert sessions.resolve(app, token, terminal=TERMINAL).actor.can("household.view")
    assert not log_in(app, "viewer", TEST_OPERATOR_PASSWORD).actor.can("household.view")


# --------------------------------------------------------------------------- A7 hashing


def test_hashes_are_argon2id_with_strong_parameters_and_unique_salts():
    first, second = hash_password("Same-Passw0rd"), hash_password("Same-Passw0rd")
    assert first != second
    assert first.startswith("$argon2id$")
    params = dict(item.split("=") for item in first.split("$")[3].split(","))
    assert int(params["m"]) >= 19 * 1024
    assert int(params["t"]) >= 2
    assert int(params["p"]) >= 1
    assert verify_password(first, "Same-Passw0rd")


def test_a_hash_below_the_current_parameters_is_upgraded_at_login(app):
    weak = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1).hash(TEST_ADMIN_PASSWORD)
    with app.db.session() as session:
        session.execute(update(Operator).where(Operator.login == "admin").values(password_hash=weak))
    log_in(app)
    upgraded = operator_row(app, "admin").password_hash
    assert upgraded != weak
    assert "m=65536" in upgraded
    assert verify_password(upgraded, TEST_ADMIN_PASSWORD)
