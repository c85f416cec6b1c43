"""The edition: one TOML file that assembles a product from the installed plugins.

An integrator lists the enabled plugins (an allow-list), the database URL, the hierarchy levels, code
rule choices, branding, policies and per-plugin settings. With no edition file every installed plugin is
enabled and the database is ``./gridcore.db``.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from gridcore.contributions import SETTING_TYPES, Setting
from gridcore.errors import ConfigError

DEFAULT_DATABASE_URL = "sqlite:///gridcore.db"
DEFAULT_LEVELS: tuple[str, ...] = ("街道", "社区", "小区")
SECTIONS = frozenset({"edition", "database", "plugins", "hierarchy", "code_rules", "branding", "policies", "settings"})


@attrs.frozen(kw_only=True)
class Edition:
    """An edition, read from TOML or built in code (tests)."""

    name: str = "gridcore"
    path: Path | None = None
    database_url: str | None = None
    enabled_plugins: tuple[str, ...] | None = None
    levels: tuple[str, ...] = DEFAULT_LEVELS
    code_rules: Mapping[str, Any] = attrs.field(factory=dict)
    branding: Mapping[str, Any] = attrs.field(factory=dict)
    policies: Mapping[str, Any] = attrs.field(factory=dict)
    settings: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict)

    @property
    def where(self) -> str:
        return str(self.path) if self.path else "edition"

    def settings_for(self, plugin: str, declared: list[Setting]) -> dict[str, Any]:
        """The plugin's settings: declared defaults overridden by the edition, each checked."""
        values = {setting.name: setting.default for setting in declared}
        given = self.settings.get(plugin, {})
        by_name = {setting.name: setting for setting in declared}
        for key, value in given.items():
            setting = by_name.get(key)
            if setting is None:
                known = ", ".join(sorted(by_name)) or "none"
                raise ConfigError(
                    f"{self.where}: [settings.{plugin}] 没有设置项 {key!r}(unknown setting; known: {known})"
                )
            allowed = SETTING_TYPES[setting.type]
            if not isinstance(value, allowed) or (setting.type in {"int", "float"} and isinstance(value, bool)):
                raise ConfigError(
                    f"{self.where}: [settings.{plugin}] {key} 应为 {setting.type} 类型,"
                    f"实际为 {value!r}(wrong type; fix the value)"
                )
            values[key] = value
        return values


def _table(data: Mapping[str, Any], key: str, where: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: [{key}] 应为一个表 (a TOML table)")
    return value


def load_edition(path: str | os.PathLike[str]) -> Edition:
    """Read and check an edition file; every mistake is one line naming the file and the key."""
    file = Path(path)
    where = str(file)
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"找不到版本配置文件 {where}(edition file not found; check --edition)") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{where}: TOML 格式错误: {error}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{where}: 无法读取: {error}") from None
    unknown = sorted(set(data) - SECTIONS)
    if unknown:
        raise ConfigError(f"{where}: 未知的配置段 [{unknown[0]}];可用: {', '.join(sorted(SECTIONS))}")
    edition = _table(data, "edition", where)
    database = _table(data, "database", where)
    plugins = _table(data, "plugins", where)
    hierarchy = _table(data, "hierarchy", where)
    enabled = plugins.get("enabled")
    if enabled is not None and not (isinstance(enabled, list) and all(isinstance(n, str) for n in enabled)):
        raise ConfigError(f'{where}: [plugins] enabled 应为插件名的列表,例如 ["premises", "assets"]')
    levels = hierarchy.get("levels", list(DEFAULT_LEVELS))
    if not (isinstance(levels, list) and len(levels) >= 2 and all(isinstance(n, str) and n for n in levels)):
        raise ConfigError(f'{where}: [hierarchy] levels 应为至少两级的名称列表,例如 ["街道", "社区", "小区"]')
    url = database.get("url")
    if url is not None and not isinstance(url, str):
        raise ConfigError(f"{where}: [database] url 应为字符串")
    settings = _table(data, "settings", where)
    for plugin, table in settings.items():
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: [settings.{plugin}] 应为一个表")
    return Edition(
        name=str(edition.get("name", file.stem)),
        path=file,
        database_url=url,
        enabled_plugins=tuple(enabled) if enabled is not None else None,
        levels=tuple(levels),
        code_rules=_table(data, "code_rules", where),
        branding=_table(data, "branding", where),
        policies=_table(data, "policies", where),
        settings=settings,
    )
