"""``GridApp``: the one object that ties the edition, the plugins, the registries and the database.

Nothing else in gridcore holds global state: faces (CLI, web) build a ``GridApp`` and hand it down to
services; tests build one per test.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from gridcore.contributions import Branding
from gridcore.edition import DEFAULT_DATABASE_URL, Edition, load_edition
from gridcore.plugins.manager import PluginManager
from gridcore.registry import Registry

if TYPE_CHECKING:
    from gridcore.db.engine import Database
    from gridcore.db.migrations import Migrator
    from gridcore.db.sequences import SequenceService
    from gridcore.security.policy import SecurityPolicy


def utc_now() -> dt.datetime:
    """The current time, timezone-aware in UTC: the default :attr:`GridApp.clock`."""
    return dt.datetime.now(dt.UTC)


class GridApp:
    """An assembled gridcore: edition + loaded plugins + registries + database."""

    def __init__(
        self,
        edition: Edition | None = None,
        *,
        database_url: str | None = None,
        extra_plugins: Sequence[object] = (),
        strict: bool | None = None,
    ) -> None:
        self.edition = edition or Edition()
        self.database_url = database_url or self.edition.database_url or DEFAULT_DATABASE_URL
        self.plugins = PluginManager(enabled=self.edition.enabled_plugins, strict=strict, extra=extra_plugins)
        self.registry = Registry(self)
        #: What time it is for sessions, lockouts, password ages and audit records (tests freeze it).
        self.clock: Callable[[], dt.datetime] = utc_now
        self._started = False
        self.plugins.load(self)

    @classmethod
    def from_environment(cls, *, edition_path: str | None = None, database_url: str | None = None) -> GridApp:
        """Build from ``--edition``/``GRIDCORE_EDITION`` and ``--db``/``GRIDCORE_DATABASE_URL``."""
        path = edition_path or os.environ.get("GRIDCORE_EDITION") or None
        edition = load_edition(path) if path else Edition()
        url = database_url or os.environ.get("GRIDCORE_DATABASE_URL") or None
        return cls(edition, database_url=url)

    # ------------------------------------------------------------------ start-up

    def start(self) -> GridApp:
        """Check settings, collect every contribution and run ``startup`` hooks (once)."""
        if not self._started:
            self.settings  # noqa: B018 - checks the edition's settings against the declarations
            self.policy  # noqa: B018 - checks the edition's [policies]
            self.registry.build_all()
            self._started = True
            self.plugins.startup(self)
        return self

    @functools.cached_property
    def settings(self) -> Mapping[str, Mapping[str, Any]]:
        """Each loaded plugin's settings: declared defaults overridden by the edition, type-checked."""
        from gridcore.errors import ConfigError

        loaded = set(self.plugins.loaded)
        for plugin in self.edition.settings:
            if plugin not in loaded:
                raise ConfigError(
                    f"{self.edition.where}: [settings.{plugin}] 对应的插件未加载 (plugin not enabled or installed)"
                )
        declared: dict[str, list[Any]] = {name: [] for name in self.plugins.loaded}
        for setting in self.registry.settings.values():
            declared.setdefault(setting.plugin, []).append(setting)
        return {name: self.edition.settings_for(name, items) for name, items in declared.items()}

    def setting(self, plugin: str, name: str) -> Any:
        return self.settings[plugin][name]

    # ------------------------------------------------------------------ services of the kernel

    @functools.cached_property
    def policy(self) -> SecurityPolicy:
        """The security policy: the edition's ``[policies]`` over the 等保 level-2 defaults."""
        from gridcore.security.policy import load_policy

        return load_policy(self.edition.policies, where=self.edition.where)

    @functools.cached_property
    def db(self) -> Database:
        from gridcore.db.engine import Database

        return Database(self.database_url)

    @functools.cached_property
    def migrations(self) -> Migrator:
        from gridcore.db.migrations import Migrator

        return Migrator(self)

    @functools.cached_property
    def sequences(self) -> SequenceService:
        from gridcore.db.sequences import SequenceService

        return SequenceService()

    @functools.cached_property
    def branding(self) -> Branding:
        """Software and user information: a branding plugin's answer, then the edition's overrides."""
        base = self.plugins.branding(self) or Branding()
        known = {field.name for field in attrs.fields(Branding)}
        overrides = {k: str(v) for k, v in self.edition.branding.items() if k in known}
        return attrs.evolve(base, **overrides)

    def close(self) -> None:
        if "db" in self.__dict__:
            self.db.dispose()
