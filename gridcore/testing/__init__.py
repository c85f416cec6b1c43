"""Helpers for testing gridcore and its plugins; the fixtures live in :mod:`gridcore.testing.pytest_plugin`.

Plugin authors get them automatically (the ``pytest11`` entry point): ``make_app``, ``gridcore_app``,
``cli``, ``database_url`` and ``plugin_installer``. The database comes from
``GRIDCORE_TEST_DATABASE_URL`` when set (each test then gets its own PostgreSQL schema), and a fresh
SQLite file otherwise. Operators for permission tests: ``add_operator(app, "li", group="查询员",
scope="HQ")`` returns a logged-in actor for ``cli(app, ..., actor=...)`` or ``unit_of_work(app, actor)``;
``FrozenClock`` replaces ``app.clock`` where time matters (lockouts, sessions, password ages).
"""

from __future__ import annotations

from gridcore.testing.browser import CHROMIUM, CHROMIUM_ARGS, launch_chromium
from gridcore.testing.constants import TEST_ADMIN_PASSWORD
from gridcore.testing.databases import TestDatabase, test_database
from gridcore.testing.plugins import PluginInstaller, make_plugin
from gridcore.testing.security import (
    TEST_OPERATOR_PASSWORD,
    FrozenClock,
    add_operator,
    grant,
    login_actor,
    pii_admin,
)
from gridcore.testing.services import in_unit, run_service

__all__ = [
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "TEST_ADMIN_PASSWORD",
    "TEST_OPERATOR_PASSWORD",
    "FrozenClock",
    "PluginInstaller",
    "TestDatabase",
    "add_operator",
    "grant",
    "in_unit",
    "launch_chromium",
    "login_actor",
    "make_plugin",
    "pii_admin",
    "run_service",
    "test_database",
]
