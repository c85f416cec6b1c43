"""The plugin as a whole: what it contributes, its migration branch, uninstalling, being disabled, permissions."""

from __future__ import annotations

import json

import pytest
from gridcore_premises import employees
from gridcore_premises.models import Premises

from gridcore.errors import PermissionDeniedError
from gridcore.services import records, residents
from gridcore.testing import add_operator, run_service
from gridcore.testing.schema import assert_migrations_match_models


def test_plugin_is_found_and_contributes(make_app):
    app = make_app(["premises"], init=False).start()
    status = {s.name: s for s in app.plugins.statuses}["premises"]
    assert (status.status, status.title) == ("ok", "营业场所")
    entity = app.registry.entities["premises"]
    assert (entity.model, entity.key, entity.sheet, entity.region) == (
        Premises,
        "premises_no",
        "营业场所信息表",
        "compound_id",
    )
    assert entity.numbering is not None
    assert (entity.numbering.parent, entity.numbering.width) == ("compound_id", 3)
    permissions = {p.id for p in app.registry.permissions.by_plugin("premises")}
    assert permissions == {"premises.view", "premises.edit", "premises.employees"}
    menus = {m.id for m in app.registry.menus.by_plugin("premises")}
    assert menus == {"collect.premises", "collect.premises.employees", "browse.premises"}
    assert {d.id for d in app.registry.dictionaries.by_plugin("premises")} == {"premises_type", "industry"}
    assert {"premises.by_type", "premises.by_region", "premises.employee_bands"} <= set(app.registry.statistics)
    assert app.registry.commands["premises"].plugin == "premises"


def test_migration_gives_exactly_the_models(make_app):
    assert_migrations_match_models(make_app(["premises"]), "premises")


def test_uninstall_with_db_downgrade_removes_the_tables_and_the_links(district, cli, add_resident):
    worker = add_resident(district, "甲某")
    run_service(district, records.add, "premises", {"场所名称": "便利店", "小区编码": "HQDY"})
    run_service(district, employees.link, "HQDY001", worker)
    result = cli(district, "db", "downgrade", "premises", "--yes")
    assert result.exit_code == 0, result.output
    assert not district.db.has_table("premises_premises")
    assert district.db.has_table("core_resident")
    assert run_service(district, residents.get, worker).premises_no is None  # no link to a premises that is gone
    assert district.migrations.upgrade() == ["premises"]  # and it installs again
    assert district.db.has_table("premises_premises")


def test_disabled_in_an_edition_the_core_keeps_working(district, make_app, cli, add_resident):
    worker = add_resident(district, "甲某")
    run_service(district, records.add, "premises", {"场所名称": "便利店", "小区编码": "HQDY"})
    run_service(district, employees.link, "HQDY001", worker)
    core_only = make_app(["core"], init=False).start()
    assert "premises" not in core_only.registry.entities
    shown = cli(core_only, "resident", "show", worker, "--format", "json")
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output)["场所编号"] == "HQDY001"
    assert cli(core_only, "premises", "list").exit_code != 0
    assert cli(core_only, "stats", "--format", "json").exit_code == 0
    assert cli(core_only, "household", "add", "--compound", "HQDY", "--head", "乙某").exit_code == 0


MATRIX = {
    ("premises", "list"): (1, 1),
    ("premises", "show", "HQDY001"): (1, 1),
    ("premises", "employees", "HQDY001"): (1, 1),
    ("premises", "add", "--field", "场所名称=新店", "--field", "小区编码=HQDY"): (1, 0),
    ("premises", "edit", "HQDY001", "--field", "地址=一号"): (1, 0),
    ("premises", "link", "HQDY001", "{worker}"): (1, 0),
    ("premises", "unlink", "HQDY001", "{worker}"): (1, 0),
    ("query", "premises"): (1, 1),
    ("stats", "--only", "premises.by_type"): (1, 1),
}


@pytest.mark.parametrize(("group", "index"), [("信息采集员", 0), ("查询员", 1)])
def test_permissions_by_group(district, cli, add_resident, group, index):
    worker = add_resident(district, "甲某")
    run_service(district, records.add, "premises", {"场所名称": "便利店", "小区编码": "HQDY"})
    actor = add_operator(district, "operator", group=group)
    for command, allowed in MATRIX.items():
        result = cli(district, *[arg.format(worker=worker) for arg in command], actor=actor)
        if allowed[index]:
            assert result.exit_code == 0, (group, command, result.output)
        else:
            assert result.exit_code == PermissionDeniedError.exit_code, (group, command, result.output)


def test_an_operator_sees_and_changes_only_their_region(district, cli, add_resident):
    run_service(district, records.add, "premises", {"场所名称": "便利店", "小区编码": "HQDY"})
    run_service(district, records.add, "premises", {"场所名称": "超市", "小区编码": "GHJG"})
    neighbour = add_resident(district, "甲某", "GHJG")
    actor = add_operator(district, "gh", group="信息采集员", scope="GH")
    listed = json.loads(cli(district, "premises", "list", "--format", "json", actor=actor).output)
    assert [row["场所编号"] for row in listed["records"]] == ["GHJG001"]
    assert cli(district, "premises", "show", "HQDY001", actor=actor).output.strip() == "错误: 营业场所 HQDY001 不存在"
    added = cli(district, "premises", "add", "--field", "场所名称=新店", "--field", "小区编码=HQDY", actor=actor)
    assert added.exit_code == 5
    assert added.output.strip() == "错误: 「小区编码」辖区 HQDY 不存在: 请填写已有的编号"  # outside the scope
    assert cli(district, "premises", "link", "HQDY001", neighbour, actor=actor).exit_code == 6
    assert cli(district, "premises", "link", "GHJG001", neighbour, actor=actor).exit_code == 0


def test_the_phone_is_masked_without_pii_view(district, cli):
    run_service(
        district,
        records.add,
        "premises",
        {"场所名称": "便利店", "小区编码": "HQDY", "负责人": "王小明", "联系电话": "13912345678"},
    )
    viewer = add_operator(district, "viewer", group="查询员")
    shown = json.loads(cli(district, "premises", "show", "HQDY001", "--format", "json", actor=viewer).output)
    assert shown["联系电话"] != "13912345678"
    assert "12345678" not in shown["联系电话"]
    admin = json.loads(cli(district, "premises", "show", "HQDY001", "--format", "json").output)
    assert admin["负责人"] == "王小明"
