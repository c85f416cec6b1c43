"""The workspaces: 辖区信息采集, 住户居民信息采集 (关联 and 解除关联), 数据导入, 统计, 系统功能."""

from __future__ import annotations

import io
import re
from pathlib import Path

from openpyxl import load_workbook

from gridcore.exchange import write_table
from gridcore.services import households, residents
from gridcore.testing import TEST_OPERATOR_PASSWORD, add_operator, run_service

VALID = "110105200001010016"
WRONG_CHECK = "110105200001010017"


def test_regions_are_added_with_generated_codes_and_renamed_without_changing_them(web_app, admin):
    assert (
        admin.post("/collect/regions/add", {"level": "0", "name": "东城街道"}).headers["Location"].endswith("code=DC")
    )
    admin.post("/collect/regions/add", {"level": "1", "name": "红旗社区", "parent": "DC"})
    added = admin.post("/collect/regions/add", {"level": "2", "name": "第一小区", "parent": "HQ"})
    assert added.headers["Location"] == "/collect/regions/?code=HQDY"
    duplicate = admin.post("/collect/regions/add", {"level": "2", "name": "第一小区", "parent": "HQ"})
    assert duplicate.status_code == 422
    assert "已有名为「第一小区」的小区" in duplicate.text
    assert 'value="第一小区"' in duplicate.text  # what was typed stays
    renamed = admin.post("/collect/regions/HQDY/edit", {"f.name": "第一花园", "f.phone": "0571-1234"})
    assert renamed.headers["Location"] == "/collect/regions/?code=HQDY"
    page = admin.get("/collect/regions/?code=HQDY").text
    assert "第一花园" in page
    assert "HQDY" in page
    # the map parameters (the manual's red fields) are folded apart, after the ordinary fields
    folded = page.split('<details class="advanced-fields">', 1)
    assert len(folded) == 2
    assert 'id="f.map_left"' in folded[1]
    assert 'id="f.map_left"' not in folded[0]
    assert 'id="f.name"' in folded[0]


def test_households_are_linked_and_unlinked_in_the_workspace(people, admin):
    page = admin.get("/collect/households/?compound=HQDY&household=HQDY001").text
    assert "甲一" in page
    assert "乙二" in page
    assert 'id="edit-household"' in page
    unlinked = admin.post("/collect/households/HQDY001/unlink", {"compound": "HQDY"})
    assert unlinked.headers["Location"] == "/collect/households/?compound=HQDY"
    record = run_service(people, households.get, "HQDY001")
    assert record.compound_id is None
    assert record.household_no == "HQDY001"
    offered = admin.get("/collect/households/?compound=HQDE").text
    assert '<option value="HQDY001">HQDY001 甲一</option>' in offered
    linked = admin.post("/collect/households/link", {"compound": "HQDE", "key": "HQDY001"})
    assert linked.headers["Location"] == "/collect/households/?compound=HQDE&household=HQDY001"
    assert run_service(people, households.get, "HQDY001").compound_name == "第二小区"


def test_residents_are_unlinked_and_linked_by_their_number(people, admin):
    admin.post("/collect/residents/HQDY00102/unlink", {"compound": "HQDY", "household": "HQDY001"})
    assert run_service(people, residents.get, "HQDY00102").household_id is None
    answer = admin.post(
        "/collect/residents/link", {"household": "HQDE001", "key_typed": "HQDY00102", "compound": "HQDE"}
    )
    assert answer.status_code == 302
    moved = run_service(people, residents.get, "HQDY00102")
    assert moved.household_no == "HQDE001"


def test_a_household_and_a_resident_through_the_workspace_forms(district, admin):
    new = admin.post(
        "/collect/households/new?compound=HQDY", {"f.head_name": "丁四", "f.door_no": "1-101", "f.house_state": "自住"}
    )
    assert new.headers["Location"] == "/collect/households/?compound=HQDY&household=HQDY001"
    form = admin.get("/collect/residents/new?household=HQDY001").text
    assert 'id="household-info"' in form
    assert "丁四" in form
    added = admin.post(
        "/collect/residents/new?household=HQDY001",
        {"f.name": "", "f.relation_to_head": "户主", "f.id_number": VALID},
    )
    assert added.headers["Location"] == "/collect/households/?compound=HQDY&household=HQDY001&resident=HQDY00101"
    head = run_service(district, residents.get, "HQDY00101")
    assert head.name == "丁四"  # R-D07: 户主 takes the household's 户主姓名
    assert str(head.birth_date) == "2000-01-01"
    assert head.native_place == "北京市朝阳区"
    refused = admin.post("/collect/residents/new?household=HQDY001", {"f.name": "戊五", "f.relation_to_head": "户主"})
    assert refused.status_code == 422
    assert "已有户主" in refused.text
    assert 'value="戊五"' in refused.text


def _workbook(path: Path, rows: list[list[str]]) -> Path:
    write_table(path, sheet="常住人口信息表", headers=["姓名", "户籍编号", "与户主关系", "身份证号"], rows=iter(rows))
    return path


