"""Fixtures of the orgs tests' web pages: gridcore-web's Flask test client, logged in, with the CSRF token."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import pytest


@pytest.fixture
def orgs_web_app(make_app):
    """The core, orgs and web plugins (the test is skipped when gridcore-web is not installed)."""
    pytest.importorskip("gridcore_web")
    return make_app(["core", "orgs", "web"])


@pytest.fixture
def orgs_web_login(orgs_web_app) -> Callable[[str, str], Any]:
    """``orgs_web_login(login, password)``: a test client of ``orgs_web_app`` logged in as that operator."""
    from gridcore_web.factory import create_app
    from gridcore_web.testing import logged_in

    return functools.partial(logged_in, create_app(orgs_web_app))
