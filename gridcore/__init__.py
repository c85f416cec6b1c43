"""gridcore: a small core plus pip-installable plugins for community grid management (社区网格化管理).

This module is the public API that plugins import. It stays light (no database, no models) so that
loading every installed plugin costs little; :class:`GridApp` and the entity helpers are imported on
first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gridcore.contributions import (
    Branding,
    CodeRule,
    Command,
    DataFormat,
    Dictionary,
    DictionaryEntry,
    Entity,
    Event,
    EventType,
    Menu,
    Migrations,
    Permission,
    RecordNumbering,
    Setting,
    Statistic,
    StatTable,
    Transition,
    Workflow,
)
from gridcore.plugins.info import PluginInfo
from gridcore.plugins.markers import hookimpl, hookspec

if TYPE_CHECKING:
    from gridcore.app import GridApp
    from gridcore.db.metadata import Base

__version__ = "0.1.0"

__all__ = [
    "Base",
    "Branding",
    "CodeRule",
    "Command",
    "DataFormat",
    "Dictionary",
    "DictionaryEntry",
    "Entity",
    "Event",
    "EventType",
    "GridApp",
    "Menu",
    "Migrations",
    "Permission",
    "PluginInfo",
    "RecordNumbering",
    "Setting",
    "StatTable",
    "Statistic",
    "Transition",
    "Workflow",
    "__version__",
    "hookimpl",
    "hookspec",
]


def __getattr__(name: str) -> Any:
    if name == "GridApp":
        from gridcore.app import GridApp

        return GridApp
    if name == "Base":
        from gridcore.db.metadata import Base

        return Base
    raise AttributeError(f"module 'gridcore' has no attribute {name!r}")
