"""``gridcore query``: options become a query; JSON, CSV and table output; one-line errors."""

from __future__ import annotations

import csv
import io
import json

import pytest

from gridcore.services import households, regions, residents
from gridcore.testing import pii_admin, run_service


@pytest.fixture
def town(gridcore_app):
    app = gridcore_app
    run_service(app, regions.add, level="街道", name="东城街道")
    run_service(app, regions.add, level="社区", name="红旗社区", parent_code="DC")
    run_service(app, regions.add, level="小区", name="第一小区", parent_code="HQ")
    household = run_service(app, households.add, head_name="张三", compound_code="HQDY")
    run_service(
        app,
        residents.add,
        name=None,
        household_key=household.household_no,
        relation="户主",
        given={"性别": "男", "出生日期": "1950-01-01"},
    )
    run_service(
        app,
        residents.add,
        name="李四",
        household_key=household.household_no,
        relation="配偶",
        given={"性别": "女", "出生日期": "1952-02-02", "民族": "回族"},
    )
    return app


def test_json_with_where_contains_filter_and_facets(town, cli):
    result = cli(town, "query", "resident", "--contains", "zs", "--format", "json")
    payload = json.loads(result.output)
    assert payload["total"] == 1
    assert payload["records"][0]["姓名"] == "张三"
    result = cli(
        town,
        "query",
        "resident",
        "--where",
        "性别=女",
        "--filter",
        "出生日期 > 1951-01-01",
        "--facets",
        "--format",
        "json",
    )
    payload = json.loads(result.output)
    assert [r["姓名"] for r in payload["records"]] == ["李四"]
    assert payload["facets"]["性别"] == {"女": 1}
    assert "民族" not in payload["facets"]  # SPI: counted only for operators with pii.view
    viewer = pii_admin(town)
    result = cli(town, "query", "resident", "--where", "民族=回族", "--facets", "--format", "json", actor=viewer)
    payload = json.loads(result.output)
    assert ([r["姓名"] for r in payload["records"]], payload["facets"]["民族"]) == (["李四"], {"回族": 1})


def test_csv_columns_and_sort(town, cli):
    result = cli(town, "query", "resident", "--columns", "姓名,性别", "--sort", "-出生日期", "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows == [["key", "姓名", "性别"], ["HQDY00102", "李四", "女"], ["HQDY00101", "张三", "男"]]


def test_table_shows_total(town, cli):
    result = cli(town, "query", "household", "--region", "HQ")
    assert result.exit_code == 0
    assert "共 1 条" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--filter", "颜色 = 红"], "没有字段「颜色」"),
        (["--where", "姓名"], "标签=值"),
        (["--region", "XX"], "没有编码为 XX"),
        ([], None),
    ],
)
def test_errors_are_one_line(town, cli, args, message):
    entity = "resident" if message else "nothing"
    result = cli(town, "query", entity, *args)
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("错误:")
    assert (message or "没有实体 'nothing'") in lines[0]
