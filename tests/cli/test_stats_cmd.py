"""``gridcore stats``: JSON, the workbook (one sheet per statistic) and the charts with Chinese labels."""

from __future__ import annotations

import json

import openpyxl
from PIL import Image

from gridcore.services import households, regions, residents
from gridcore.testing import run_service


def small_town(app):
    run_service(app, regions.add, level="街道", name="东城街道")
    run_service(app, regions.add, level="社区", name="红旗社区", parent_code="DC")
    run_service(app, regions.add, level="小区", name="=第一小区", parent_code="HQ", code="HQDY")
    household = run_service(app, households.add, head_name="甲某", compound_code="HQDY")
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
        name="乙某",
        household_key=household.household_no,
        relation="配偶",
        given={"性别": "女", "出生日期": "1952-02-02"},
    )
    return app


def test_stats_json(gridcore_app, cli):
    small_town(gridcore_app)
    result = cli(gridcore_app, "stats", "--format", "json", "--only", "population_by_sex")
    assert result.exit_code == 0, result.output
    (table,) = json.loads(result.output)
    assert table["rows"] == [["男", 1], ["女", 1]]


def test_stats_workbook_and_charts(gridcore_app, cli, tmp_path):
    small_town(gridcore_app)
    workbook_path = tmp_path / "stats.xlsx"
    charts = tmp_path / "charts"
    result = cli(gridcore_app, "stats", "--xlsx", str(workbook_path), "--charts", str(charts))
    assert result.exit_code == 0, result.output
    workbook = openpyxl.load_workbook(workbook_path)
    assert len(workbook.sheetnames) == len(gridcore_app.registry.statistics)
    sheet = workbook["人口性别构成"]
    assert [c.value for c in sheet[2]] == ["性别", "人数"]
    region_sheet = workbook["各辖区户数与人口"]
    assert region_sheet["B3"].value == "=第一小区"
    assert region_sheet["B3"].data_type == "s"  # text, not a formula
    pngs = sorted(charts.glob("*.png"))
    assert any(p.name == "population_by_sex-pie.png" for p in pngs)
    with Image.open(charts / "age_bands-bar.png") as image:
        assert image.size == (800, 500)
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
        assert colours is not None
        assert len(colours) > 50  # drawn, with anti-aliased text


def test_chinese_font_is_found():
    from gridcore.stats.fonts import find_cjk_font

    font = find_cjk_font()
    assert font.is_file()


def test_missing_configured_font_is_one_line(gridcore_app, make_app, cli, tmp_path):
    app = make_app(settings={"core": {"cjk_font": str(tmp_path / "none.ttf")}})
    small_town(app)
    result = cli(app, "stats", "--charts", str(tmp_path / "c"))
    assert result.exit_code != 0
    assert "cjk_font 指定的字体文件不存在" in result.output


def test_stats_before_init_says_run_init(make_app, cli):
    app = make_app(init=False)
    result = cli(app, "stats")
    assert result.exit_code != 0
    assert "gridcore init" in result.output
