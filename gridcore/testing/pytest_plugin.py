"""The gridcore pytest plugin: fixtures for an app on a fresh database, a CLI runner, test plugins.

Loaded through the ``pytest11`` entry point, so every project that installs gridcore (its plugins
included) gets these fixtures. Strict plugin loading is always on in tests. The ``cli`` fixture runs
commands as the test administrator (``admin`` / :data:`TEST_ADMIN_PASSWORD`, logged in through the real
login service), or as any operator with ``actor=``; every test gets its own session file and starts
logged out (no ``GRIDCORE_USER``/``GRIDCORE_PASSWORD``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

import pytest
from click.testing import CliRunner, Result

from gridcore.testing.browser import playwright_driver  # noqa: F401  (a fixture this plugin provides)
from gridcore.testing.constants import TEST_ADMIN_PASSWORD
from gridcore.testing.databases import TestDatabase, test_database
from gridcore.testing.plugins import PluginInstaller


def pytest_configure(config: pytest.Config) -> None:
    os.environ["GRIDCORE_STRICT_PLUGINS"] = "1"
    config.addinivalue_line("markers", "sqlite_only: needs SQLite (skipped on PostgreSQL)")
    config.addinivalue_line("markers", "postgres_only: needs PostgreSQL (skipped on SQLite)")


def pytest_runtest_setup(item: pytest.Item) -> None:
    """``sqlite_only`` and ``postgres_only`` apply to any test, with or without the database fixture."""
    on_postgres = bool(os.environ.get("GRIDCORE_TEST_DATABASE_URL", "").strip())
    if item.get_closest_marker("postgres_only") and not on_postgres:
        pytest.skip("needs PostgreSQL: set GRIDCORE_TEST_DATABASE_URL")
    if item.get_closest_marker("sqlite_only") and on_postgres:
        pytest.skip("SQLite only")


class AppFactory(Protocol):
    def __call__(
        self,
        plugins: Sequence[str] | None = ...,
        *,
        extra: Sequence[object] = ...,
        settings: Mapping[str, Mapping[str, Any]] | None = ...,
        init: bool = ...,
        strict: bool | None = ...,
        **edition: Any,
    ) -> Any: ...


@pytest.fixture
def database(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[TestDatabase]:
    """A fresh database for this test (SQLite file, or a PostgreSQL schema)."""
    with test_database(tmp_path) as db:
        if request.node.get_closest_marker("postgres_only") and db.backend != "postgresql":
            pytest.skip("needs PostgreSQL: set GRIDCORE_TEST_DATABASE_URL")
        if request.node.get_closest_marker("sqlite_only") and db.backend != "sqlite":
            pytest.skip("SQLite only")
        yield db


@pytest.fixture
def database_url(database: TestDatabase) -> str:
    return database.url


@pytest.fixture
def make_app(database_url: str) -> Iterator[AppFactory]:
    """Build a :class:`GridApp` with the chosen plugins (``None`` = every installed) on this test's database.

    ``extra`` adds plugin objects for this test only (see :func:`gridcore.testing.make_plugin`);
    ``init`` (default true) runs ``gridcore init`` with the test administrator password.
    """
    from gridcore.app import GridApp
    from gridcore.edition import Edition

    apps: list[Any] = []

    def factory(
        plugins: Sequence[str] | None = ("core",),
        *,
        extra: Sequence[object] = (),
        settings: Mapping[str, Mapping[str, Any]] | None = None,
        init: bool = True,
        strict: bool | None = None,
        **edition: Any,
    ) -> GridApp:
        enabled = None if plugins is None else tuple(plugins)
        ed = Edition(name="test", enabled_plugins=enabled, settings=dict(settings or {}), **edition)
        app = GridApp(ed, database_url=database_url, extra_plugins=extra, strict=strict)
        apps.append(app)
        if init:
            from gridcore.services.setup import initialize

            app.start()
            initialize(app, admin_login="admin", ask_password=lambda: TEST_ADMIN_PASSWORD)
        return app

    yield factory
    for app in apps:
        app.close()


@pytest.fixture
def gridcore_app(make_app: AppFactory) -> Any:
    """The core alone, initialised, on a fresh database."""
    return make_app()


class CliRunnerFixture:
    """``cli(app, *args)`` runs a ``gridcore`` command as the test administrator (logged in through the
    real login service when a command first needs an operator); ``cli(app, *args, actor=...)`` runs it
    as another operator (see :func:`gridcore.testing.add_operator`); ``actor=False`` as nobody, so the
    command resolves the operator itself (``GRIDCORE_USER`` or the session file)."""

    def __init__(self) -> None:
        self._admins: dict[int, Any] = {}

    def admin(self, app: Any) -> Any:
        """The test administrator of ``app`` as an actor (logged in once per app)."""
        from gridcore.testing.security import login_actor

        if id(app) not in self._admins:
            self._admins[id(app)] = login_actor(app)
        return self._admins[id(app)]

    def __call__(self, app: Any, *args: str, input: str | None = None, actor: Any = None) -> Result:
        from gridcore.cli.context import CliContext
        from gridcore.cli.main import cli as root

        if actor is False:
            context = CliContext(app=app)
        elif actor is None:
            context = CliContext(app=app, login=self.admin)
        else:
            context = CliContext(app=app, actor=actor)
        runner = CliRunner()
        return runner.invoke(root, list(args), obj=context, input=input, catch_exceptions=True)


@pytest.fixture
def cli() -> CliRunnerFixture:
    """Run a ``gridcore`` command against an app: ``cli(app, "plugins", "list", "--format", "json")``."""
    return CliRunnerFixture()


@pytest.fixture(autouse=True)
def _gridcore_session_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test's ``gridcore login`` session in its own folder, and start logged out."""
    monkeypatch.setenv("GRIDCORE_SESSION_FILE", str(tmp_path / "gridcore-session.json"))
    monkeypatch.delenv("GRIDCORE_USER", raising=False)
    monkeypatch.delenv("GRIDCORE_PASSWORD", raising=False)


@pytest.fixture
def plugin_installer(tmp_path: Path) -> Iterator[PluginInstaller]:
    """Install plugins as real entry points for this test (removed afterwards)."""
    installer = PluginInstaller(tmp_path / "site")
    yield installer
    installer.uninstall_all()
