"""Deny by default (security.md C1, C2): every route declares a registered permission, and an operator
without it is refused (403, audited) whatever the menus show; plugins add pages through register_pages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest
from flask import Blueprint
from gridcore_web.factory import create_app
from gridcore_web.guard import routes
from gridcore_web.pages import LOGGED_IN, PUBLIC, Page, requires
from sqlalchemy import select

from gridcore import Menu
from gridcore.errors import PluginError
from gridcore.security.models import AuditRecord
from gridcore.testing import TEST_OPERATOR_PASSWORD, add_operator, make_plugin

#: The only views that need no login: the login page and the static files.
PUBLIC_ENDPOINTS = {"auth.login", "assets.static"}
ARGUMENTS = {
    "entity": "resident",
    "key": "HQDY00101",
    "code": "HQDY",
    "login": "admin",
    "name": "系统管理员",
    "dictionary_id": "sex",
    "upload_id": "x",
    "statistic": "core.population",
    "kind": "bar",
    "filename": "gridcore.css",
}


def url_of(rule: str) -> str:
    return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", lambda m: ARGUMENTS[m.group(1)], rule)


def registered(app, permission: str) -> bool:
    if "{entity}" in permission:
        return all(permission.format(entity=e) in app.registry.permissions for e in app.registry.entities)
    return permission in app.registry.permissions


def test_every_route_declares_a_registered_permission(make_app):
    app = make_app(None)  # every installed plugin, with the pages they add through register_pages
    web = create_app(app)
    seen = []
    for info in routes(web):
        seen.append(info.endpoint)
        assert info.permission is not None, f"{info.rule} ({info.endpoint}) declares no permission"
        if info.permission == PUBLIC:
            public = info.endpoint in PUBLIC_ENDPOINTS or info.endpoint.endswith(".static")
            assert public, f"{info.rule} is public but not on the allow-list"
        elif info.permission != LOGGED_IN:
            assert registered(app, info.permission), f"{info.rule}: {info.permission} is not registered"
    assert {"entities.index", "households.index", "imports.upload", "system.audit", "auth.logout"} <= set(seen)


def test_an_operator_without_permissions_is_refused_on_every_route_and_each_refusal_is_audited(web_app, web, client):
    from gridcore.services.operators import add_group
    from gridcore.testing import run_service

    run_service(web_app, add_group, "空组")
    add_operator(web_app, "nobody", group="空组")
    assert client.login("nobody", TEST_OPERATOR_PASSWORD).status_code == 302
    checked = 0
    for info in routes(web):
        if info.permission in (PUBLIC, LOGGED_IN):
            continue
        url = url_of(info.rule)
        for method in info.methods:
            answer = client.get(url) if method == "GET" else client.post(url)
            assert answer.status_code == 403, f"{method} {url} answered {answer.status_code}"
            checked += 1
    assert checked > 40
    with web_app.db.read_session() as session:
        denied = (
            session.execute(
                select(AuditRecord.object_key).where(
                    AuditRecord.event_type == "access.denied", AuditRecord.actor == "nobody"
                )
            )
            .scalars()
            .all()
        )
    assert len(denied) == checked
    assert "/e/resident/" in denied


def test_pages_need_a_login(client):
    answer = client.get("/e/resident/")
    assert answer.status_code == 302
    assert answer.headers["Location"].startswith("/login?next=/e/resident/")
    assert client.get("/login").status_code == 200
    assert client.get("/static/gridcore.css").status_code == 200


def test_every_change_needs_the_csrf_token_of_its_session(admin):
    assert admin.client.post("/collect/regions/add", data={"level": "0", "name": "东城街道"}).status_code == 403
    wrong = admin.client.post("/collect/regions/add", data={"level": "0", "name": "东城街道", "csrf_token": "x" * 64})
    assert wrong.status_code == 403
    foreign = admin.post(
        "/collect/regions/add", {"level": "0", "name": "东城街道"}, headers={"Origin": "http://evil.example"}
    )
    assert foreign.status_code == 403
    done = admin.post("/collect/regions/add", {"level": "0", "name": "东城街道"})
    assert done.status_code == 302
    assert done.headers["Location"] == "/collect/regions/?code=DC"


def test_the_login_form_needs_its_own_token(client):
    answer = client.client.post("/login", data={"login": "admin", "password": "x"})
    assert answer.status_code == 403


def _plugin_pages(permission: str | None):
    blueprint = Blueprint("notes_web", __name__, url_prefix="/notes")

    def index() -> str:
        return "便民笔记首页"

    if permission is not None:
        index = requires(permission)(index)
    blueprint.add_url_rule("/", "index", index)

    def register_pages() -> Sequence[Page]:
        return (Page(id="notes.index", title="便民笔记", blueprint=blueprint, menu="notes"),)

    def register_menus() -> Sequence[Menu]:
        return (Menu(id="notes", title="便民笔记", parent="browse", permission="stats.view", order=5),)

    return make_plugin("notes", requires=("web",), register_pages=register_pages, register_menus=register_menus)


def test_register_pages_adds_a_page_with_its_menu_and_its_permission(make_app, web_client):
    app = make_app(["core", "web", "notes"], extra=[_plugin_pages("stats.view")])
    web = create_app(app)
    client = web.test_client()
    admin = web_client(web)
    assert admin.login().status_code == 302
    home = admin.get("/").text
    assert '<a href="/notes/" data-menu="notes"' in home
    assert admin.get("/notes/").text == "便民笔记首页"
    add_operator(app, "clerk", group="审计管理员")
    other = web_client(web)
    assert other.login("clerk", TEST_OPERATOR_PASSWORD).status_code == 302
    assert 'data-menu="notes"' not in other.get("/").text
    assert other.get("/notes/").status_code == 403
    assert client.get("/notes/").status_code == 302  # not logged in: the login page


def test_a_plugin_view_without_a_permission_stops_start_up(make_app):
    app = make_app(["core", "web", "notes"], extra=[_plugin_pages(None)])
    with pytest.raises(PluginError, match=r"/notes/ \(notes_web.index\)"):
        create_app(app)


def test_security_headers_and_cookie_flags(web_app, client):
    page = client.get("/login")
    assert "default-src 'self'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert page.headers["X-Frame-Options"] == "DENY"
    assert page.headers["Cache-Control"] == "no-store"
    answer = client.login()
    cookie = answer.headers["Set-Cookie"]
    assert cookie.startswith("gc_session=")
    assert "HttpOnly" in cookie
    assert "SameSite=Strict" in cookie
    secure = create_app(web_app, secure_cookies=True).test_client().get("/login").headers["Set-Cookie"]
    assert secure.startswith("__Host-gc_login=")
    assert "Secure" in secure


def test_serving_on_a_network_address_needs_https_or_an_explicit_choice():
    from gridcore_web.serving import ServeOptions, check_options

    from gridcore.errors import ConfigError

    check_options(ServeOptions())  # 127.0.0.1: the single-user edition
    with pytest.raises(ConfigError, match="--https-proxy"):
        check_options(ServeOptions(host="0.0.0.0"))
    check_options(ServeOptions(host="0.0.0.0", https_proxy=True))
    check_options(ServeOptions(host="192.168.1.10", insecure_http=True))


def test_gridcore_serve_needs_a_logged_in_operator_with_web_serve(web_app, cli):
    from gridcore.testing import add_operator as add

    viewer = add(web_app, "viewer", group="审计管理员")
    answer = cli(web_app, "serve", "--host", "0.0.0.0", actor=viewer)
    assert answer.exit_code == 8
    assert "web.serve" in answer.output
    refused = cli(web_app, "serve", "--host", "0.0.0.0")
    assert refused.exit_code == 2
    assert "--https-proxy" in refused.output
