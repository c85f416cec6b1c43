"""The plugin as a whole: contributions, migration branch, uninstalling, being disabled, scope and masking."""

from __future__ import annotations

import json

import openpyxl
import pytest
from gridcore_assets.models import Asset

from gridcore.errors import PermissionDeniedError
from gridcore.services import records, residents
from gridcore.testing import add_operator, pii_admin, run_service
from gridcore.testing.schema import assert_migrations_match_models

CAR = {"常住编号": "HQDY00101", "财产名称": "小汽车", "财产类型": "小型汽车", "车牌号": "皖H12345", "价值": "80000"}
LAPTOP = {"常住编号": "GHJG00101", "财产名称": "电脑", "财产类型": "笔记本电脑", "价值": "5000"}


def test_plugin_is_found_and_contributes(make_app):
    app = make_app(["assets"], init=False).start()
    status = {s.name: s for s in app.plugins.statuses}["assets"]
    assert (status.status, status.title) == ("ok", "大宗财产")
    entity = app.registry.entities["asset"]
    assert (entity.model, entity.sheet, entity.region) == (Asset, "大宗财产信息表", "compound_id")
    assert {p.id for p in app.registry.permissions.by_plugin("assets")} == {"asset.view", "asset.edit"}
    assert {m.id for m in app.registry.menus.by_plugin("assets")} == {"collect.asset", "browse.asset"}
    assert [d.id for d in app.registry.dictionaries.by_plugin("assets")] == ["asset_type"]
    assert app.registry.statistics["assets.by_type"].plugin == "assets"


def test_migration_gives_exactly_the_models(make_app):
    assert_migrations_match_models(make_app(["assets"]), "assets")


def test_uninstall_with_db_downgrade(district, make_app, cli):
    run_service(district, records.add, "asset", CAR)
    result = cli(district, "db", "downgrade", "assets", "--yes")
    assert result.exit_code == 0, result.output
    assert not district.db.has_table("assets_asset")
    assert district.db.has_table("core_resident")
    core_only = make_app(["core"], init=False).start()  # the plugin uninstalled: the core works on
    run_service(core_only, residents.delete, "HQDY00101")
    assert district.migrations.upgrade() == ["assets"]
    assert district.db.has_table("assets_asset")


def test_disabled_in_an_edition_the_core_keeps_working(district, make_app, cli):
    run_service(district, records.add, "asset", CAR)
    core_only = make_app(["core"], init=False).start()
    assert "asset" not in core_only.registry.entities
    assert cli(core_only, "assets", "list").exit_code != 0
    assert cli(core_only, "stats", "--format", "json").exit_code == 0
    deleted = cli(core_only, "resident", "delete", "HQDY00101", "--yes")  # its assets go with it (ON DELETE CASCADE)
    assert deleted.exit_code == 0, deleted.output
    with district.db.read_session() as session:
        assert session.query(Asset).count() == 0


def test_template_and_import_by_resident_number(district, cli, tmp_path):
    out = tmp_path / "模板.xlsx"
    assert cli(district, "template", "asset", str(out)).exit_code == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[0] == "大宗财产信息表"
    headers = [cell.value for cell in book["大宗财产信息表"][1]]
    assert headers[:4] == ["常住编号", "姓名", "财产名称", "财产类型"]
    sheet = openpyxl.Workbook()
    rows = sheet.active
    rows.title = "大宗财产信息表"
    rows.append(["常住编号", "财产名称", "财产类型", "车牌号", "价值(元)"])
    rows.append(["HQDY00101", "小汽车", "小型汽车", "皖hd12345", 150000])
    rows.append(["GHJG00101", "电动车", "电动自行车", None, 2000])
    source = tmp_path / "导入.xlsx"
    sheet.save(source)
    imported = cli(district, "import", "asset", str(source), "--format", "json")
    assert imported.exit_code == 0, imported.output
    assert json.loads(imported.output)["imported"] == 2
    mine = json.loads(cli(district, "assets", "of", "HQDY00101", "--format", "json").output)["records"]
    assert [(row["姓名"], row["车牌号"]) for row in mine] == [("甲某", "***")]  # masked without pii.view


def test_import_refuses_a_plate_twice_in_one_file(district, cli, tmp_path):
    sheet = openpyxl.Workbook()
    rows = sheet.active
    rows.title = "大宗财产信息表"
    rows.append(["常住编号", "财产名称", "财产类型", "车牌号"])
    rows.append(["HQDY00101", "小汽车", "小型汽车", "皖H12345"])
    rows.append(["GHJG00101", "小汽车", "小型汽车", "皖H12345"])
    source = tmp_path / "导入.xlsx"
    sheet.save(source)
    result = cli(district, "import", "asset", str(source), "--format", "json")
    assert result.exit_code != 0
    assert "车牌号 皖H12345 已登记在其他财产记录中" in result.output
    with district.db.read_session() as session:
        assert session.query(Asset).count() == 0


def test_values_are_masked_without_pii_view(district, cli):
    run_service(district, records.add, "asset", CAR)
    viewer = add_operator(district, "viewer", group="查询员")
    shown = json.loads(cli(district, "assets", "show", "#1", "--format", "json", actor=viewer).output)
    assert (shown["常住编号"], shown["财产名称"], shown["车牌号"], shown["价值(元)"]) == (
        "HQDY00101",
        "***",
        "***",
        "***",
    )
    full = json.loads(cli(district, "assets", "show", "#1", "--format", "json", actor=pii_admin(district)).output)
    assert (full["财产名称"], full["车牌号"], full["价值(元)"], full["财产类型"]) == (
        "小汽车",
        "皖H12345",
        "80000",
        "小型汽车",
    )


@pytest.mark.parametrize(("group", "can_edit"), [("信息采集员", True), ("查询员", False)])
def test_permissions_by_group(district, cli, group, can_edit):
    run_service(district, records.add, "asset", CAR)
    actor = add_operator(district, "operator", group=group)
    assert cli(district, "assets", "list", actor=actor).exit_code == 0
    assert cli(district, "assets", "of", "HQDY00101", actor=actor).exit_code == 0
    assert cli(district, "stats", "--only", "assets.by_type", actor=actor).exit_code == 0
    edited = cli(district, "assets", "edit", "#1", "--field", "品牌型号=大众", actor=actor)
    assert edited.exit_code == (0 if can_edit else PermissionDeniedError.exit_code), edited.output


def test_an_operator_sees_and_changes_only_their_region(district, cli):
    run_service(district, records.add, "asset", CAR)
    run_service(district, records.add, "asset", LAPTOP)
    actor = add_operator(district, "gh", group="信息采集员", scope="GH")
    listed = json.loads(cli(district, "assets", "list", "--format", "json", actor=actor).output)
    assert [row["常住编号"] for row in listed["records"]] == ["GHJG00101"]
    assert cli(district, "assets", "show", "#1", actor=actor).output.strip() == "错误: 大宗财产 #1 不存在"
    refused = cli(district, "assets", "add", *_fields(CAR), actor=actor)
    assert refused.output.strip() == "错误: 「常住编号」居民 HQDY00101 不存在: 请填写已有的编号"
    moved = cli(district, "assets", "edit", "#2", "--field", "常住编号=HQDY00101", actor=actor)
    assert moved.exit_code != 0
    assert cli(district, "assets", "add", *_fields({**LAPTOP, "财产名称": "台式机"}), actor=actor).exit_code == 0


def _fields(given):
    return [arg for key, value in given.items() for arg in ("--field", f"{key}={value}")]
