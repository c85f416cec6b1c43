"""Helpers for testing gridcore and its plugins; the fixtures live in :mod:`gridcore.testing.pytest_plugin`.

Plugin authors get them automatically (the ``pytest11`` entry point): ``make_app``, ``gridcore_app``,
``cli``, ``database_url`` and ``plugin_installer``. The database comes from
``GRIDCORE_TEST_DATABASE_URL`` when set (each test then gets its own PostgreSQL schema), and a fresh
SQLite file otherwise.
"""

from __future__ import annotations

from gridcore.testing.constants import TEST_ADMIN_PASSWORD
from gridcore.testing.databases import TestDatabase, test_database
from gridcore.testing.plugins import PluginInstaller, make_plugin
from gridcore.testing.services import in_unit, run_service

__all__ = [
    "TEST_ADMIN_PASSWORD",
    "PluginInstaller",
    "TestDatabase",
    "in_unit",
    "make_plugin",
    "run_service",
    "test_database",
]
