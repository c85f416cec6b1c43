"""Migrations: one alembic environment, one branch per plugin (branch label = plugin name).

Version folders come from ``register_migrations``. Revisions of every *installed* plugin are known, so
the database stays readable when a plugin is disabled; ``upgrade`` moves only the enabled plugins'
branches to their heads.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.script.revision import RevisionError
from alembic.util.exc import CommandError
from sqlalchemy import Connection, inspect, text

from gridcore.errors import ConfigError, DatabaseError

if TYPE_CHECKING:
    from gridcore.app import GridApp


@attrs.frozen(kw_only=True)
class BranchState:
    """Where one plugin's branch stands: its applied revision and its head."""

    plugin: str
    current: str | None
    head: str | None

    @property
    def up_to_date(self) -> bool:
        return self.current is not None and self.current == self.head


class Migrator:
    """Upgrade, downgrade and inspect the schema of the edition's plugins."""

    def __init__(self, app: GridApp) -> None:
        self._app = app

    def _locations(self) -> dict[str, Path]:
        locations: dict[str, Path] = {}
        for source in self._app.registry.migrations.values():
            path = Path(source.path).resolve()
            if not path.is_dir():
                raise ConfigError(f"插件 {source.plugin} 的迁移目录不存在: {path}")
            locations[source.plugin] = path
        return locations

    def config(self) -> Config:
        cfg = Config()
        script_location = resources.files("gridcore.db") / "alembic"
        cfg.set_main_option("script_location", str(script_location))
        cfg.set_main_option("path_separator", "space")
        cfg.set_main_option("version_locations", " ".join(str(p) for p in self._locations().values()))
        cfg.attributes["migrator"] = self
        return cfg

    def import_models(self) -> None:
        """Import every model of every loaded plugin: entities and the modules ``Migrations.models`` names."""
        self._app.registry.entities  # noqa: B018 - collecting entities imports their models
        for source in self._app.registry.migrations.values():
            for module in source.models:
                importlib.import_module(module)

    def script(self) -> ScriptDirectory:
        return ScriptDirectory.from_config(self.config())

    def _run(self, action: str, target: str) -> None:
        cfg = self.config()
        engine = self._app.db.engine
        try:
            with engine.begin() as connection:
                cfg.attributes["connection"] = connection
                with _foreign_heads_set_aside(connection, self.script()):
                    if action == "upgrade":
                        command.upgrade(cfg, target)
                    else:
                        command.downgrade(cfg, target)
        except (CommandError, RevisionError) as error:
            raise DatabaseError(f"数据库迁移失败 ({action} {target}): {error}") from None

    def upgrade(self) -> list[str]:
        """Bring every loaded plugin's branch to its head, in load order; return the branches moved."""
        self._app.db.check_reachable()
        moved = []
        for state in self.states():
            if not state.up_to_date and state.head is not None:
                self._run("upgrade", f"{state.plugin}@head")
                moved.append(state.plugin)
        return moved

    def downgrade(self, plugin: str) -> None:
        """Remove one plugin's tables by taking its branch down to base."""
        self._app.db.require_initialized()
        if plugin not in self._locations():
            known = ", ".join(sorted(self._locations()))
            raise ConfigError(f"插件 {plugin!r} 没有迁移分支 (no migration branch); 可选: {known}")
        if plugin == "core":
            raise ConfigError("不能降级 core: 它承载所有其他插件的数据 (use gridcore reset instead)")
        requires = {s.name: s.info.requires for s in self._app.plugins.statuses if s.info is not None}
        blocking = [s.plugin for s in self.states() if s.current is not None and plugin in requires.get(s.plugin, ())]
        if blocking:
            raise ConfigError(
                f"插件 {', '.join(blocking)} 依赖 {plugin} 的数据表: 请先运行 gridcore db downgrade {blocking[0]}"
            )
        self._run("downgrade", f"{plugin}@base")

    def applied(self) -> set[str]:
        engine = self._app.db.engine
        with engine.connect() as connection:
            return set(MigrationContext.configure(connection).get_current_heads())

    def states(self) -> list[BranchState]:
        """The state of each loaded plugin's branch, in load order.

        alembic keeps only the heads in its version table, and drops a branch's head once another
        branch's revision depends on it, so "applied" is every ancestor of the stored heads.
        """
        script = self.script()
        heads = self.applied() if self._app.db.is_initialized() else set()
        applied: set[str] = set()
        for head in heads:
            try:
                applied.update(rev.revision for rev in script.iterate_revisions(head, "base") if rev is not None)
            except (CommandError, RevisionError):
                continue  # a revision of a plugin that is no longer installed
        order = self._app.plugins.loaded
        states = []
        for plugin in sorted(self._locations(), key=lambda p: order.index(p) if p in order else len(order)):
            try:
                head_rev = script.get_revision(f"{plugin}@head")
            except CommandError:
                head_rev = None
            current = None
            rev = head_rev
            while rev is not None:
                if rev.revision in applied:
                    current = rev.revision
                    break
                down = rev.down_revision
                rev = script.get_revision(down[0] if isinstance(down, (tuple, list)) else down) if down else None
            states.append(BranchState(plugin=plugin, current=current, head=head_rev.revision if head_rev else None))
        return states


@contextlib.contextmanager
def _foreign_heads_set_aside(connection: Connection, script: ScriptDirectory) -> Iterator[None]:
    """Hide version rows of plugins that are not loaded (disabled or uninstalled) while alembic runs.

    Branches never depend on each other through alembic (order comes from ``PluginInfo.requires``),
    so another plugin's head is independent of the branches being moved; it is put back unchanged
    in the same transaction.
    """
    if not inspect(connection).has_table("alembic_version"):
        yield
        return
    known = {rev.revision for rev in script.walk_revisions()}
    stored = [row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version"))]
    foreign = [rev for rev in stored if rev not in known]
    for rev in foreign:
        connection.execute(text("DELETE FROM alembic_version WHERE version_num = :v"), {"v": rev})
    yield
    for rev in foreign:
        connection.execute(text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": rev})
