"""Fixtures of the orgs tests' web pages: gridcore-web's Flask test client, logged in, with the CSRF token."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest


class OrgsWebClient:
    """Flask's test client of the web face: logs in through the login page and keeps the CSRF token."""

    CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')

    def __init__(self, web: Any) -> None:
        self.client = web.test_client()

    def login(self, login: str, password: str) -> int:
        token = self.CSRF.search(self.client.get("/login").text)
        assert token is not None
        answer = self.client.post("/login", data={"login": login, "password": password, "csrf_token": token.group(1)})
        return int(answer.status_code)

    def get(self, path: str, **kwargs: Any) -> Any:
        return self.client.get(path, **kwargs)


@pytest.fixture
def orgs_web_app(make_app):
    """The core, orgs and web plugins (the test is skipped when gridcore-web is not installed)."""
    pytest.importorskip("gridcore_web")
    return make_app(["core", "orgs", "web"])


@pytest.fixture
def orgs_web_login(orgs_web_app) -> Callable[[str, str], OrgsWebClient]:
    """``orgs_web_login(login, password)``: a test client of ``orgs_web_app`` logged in as that operator."""
    from gridcore_web.factory import create_app

    web = create_app(orgs_web_app)

    def login(name: str, password: str) -> OrgsWebClient:
        client = OrgsWebClient(web)
        assert client.login(name, password) == 302
        return client

    return login
