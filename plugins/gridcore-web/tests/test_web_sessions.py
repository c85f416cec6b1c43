"""Login, sessions and passwords in the browser's terms (security.md A3-A6, R-Q01, R-Q02)."""

from __future__ import annotations

import datetime as dt

from gridcore.testing import TEST_ADMIN_PASSWORD, TEST_OPERATOR_PASSWORD, FrozenClock, add_operator

NEW_PASSWORD = "Changed-Passw0rd!"


def session_cookie(client) -> str | None:
    cookie = client.client.get_cookie("gc_session")
    return cookie.value if cookie is not None else None


def test_login_makes_a_new_session_and_logout_ends_it(web, admin, web_client):
    first = session_cookie(admin)
    assert first is not None
    assert len(first) >= 43
    assert admin.get("/").status_code == 200
    admin.login()
    second = session_cookie(admin)
    assert second != first
    stale = web_client(web)
    stale.client.set_cookie("gc_session", first)
    assert stale.get("/").headers["Location"].startswith("/login")  # the earlier session ended at the new login
    answer = admin.post("/logout")
    assert answer.headers["Location"] == "/login?why=logout"
    assert session_cookie(admin) is None
    reused = web_client(web)
    reused.client.set_cookie("gc_session", second)
    assert reused.get("/").status_code == 302


def test_idle_timeout_sends_the_operator_back_to_the_login_page_with_the_reason(web_app, admin):
    clock = FrozenClock(dt.datetime.now(dt.UTC))
    web_app.clock = clock
    admin.login()
    assert admin.get("/e/resident/").status_code == 200
    clock.advance(minutes=29)
    assert admin.get("/e/resident/").status_code == 200  # activity keeps the session alive
    clock.advance(minutes=31)
    answer = admin.get("/e/resident/")
    assert answer.headers["Location"] == "/login?next=/e/resident/&why=idle"
    assert "超过 30 分钟没有操作, 已自动退出" in admin.get(answer.headers["Location"]).text


def test_a_wrong_password_five_times_locks_the_account(web_app, client):
    add_operator(web_app, "li", group="查询员")
    for _ in range(5):
        answer = client.login("li", "wrong-password")
        assert answer.status_code == 401
        assert "登录名或密码错误" in answer.text
    locked = client.login("li", TEST_OPERATOR_PASSWORD)
    assert locked.status_code == 401
    assert "账户已锁定" in locked.text


def test_an_issued_password_must_be_changed_before_anything_else(web_app, client):
    add_operator(web_app, "wang", group="信息采集员", must_change_password=True)
    answer = client.login("wang", TEST_OPERATOR_PASSWORD)
    assert answer.headers["Location"] == "/password"
    client.refresh_csrf()
    assert client.get("/e/resident/").headers["Location"] == "/password"
    page = client.get("/password").text
    assert "管理员设置的密码须在首次登录时修改" in page
    mismatch = client.post("/password", {"current": TEST_OPERATOR_PASSWORD, "new": NEW_PASSWORD, "confirm": "other"})
    assert mismatch.status_code == 400
    assert "两次输入的新密码不一致" in mismatch.text
    weak = client.post("/password", {"current": TEST_OPERATOR_PASSWORD, "new": "short", "confirm": "short"})
    assert weak.status_code == 400
    assert 'id="err-new"' in weak.text
    done = client.post("/password", {"current": TEST_OPERATOR_PASSWORD, "new": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert done.headers["Location"] == "/"
    assert "密码已修改" in client.get("/").text
    assert client.get("/e/resident/").status_code == 200


def test_the_login_page_lists_the_enabled_operators_unless_switched_off(make_app):
    from gridcore_web.factory import create_app

    app = make_app(["core", "web"])
    page = create_app(app).test_client().get("/login").text
    assert '<option value="admin">' in page
    hidden = make_app(["core", "web"], settings={"web": {"login_picker": False}})
    page = create_app(hidden).test_client().get("/login").text
    assert "<select" not in page
    assert 'id="login" name="login"' in page


def test_the_password_is_never_echoed(client):
    answer = client.login("admin", "Not-The-Passw0rd")
    assert answer.status_code == 401
    assert "Not-The-Passw0rd" not in answer.text
    assert TEST_ADMIN_PASSWORD not in answer.text
