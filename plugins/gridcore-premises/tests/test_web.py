"""从业人员维护 in the web face: the menu opens it, add and remove change the resident's 场所编号, refusals."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("gridcore_web")

from gridcore.services import records, residents
from gridcore.services.operators import add_group
from gridcore.testing import TEST_ADMIN_PASSWORD, TEST_OPERATOR_PASSWORD, add_operator, grant, run_service

PAGE = "/premises/employees/HQDY001/"
ADD = "/premises/employees/HQDY001/add"
REMOVE = "/premises/employees/HQDY001/remove"
PHONE = "13912345678"
ERROR = re.compile(r'<span class="field-error" role="alert" id="err-resident">([^<]+)</span>')


@pytest.fixture
def shops(make_premises_web_app, add_resident):
    """HQDY001 好邻居便利店 and HQDY002 百味面馆; residents 甲某 (with a phone) and 乙某, linked to neither."""
    app = make_premises_web_app
    run_service(app, records.add, "premises", {"场所名称": "好邻居便利店", "小区编码": "HQDY"})
    run_service(app, records.add, "premises", {"场所名称": "百味面馆", "小区编码": "HQDY"})
    first, second = add_resident(app, "甲某"), add_resident(app, "乙某", "HQDE")
    run_service(app, residents.edit, first, {"联系电话": PHONE})
    return {"app": app, "甲某": first, "乙某": second}


@pytest.fixture
def admin(premises_web_login):
    return premises_web_login("admin", TEST_ADMIN_PASSWORD)


def premises_no_of(app, resident_no):
    return run_service(app, residents.get, resident_no).premises_no


def employee_keys(text: str) -> list[str]:
    return re.findall(r'<button type="submit" class="link" id="remove-([^"]+)">移除</button>', text)


def test_the_menu_opens_the_finder_and_a_premises_number_opens_its_page(shops, admin):
    home = admin.get("/")
    link = re.search(r'<a href="([^"]+)" data-menu="collect.premises.employees"', home.text)
    assert link is not None
    assert link.group(1) == "/premises/employees/"
    finder = admin.get(link.group(1))
    assert finder.status_code == 200
    assert "<h1>从业人员维护</h1>" in finder.text
    assert f'<a href="{PAGE}">HQDY001</a>' in finder.text
    assert '<a href="/premises/employees/HQDY002/">HQDY002</a>' in finder.text
    by_name = admin.get("/premises/employees/", query_string={"q": "面馆"})
    assert '<a href="/premises/employees/HQDY002/">' in by_name.text
    assert f'<a href="{PAGE}">' not in by_name.text
    opened = admin.get("/premises/employees/", query_string={"q": "hqdy001"})
    assert (opened.status_code, opened.headers["Location"]) == (302, PAGE)
    page = admin.get(PAGE)
    assert page.status_code == 200
    assert "好邻居便利店" in page.text
    assert 'id="employee-count">0 人' in page.text


def test_adding_and_removing_through_the_page_change_the_residents_premises_number(shops, admin):
    app, worker = shops["app"], shops["甲某"]
    added = admin.post(ADD, {"resident": worker})
    assert (added.status_code, added.headers["Location"]) == (303, PAGE)
    assert premises_no_of(app, worker) == "HQDY001"
    page = admin.get(PAGE)
    assert f"已将居民 {worker} 添加为 HQDY001 的从业人员" in page.text
    assert employee_keys(page.text) == [worker]
    assert 'id="employee-count">1 人' in page.text
    assert PHONE not in page.text  # 联系电话 is masked for an operator without pii.view, as the services mask it
    assert "甲某" in page.text

    removed = admin.post(REMOVE, {"resident": worker})
    assert (removed.status_code, removed.headers["Location"]) == (303, PAGE)
    assert premises_no_of(app, worker) is None
    assert run_service(app, residents.get, worker).name == "甲某"  # the resident stays
    page = admin.get(PAGE)
    assert "从 HQDY001 的从业人员中移除" in page.text
    assert employee_keys(page.text) == []


def test_a_bad_resident_key_is_told_in_one_line_and_nothing_changes(shops, admin):
    answer = admin.post(ADD, {"resident": "HQDY09999"})
    assert answer.status_code == 400
    found = ERROR.search(answer.text)
    assert found is not None
    assert found.group(1) == "居民 HQDY09999 不存在"
    assert 'value="HQDY09999"' in answer.text  # the typed key stays in the field
    empty = admin.post(ADD, {"resident": " "})
    assert empty.status_code == 400
    assert ERROR.search(empty.text).group(1) == "请填写要添加的居民的常住编号"
    not_here = admin.post(REMOVE, {"resident": shops["乙某"]})
    assert not_here.status_code == 400
    assert ERROR.search(not_here.text).group(1) == f"居民 {shops['乙某']} 不是场所 HQDY001 (好邻居便利店) 的从业人员"
    assert premises_no_of(shops["app"], shops["甲某"]) is None


def test_a_resident_working_elsewhere_moves_only_with_the_checkbox(shops, admin):
    app, worker = shops["app"], shops["甲某"]
    assert admin.post("/premises/employees/HQDY002/add", {"resident": worker}).status_code == 303
    refused = admin.post(ADD, {"resident": worker})
    assert refused.status_code == 400
    assert ERROR.search(refused.text).group(1) == (
        f"居民 {worker} 已是场所 HQDY002 的从业人员 (每人只能关联一个场所);"
        "确认改到本场所请勾选「已在其他场所时改到本场所」再添加"
    )
    assert premises_no_of(app, worker) == "HQDY002"
    assert admin.post(ADD, {"resident": worker, "move": "1"}).status_code == 303
    assert premises_no_of(app, worker) == "HQDY001"


def test_changes_need_the_csrf_token(shops, admin):
    assert admin.post(ADD, {"resident": shops["甲某"]}, csrf=False).status_code == 403
    assert premises_no_of(shops["app"], shops["甲某"]) is None


def test_without_premises_employees_the_pages_are_refused_and_the_menu_hidden(shops, premises_web_login):
    app, worker = shops["app"], shops["甲某"]
    run_service(app, add_group, "查看组")
    grant(app, "查看组", "premises.view", "premises.edit", "resident.view")
    add_operator(app, "viewer", group="查看组")
    viewer = premises_web_login("viewer", TEST_OPERATOR_PASSWORD)
    assert 'data-menu="collect.premises.employees"' not in viewer.get("/").text
    for path in ("/premises/employees/", PAGE):
        assert viewer.get(path).status_code == 403, path
    assert viewer.post(ADD, {"resident": worker}).status_code == 403
    assert viewer.post(REMOVE, {"resident": worker}).status_code == 403
    assert premises_no_of(app, worker) is None
