"""What every command receives: the global options and the lazily built :class:`GridApp`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from gridcore.app import GridApp


class CliContext:
    """Holds ``--edition`` and ``--db`` and builds the app the first time a command needs it."""

    def __init__(
        self, *, edition_path: str | None = None, database_url: str | None = None, app: GridApp | None = None
    ) -> None:
        self.edition_path = edition_path
        self.database_url = database_url
        self._app = app

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
        app.db.require_initialized()
        return app


pass_context = click.make_pass_decorator(CliContext)
