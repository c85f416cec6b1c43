"""Operators for tests: log in as the test administrator, or add an operator of any group and scope."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import update

from gridcore.security.actors import OperatorActor
from gridcore.security.models import Operator
from gridcore.security.names import login_key
from gridcore.testing.constants import TEST_ADMIN_PASSWORD

if TYPE_CHECKING:
    from gridcore.app import GridApp

#: The password :func:`add_operator` gives (it satisfies the default policy).
TEST_OPERATOR_PASSWORD = "Operator-Passw0rd"
TEST_TERMINAL = "test"


def login_actor(app: GridApp, login: str = "admin", password: str = TEST_ADMIN_PASSWORD) -> OperatorActor:
    """Log in through the real service (no session row) and return the operator as an actor."""
    from gridcore.services.sessions import login as log_in

    return log_in(app, login, password, terminal=TEST_TERMINAL, create_session=False).actor


def add_operator(
    app: GridApp,
    login: str,
    *,
    group: str,
    scope: str | None = None,
    password: str = TEST_OPERATOR_PASSWORD,
    must_change_password: bool = False,
) -> OperatorActor:
    """Add an operator of ``group`` (bound to region ``scope``), as the system, and log them in.

    Unless ``must_change_password``, the issued password counts as already changed, so the login is
    not restricted.
    """
    from gridcore.services.operators import add_operator as add
    from gridcore.services.unit import unit_of_work

    with unit_of_work(app) as uow:
        add(uow, login, group=group, password=password, scope_code=scope)
    if not must_change_password:
        with app.db.session() as session:
            session.execute(
                update(Operator).where(Operator.login_key == login_key(login)).values(must_change_password=False)
            )
        return login_actor(app, login, password)
    return OperatorActor(login=login, operator_id=0, terminal=TEST_TERMINAL)


def grant(app: GridApp, group: str, *permissions: str) -> None:
    """Give ``group`` these permissions, as the system (they apply from the next login)."""
    from gridcore.services.operators import grant as give
    from gridcore.services.unit import unit_of_work

    with unit_of_work(app) as uow:
        give(uow, group, permissions)


def pii_admin(app: GridApp) -> OperatorActor:
    """The test administrator after their group was given ``pii.view`` (sees sensitive values unmasked)."""
    from gridcore.security.groups import ADMIN_GROUP, PII_VIEW

    grant(app, ADMIN_GROUP, PII_VIEW)
    return login_actor(app)


class FrozenClock:
    """A clock for ``app.clock`` that stands still until moved: ``clock.advance(minutes=31)``."""

    def __init__(self, start: dt.datetime | None = None) -> None:
        self.now = start or dt.datetime.now(dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> dt.datetime:
        self.now += dt.timedelta(**delta)
        return self.now
