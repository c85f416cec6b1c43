"""What every command receives: the global options, the lazily built :class:`GridApp` and the operator."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

import click

from gridcore.errors import AuthenticationError, DatabaseError, PermissionDeniedError

if TYPE_CHECKING:
    from gridcore.app import GridApp
    from gridcore.services.unit import Actor

NOT_LOGGED_IN = "请先登录: gridcore login (or set GRIDCORE_USER/GRIDCORE_PASSWORD)"


class CliContext:
    """Holds ``--edition`` and ``--db``, builds the app the first time a command needs it, and resolves
    the acting operator: ``GRIDCORE_USER``/``GRIDCORE_PASSWORD``, else the session of ``gridcore login``.

    Tests pass ``app`` and an ``actor`` directly, or ``login``: a function that logs someone in when a
    command first needs an operator (after the database checks).
    """

    def __init__(
        self,
        *,
        edition_path: str | None = None,
        database_url: str | None = None,
        app: GridApp | None = None,
        actor: Actor | None = None,
        login: Callable[[GridApp], Actor] | None = None,
    ) -> None:
        self.edition_path = edition_path
        self.database_url = database_url
        self._app = app
        self._actor = actor
        self._login = login

    @property
    def app(self) -> GridApp:
        """The started application (plugins loaded, settings checked, registries built)."""
        if self._app is None:
            from gridcore.app import GridApp

            self._app = GridApp.from_environment(edition_path=self.edition_path, database_url=self.database_url)
        return self._app.start()

    @property
    def loaded_app(self) -> GridApp:
        """The application with its plugins loaded but not started (enough to list commands)."""
        if self._app is None:
            from gridcore.app import GridApp

            self._app = GridApp.from_environment(edition_path=self.edition_path, database_url=self.database_url)
        return self._app

    def data_app(self) -> GridApp:
        """The application for a command that reads or writes records: the database must be initialised."""
        app = self.app
        path = app.db.sqlite_path
        if path is not None and not path.resolve().parent.is_dir():
            app.db.check_reachable()  # names the missing folder
        app.db.require_initialized()
        return app

    @property
    def actor(self) -> Actor:
        """The operator this command runs as (resolved once; a one-line error when nobody is logged in)."""
        if self._actor is None:
            self._actor = self._resolve_actor()
        return self._actor

    def _resolve_actor(self) -> Actor:
        from gridcore.cli.session_file import read_token
        from gridcore.security.actors import cli_terminal
        from gridcore.services import sessions

        app = self.data_app()
        if self._login is not None:
            return self._login(app)
        if not app.db.has_table("core_session"):
            raise DatabaseError(f"数据库 {app.db.display} 需要升级才能登录: 请运行 gridcore init")
        terminal = cli_terminal()
        user = os.environ.get("GRIDCORE_USER", "").strip()
        if user:
            password = os.environ.get("GRIDCORE_PASSWORD")
            if not password:
                raise AuthenticationError("设置了 GRIDCORE_USER 但没有 GRIDCORE_PASSWORD")
            outcome = sessions.login(app, user, password, terminal=terminal, create_session=False)
            restricted = outcome.restricted
            actor = outcome.actor
        else:
            token = read_token(app)
            if token is None:
                raise AuthenticationError(NOT_LOGGED_IN)
            resolved = sessions.resolve(app, token, terminal=terminal)
            restricted = resolved.restricted
            actor = resolved.actor
        if restricted is not None:
            raise AuthenticationError(f"{restricted}: {sessions.RESTRICTED_MESSAGES[restricted]}")
        return actor

    def authorize(self, permission: str) -> Actor:
        """The operator, if they hold ``permission``; a refusal is audited and raised."""
        actor = self.actor
        if not actor.can(permission):
            from gridcore.security.audit import AuditEntry
            from gridcore.services.audit import DENIED, write_now

            ctx = click.get_current_context(silent=True)
            app = self.data_app()
            write_now(
                app,
                [
                    AuditEntry(
                        at=app.clock(),
                        actor=actor.login,
                        terminal=str(getattr(actor, "terminal", "")),
                        event_type="access.denied",
                        object_key=ctx.command_path if ctx is not None else "",
                        result=DENIED,
                        detail={"permission": permission},
                    )
                ],
            )
            raise PermissionDeniedError(f"操作员 {actor.login} 没有权限「{permission}」")
        return actor


pass_context = click.make_pass_decorator(CliContext)