def test_import_previews_refuses_a_bad_row_and_offers_the_error_workbook(people, admin, tmp_path, web_client):
    path = _workbook(tmp_path / "居民.xlsx", [["新一", "HQDY001", "子", VALID], ["新二", "HQDY001", "女", WRONG_CHECK]])
    with path.open("rb") as handle:
        preview = admin.post(
            "/import/resident/upload", {"file": (handle, "居民.xlsx")}, content_type="multipart/form-data"
        )
    assert preview.status_code == 200
    assert "新一" in preview.text
    assert "新二" in preview.text
    upload = re.search(r'name="upload" value="([^"]+)"', preview.text)
    assert upload is not None
    report = admin.post("/import/resident/run", {"upload": upload.group(1), "action": "run"})
    assert report.status_code == 422
    assert "未导入 (全部回滚): 共 2 行, 可导入 1 行, 跳过重复 0 行, 拒绝 1 行" in report.text
    errors = re.search(r'href="(/import/resident/errors/[^"]+)"', report.text)
    assert errors is not None
    sheet = load_workbook(io.BytesIO(admin.get(errors.group(1)).data), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "新二"
    assert rows[1][4] == 3
    assert "校验码" in rows[1][5]
    valid_only = admin.post(
        "/import/resident/run", {"upload": upload.group(1), "action": "run", "valid_rows_only": "1"}
    )
    assert "已导入: 共 2 行, 导入 1 行" in valid_only.text
    assert total(admin.post("/e/resident/", {"q": "新一"}).text) == 1
    other = web_client(admin.web)
    add_operator(people, "li", group="信息采集员")
    other.login("li", TEST_OPERATOR_PASSWORD)
    assert other.post("/import/resident/run", {"upload": upload.group(1), "action": "run"}).status_code == 404


def total(page: str) -> int:
    found = re.search(r'id="total">(\d+)<', page)
    assert found is not None
    return int(found.group(1))


def test_a_file_that_is_not_a_workbook_is_one_line(people, admin, tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"not a workbook")
    with path.open("rb") as handle:
        answer = admin.post("/import/resident/upload", {"file": (handle, "x.xlsx")}, content_type="multipart/form-data")
    assert answer.status_code == 422
    assert 'id="import-error"' in answer.text


def test_statistics_are_computed_on_request_and_drawn_and_written(people, admin):
    page = admin.get("/stats/").text
    assert "人口性别构成" in page
    assert "<table" not in page.split('id="stats-form"', 1)[1].split("</form>", 1)[1]
    computed = admin.post("/stats/", {"region": "HQ"}).text
    assert "人口性别构成" in computed
    assert re.search(r"<td>女</td><td>2</td>", computed)
    chart = admin.get("/stats/chart/population_by_sex/pie.png?region=HQ")
    assert chart.status_code == 200
    assert chart.data[:8] == b"\x89PNG\r\n\x1a\n"
    book = admin.post("/stats/workbook", {"region": "HQ"})
    sheets = load_workbook(io.BytesIO(book.data), read_only=True).sheetnames
    assert "人口性别构成" in sheets


def test_operators_and_groups_are_managed_and_the_audit_log_is_for_the_auditor_only(web_app, admin, web, web_client):
    added = admin.post(
        "/system/operators/add",
        {"login": "zhao", "name": "赵网格", "group": "信息采集员", "password": "Zhao-Passw0rd1"},
    )
    assert added.status_code == 302
    assert "zhao" in admin.get("/system/operators").text
    admin.post("/system/groups/add", {"name": "网格员"})
    admin.post("/system/groups/网格员/permissions", {"permission": ["resident.view", "household.view"]})
    page = admin.get("/system/groups?group=网格员").text
    assert 'value="resident.view" checked' in page
    assert admin.get("/system/audit").status_code == 403
    add_operator(web_app, "shen", group="审计管理员")
    auditor = web_client(web)
    auditor.login("shen", TEST_OPERATOR_PASSWORD)
    log = auditor.get("/system/audit?event=operator").text
    assert "operator.create" in log
    assert "zhao" in log
    assert "审计日志完整" in auditor.get("/system/audit?verify=1").text
    assert auditor.get("/system/operators").status_code == 403


def test_a_refused_new_operator_is_shown_again_as_typed(people, admin):
    """A refusal (here a weak password) keeps the login, name, group and scope; nothing is added."""
    refused = admin.post(
        "/system/operators/add",
        {"login": "qian", "name": "钱网格", "group": "信息采集员", "scope": "HQDY", "password": "abc"},
    )
    assert refused.status_code == 422
    page = refused.text
    assert 'id="add-operator-error"' in page
    assert 'value="qian"' in page
    assert 'value="钱网格"' in page
    assert "<option selected>信息采集员</option>" in page
    assert 'value="HQDY" selected' in page
    assert "<td>qian</td>" not in page
    fresh = admin.get("/system/operators").text
    assert '<option value="">(请选择)</option>' in fresh  # no group is chosen for the administrator
    assert "<option selected>" not in fresh


def test_backup_needs_the_unit_key_and_then_downloads_a_signed_package(people, admin, tmp_path, monkeypatch):
    monkeypatch.setenv("GRIDCORE_KEY_FILE", str(tmp_path / "unit.key"))
    missing = admin.post("/data/backup", {"name": "20260101", "action": "backup"})
    assert missing.status_code == 422
    assert "gridcore keys init" in missing.text
    from gridcore.services.keys import init_key

    run_service(people, init_key, path=tmp_path / "unit.key", code="HQ", name="红旗社区")
    answer = admin.post("/data/backup", {"name": "20260101", "action": "backup"})
    assert answer.status_code == 200
    assert "20260101.gcpkg" in answer.headers["Content-Disposition"]
    assert len(answer.data) > 1000
    report = admin.post("/data/report", {"region": "HQDY"})
    assert report.status_code == 200
    assert ".gcpkg" in report.headers["Content-Disposition"]
    refused = admin.post("/data/restore", {"confirm": "确认恢复", "password": "wrong"})
    assert refused.status_code == 422
    assert "密码不正确" in refused.text
