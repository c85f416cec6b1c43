"""Initialising a database: schema, seed data, the first administrator. Safe to run again."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs
from sqlalchemy import select

from gridcore.security.models import Operator
from gridcore.security.passwords import PasswordPolicy, hash_password

if TYPE_CHECKING:
    from gridcore.app import GridApp

ADMIN_GROUP = "系统管理员"


@attrs.frozen(kw_only=True)
class InitReport:
    upgraded: tuple[str, ...]
    seeded: tuple[str, ...]
    admin_created: bool


def initialize(app: GridApp, *, admin_login: str, ask_password: Callable[[], str]) -> InitReport:
    """Upgrade every enabled branch, seed plugin data, and create the administrator if there is none.

    The password is asked for only when an administrator must be created, and checked against the
    password policy before anything is written.
    """
    app.db.check_reachable()
    with app.db.read_session() as session:
        needs_admin = not app.db.is_initialized() or session.execute(select(Operator.id).limit(1)).first() is None
    password = ask_password() if needs_admin else None
    if password is not None:
        PasswordPolicy().check(password)
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
                    name="系统管理员",
                    password_hash=hash_password(password),
                    group=ADMIN_GROUP,
                    enabled=True,
                    must_change_password=False,
                )
            )
            created = True
    return InitReport(upgraded=tuple(upgraded), seeded=tuple(seeded), admin_created=created)
