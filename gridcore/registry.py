"""The registry: every contribution of every plugin, by kind and id, built lazily and checked once.

Each kind (entities, menus, permissions ...) is collected the first time it is asked for, so that a
command that needs only the command list never imports a plugin's models. A duplicate id stops
start-up with a message that names both plugins.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Generic, TypeVar

import attrs

from gridcore.contributions import (
    CodeRule,
    Command,
    DataFormat,
    Dictionary,
    Entity,
    EventType,
    Menu,
    Migrations,
    Permission,
    Setting,
    Statistic,
    Workflow,
)
from gridcore.errors import DuplicateContributionError, PluginError

if TYPE_CHECKING:
    from gridcore.app import GridApp

T = TypeVar("T")


class Contributions(Mapping[str, T], Generic[T]):
    """An ordered, read-only mapping of id to contribution, with the plugin that gave each."""

    def __init__(self, kind: str, items: list[T]) -> None:
        self.kind = kind
        self._items: dict[str, T] = {}
        for item in items:
            key = _id_of(item)
            if key in self._items:
                first = getattr(self._items[key], "plugin", "?")
                second = getattr(item, "plugin", "?")
                raise DuplicateContributionError(
                    f"{kind} 标识 {key!r} 重复: 插件 {first} 与插件 {second} 都注册了它 "
                    f"(duplicate {kind} id; rename one of them)"
                )
            self._items[key] = item

    def __getitem__(self, key: str) -> T:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def by_plugin(self, plugin: str) -> list[T]:
        return [item for item in self._items.values() if getattr(item, "plugin", None) == plugin]


def _id_of(item: object) -> str:
    key = getattr(item, "id", None)
    if not isinstance(key, str) or not key:
        raise PluginError(f"contribution {item!r} has no id")
    return key


class Registry:
    """Typed, lazily built access to everything the loaded plugins contribute."""

    def __init__(self, app: GridApp) -> None:
        self._app = app

    def _collect(self, hook: str, kind: str, expected: type[T]) -> Contributions[T]:
        items: list[T] = []
        for plugin, item in self._app.plugins.contributions(hook, self._app):
            if not isinstance(item, expected):
                raise PluginError(f"插件 {plugin} 的 {hook} 返回了 {type(item).__name__},应为 {expected.__name__}")
            items.append(attrs.evolve(item, plugin=plugin))  # type: ignore[misc]
        return Contributions(kind, items)

    @functools.cached_property
    def settings(self) -> Contributions[Setting]:
        return self._collect("register_settings", "setting", Setting)

    @functools.cached_property
    def entities(self) -> Contributions[Entity]:
        found = self._collect("register_entities", "entity", Entity)
        for entity in found.values():
            table = getattr(entity.model, "__tablename__", "")
            if not table.startswith(f"{entity.plugin}_"):
                raise PluginError(
                    f"插件 {entity.plugin} 的实体 {entity.id} 的表名 {table!r} 应以 '{entity.plugin}_' 开头"
                )
        return found

    @functools.cached_property
    def migrations(self) -> Contributions[Migrations]:
        return self._collect("register_migrations", "migrations", Migrations)

    @functools.cached_property
    def dictionaries(self) -> Contributions[Dictionary]:
        return self._collect("register_dictionaries", "dictionary", Dictionary)

    @functools.cached_property
    def code_rules(self) -> Contributions[CodeRule]:
        return self._collect("register_code_rules", "code rule", CodeRule)

    @functools.cached_property
    def permissions(self) -> Contributions[Permission]:
        """Registered permissions plus ``<entity>.view`` and ``<entity>.edit`` for every entity."""
        declared = self._collect("register_permissions", "permission", Permission)
        derived = []
        for entity in self.entities.values():
            for action, verb in (("view", "查看"), ("edit", "维护")):
                code = f"{entity.id}.{action}"
                if code not in declared:
                    derived.append(
                        Permission(id=code, title=f"{verb}{entity.title}", category=entity.title, plugin=entity.plugin)
                    )
        return Contributions("permission", [*declared.values(), *derived])

    @functools.cached_property
    def menus(self) -> Contributions[Menu]:
        found = self._collect("register_menus", "menu", Menu)
        for menu in found.values():
            if menu.parent is not None and menu.parent not in found:
                raise PluginError(f"插件 {menu.plugin} 的菜单 {menu.id} 的上级菜单 {menu.parent!r} 不存在")
            if menu.permission is not None and menu.permission not in self.permissions:
                raise PluginError(f"插件 {menu.plugin} 的菜单 {menu.id} 引用了未注册的权限 {menu.permission!r}")
        return found

    @functools.cached_property
    def statistics(self) -> Contributions[Statistic]:
        return self._collect("register_statistics", "statistic", Statistic)

    @functools.cached_property
    def data_formats(self) -> Contributions[DataFormat]:
        return self._collect("register_data_formats", "data format", DataFormat)

    @functools.cached_property
    def commands(self) -> Contributions[Command]:
        return self._collect("register_commands", "command", Command)

    @functools.cached_property
    def event_types(self) -> Contributions[EventType]:
        return self._collect("register_event_types", "event type", EventType)

    @functools.cached_property
    def workflows(self) -> Contributions[Workflow]:
        return self._collect("register_workflows", "workflow", Workflow)

    def build_all(self) -> None:
        """Collect every kind now, so that a duplicate or a bad contribution stops start-up."""
        for name in KINDS:
            getattr(self, name)

    def summary(self, plugin: str) -> Mapping[str, list[str]]:
        """What one plugin contributes: entity, menu and permission ids (for ``plugins list``)."""
        return {
            "entities": [e.id for e in self.entities.by_plugin(plugin)],
            "menus": [m.id for m in self.menus.by_plugin(plugin)],
            "permissions": [p.id for p in self.permissions.by_plugin(plugin)],
            "commands": [c.name for c in self.commands.by_plugin(plugin)],
        }


KINDS: tuple[str, ...] = (
    "settings",
    "entities",
    "migrations",
    "dictionaries",
    "code_rules",
    "permissions",
    "menus",
    "statistics",
    "data_formats",
    "commands",
    "event_types",
    "workflows",
)
