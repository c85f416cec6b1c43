"""Testing the web face from any plugin's tests: Flask's test client, logged in, sending the CSRF token.

from gridcore_web.factory import create_app
from gridcore_web.testing import logged_in

admin = logged_in(create_app(app), "admin", TEST_ADMIN_PASSWORD)
assert admin.get("/my-page/").status_code == 200
admin.post("/my-page/add", {"name": "…"})            # with the session's CSRF token
admin.post("/my-page/add", {"name": "…"}, csrf=False)  # without: refused with 403
"""

from __future__ import annotations

import re
from typing import Any

from gridcore.testing import TEST_ADMIN_PASSWORD

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
META_CSRF = re.compile(r'name="csrf-token" content="([^"]+)"')


class WebClient:
    """Flask's test client with the login form and the CSRF token handled like a browser would."""

    def __init__(self, web: Any) -> None:
        self.web = web
        self.client = web.test_client()
        self.csrf = ""

    def login(self, login: str = "admin", password: str = TEST_ADMIN_PASSWORD) -> Any:
        """Log in through the login form; the answer (302 on success)."""
        page = self.client.get("/login")
        token = CSRF.search(page.text)
        assert token is not None
        answer = self.client.post("/login", data={"login": login, "password": password, "csrf_token": token.group(1)})
        if answer.status_code == 302:
            self.refresh_csrf()
        return answer

    def refresh_csrf(self) -> None:
        page = self.client.get("/info/about", follow_redirects=True)
        found = META_CSRF.search(page.text)
        self.csrf = found.group(1) if found else ""

    def get(self, path: str, **kwargs: Any) -> Any:
        return self.client.get(path, **kwargs)

    def post(self, path: str, data: dict[str, Any] | None = None, *, csrf: bool = True, **kwargs: Any) -> Any:
        """POST ``data`` as a form, with the session's CSRF token unless ``csrf`` is False."""
        body = {"csrf_token": self.csrf, **(data or {})} if csrf else dict(data or {})
        return self.client.post(path, data=body, **kwargs)


def logged_in(web: Any, login: str = "admin", password: str = TEST_ADMIN_PASSWORD) -> WebClient:
    """A :class:`WebClient` of ``web`` logged in as ``login`` (the login must succeed)."""
    client = WebClient(web)
    answer = client.login(login, password)
    assert answer.status_code == 302, f"login of {login} failed: {answer.status_code}"
    return client
