"""数据初始 in the browser (R-Q08, security.md C8): the permission, the password again, the safety backup."""

from __future__ import annotations

from sqlalchemy import func, select

from gridcore.domain.dictionaries.models import DictionaryEntryRow
from gridcore.domain.households import Household
from gridcore.domain.regions import Region
from gridcore.domain.residents import Resident
from gridcore.packages.reader import open_package
from gridcore.security.models import AuditRecord, Operator
from gridcore.services.keys import init_key
from gridcore.testing import TEST_ADMIN_PASSWORD, TEST_OPERATOR_PASSWORD, add_operator, run_service

CONFIRM = "确认初始"


def count(app, model) -> int:
    with app.db.read_session() as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def unit_key(app, tmp_path, monkeypatch):
    path = tmp_path / "unit.key"
    monkeypatch.setenv("GRIDCORE_KEY_FILE", str(path))
    return run_service(app, init_key, path=path, code="HQ", name="红旗社区")


def safety_backups(app, tmp_path) -> list:
    folders = {tmp_path}
    if app.db.sqlite_path is not None:
        folders.add(app.db.sqlite_path.resolve().parent)
    return sorted(path for folder in folders for path in folder.glob("gridcore-before-reset-*.gcpkg"))


def test_the_reset_page_needs_system_reset(people, web, web_client, tmp_path, monkeypatch):
    unit_key(people, tmp_path, monkeypatch)
    add_operator(people, "clerk", group="信息采集员")
    clerk = web_client(web)
    assert clerk.login("clerk", TEST_OPERATOR_PASSWORD).status_code == 302
    assert clerk.get("/data/reset").status_code == 403
    refused = clerk.post("/data/reset", {"confirm": CONFIRM, "password": TEST_OPERATOR_PASSWORD})
    assert refused.status_code == 403
    assert count(people, Resident) == 3
    assert "数据初始" not in clerk.get("/info/about").text


def test_the_menu_opens_the_reset_page(people, admin):
    about = admin.get("/info/about").text
    assert 'href="/data/reset"' in about
    page = admin.get("/data/reset")
    assert page.status_code == 200
    assert f"输入「{CONFIRM}」" in page.text
    assert 'name="csrf_token"' in page.text


def test_a_wrong_password_or_a_missing_confirmation_clears_nothing(people, admin, tmp_path, monkeypatch):
    unit_key(people, tmp_path, monkeypatch)
    wrong = admin.post("/data/reset", {"confirm": CONFIRM, "password": "wrong-Passw0rd"})
    assert wrong.status_code == 422
    assert "密码不正确, 未做数据初始" in wrong.text
    assert "Traceback" not in wrong.text
    unconfirmed = admin.post("/data/reset", {"confirm": "确认", "password": TEST_ADMIN_PASSWORD})
    assert unconfirmed.status_code == 422
    assert f"请在确认框中输入「{CONFIRM}」" in unconfirmed.text
    assert count(people, Resident) == 3
    assert count(people, Household) == 2
    assert not safety_backups(people, tmp_path)
    without_token = admin.client.post("/data/reset", data={"confirm": CONFIRM, "password": TEST_ADMIN_PASSWORD})
    assert without_token.status_code in (400, 403)
    assert count(people, Resident) == 3


def test_the_right_password_clears_business_records_after_a_verified_safety_backup(
    people, admin, tmp_path, monkeypatch
):
    key = unit_key(people, tmp_path, monkeypatch)
    operators = count(people, Operator)
    entries = count(people, DictionaryEntryRow)
    answer = admin.post("/data/reset", {"confirm": CONFIRM, "password": TEST_ADMIN_PASSWORD})
    assert answer.status_code == 200, answer.text
    assert "数据初始完成" in answer.text
    assert count(people, Resident) == 0
    assert count(people, Household) == 0
    assert count(people, Region) == 0
    assert count(people, Operator) == operators
    assert count(people, DictionaryEntryRow) == entries
    [safety] = safety_backups(people, tmp_path)
    assert safety.name in answer.text
    with open_package(safety, accepted=[key.public], kind="backup") as package:
        assert package.table("core_resident")["rows"] == 3
        assert package.table("core_household")["rows"] == 2
    rows = 3 + 2 + 4  # residents, households, regions (at least: search rows and others come too)
    shown = int(answer.text.split("清除了 ")[1].split(" ")[0])
    assert shown >= rows
    with people.db.read_session() as session:
        last = session.execute(select(AuditRecord).order_by(AuditRecord.id.desc()).limit(1)).scalar_one()
    assert (last.event_type, last.result, last.actor) == ("reset", "success", "admin")
    assert admin.get("/e/resident/").status_code == 200  # the operator is still logged in
