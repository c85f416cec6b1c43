"""Initialising a database: schema, seed data, the first administrator. Safe to run again."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs
from sqlalchemy import select

from gridcore.security.groups import ADMIN_GROUP
from gridcore.security.models import Operator
from gridcore.security.names import check_login, login_key
from gridcore.security.passwords import hash_password

if TYPE_CHECKING:
    from gridcore.app import GridApp

__all__ = ["ADMIN_GROUP", "InitReport", "initialize"]


@attrs.frozen(kw_only=True)
class InitReport:
    upgraded: tuple[str, ...]
    seeded: tuple[str, ...]
    admin_created: bool


def initialize(app: GridApp, *, admin_login: str, ask_password: Callable[[], str]) -> InitReport:
    """Upgrade every enabled branch, seed plugin data, and create the administrator if there is none.

    The password is asked for only when an administrator must be created, and checked against the
    password policy before anything is written. The administrator is in the group 系统管理员 (seeded
    with the other default groups); the password they set themselves need not be changed at first login.
    """
    app.db.check_reachable()
    with app.db.read_session() as session:
        needs_admin = not app.db.is_initialized() or session.execute(select(Operator.id).limit(1)).first() is None
    admin_login = check_login(admin_login)
    password = ask_password() if needs_admin else None
    if password is not None:
        app.policy.passwords.check(password, login=admin_login)
    upgraded = app.migrations.upgrade()
    seeded: list[str] = []
    with app.db.session() as session:
        from gridcore.services.seeding import seed_all

        seeded.extend(seed_all(app, session))
        created = False
        if password is not None and session.execute(select(Operator.id).limit(1)).first() is None:
            session.add(
                Operator(
                    login=admin_login,
                    login_key=login_key(admin_login),
                    name="系统管理员",
                    password_hash=hash_password(password),
                    group=ADMIN_GROUP,
                    enabled=True,
                    must_change_password=False,
                    failed_logins=0,
                    password_changed_at=app.clock(),
                )
            )
            created = True
    return InitReport(upgraded=tuple(upgraded), seeded=tuple(seeded), admin_created=created)
