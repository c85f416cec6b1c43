"""居民房态图 (R-N04–N07): floors × doors from the households, colours by 房屋状态, exact and fuzzy queries."""

from __future__ import annotations

import json
import re

import pytest
from gridcore_maps import outputs, palette
from gridcore_maps.house_grid import DoorPosition, Flat, parse_door, plan
from gridcore_maps.house_state import house_state_chart
from gridcore_maps.query_conditions import add_conditions, current_conditions, reset_conditions
from PIL import Image
from sqlalchemy import update

from gridcore.domain.households import Building
from gridcore.errors import ValidationError
from gridcore.services.unit import unit_of_work
from gridcore.testing import add_operator, login_actor, pii_admin

GREEN = palette.rgb(palette.STATE_COLOURS["1"])  # 自住
ORANGE = palette.rgb(palette.STATE_COLOURS["2"])  # 出租
GREY_BLUE = palette.rgb(palette.STATE_COLOURS["3"])  # 空置
NOT_SELECTED = palette.rgb(palette.NOT_SELECTED)
WHITE = palette.rgb(palette.NO_RECORD)


@pytest.mark.parametrize(
    ("door_no", "expected"),
    [
        ("301", DoorPosition(floor=3, door=1)),
        ("1204", DoorPosition(floor=12, door=4)),
        ("3-2", DoorPosition(floor=3, door=2)),
        ("３—０２室", DoorPosition(floor=3, door=2)),
        ("5", DoorPosition(floor=1, door=5)),
        ("12#3号", DoorPosition(floor=12, door=3)),
        ("X-A", None),
        ("300", None),
        ("", None),
        (None, None),
    ],
)
def test_the_floor_and_door_come_from_the_door_number(door_no, expected):
    assert parse_door(door_no) == expected


def test_the_plan_takes_floors_from_all_units_and_the_recorded_floor_count():
    flats = [
        Flat(building="2", unit="1", door_no="101", item="a"),
        Flat(building="2", unit="1", door_no="402", item="b"),
        Flat(building="2", unit="2", door_no="103", item="c"),
        Flat(building="10", unit="1", door_no="101", item="d"),
        Flat(building="2", unit="1", door_no="0101", item="twin"),
        Flat(building="2", unit="1", door_no="地下室", item="e"),
    ]
    result = plan(flats, {"10": 6})
    assert [b.building for b in result.buildings] == ["2", "10"]  # natural order
    two, ten = result.buildings
    assert [(u.unit, u.floors, u.doors) for u in two.units] == [("1", 4, 2), ("2", 4, 3)]
    assert [(u.unit, u.floors, u.doors) for u in ten.units] == [("1", 6, 1)]
    assert [item for item, _ in result.left_out] == ["twin", "e"]
    assert "与另一户同在 2号楼 1单元 0101" in result.left_out[0][1]


def chart_of(app, actor=None, **options):
    with unit_of_work(app, actor or login_actor(app)) as uow:
        return house_state_chart(uow, "HQDY", **options)


def cells(chart) -> dict[str, tuple[str, bool, str]]:
    """Household key → (door, selected, marks)."""
    return {
        cell.key: (cell.door, cell.selected, cell.marks)
        for building in chart.plan.buildings
        for unit in building.units
        for cell in unit.flats.values()
    }


def test_the_chart_draws_each_flat_in_its_floor_and_colours_it_by_house_state(maps_app, district, tmp_path):
    with unit_of_work(maps_app) as uow:
        uow.session.execute(update(Building).where(Building.building_no == "1").values(floor_count=4))
    chart = chart_of(maps_app)
    [building] = chart.plan.buildings
    assert [(u.unit, u.floors, u.doors) for u in building.units] == [("1", 4, 2), ("2", 4, 1)]
    assert (chart.total, chart.selected) == (5, 5)
    assert [(cell.key, why) for cell, why in chart.plan.left_out] == [(district["戊五"], "门牌号「X-A」看不出楼层")]
    written = outputs.write_house_state(maps_app, chart, tmp_path)
    with Image.open(written.png) as picture:
        image = picture.convert("RGB")
    boxes = written.layout.cells
    first, second, third = (boxes[district[h]] for h in ("甲一", "乙二", "丙三"))
    assert image.getpixel((first.left + 2, first.top + 2)) == GREEN  # 101 自住
    assert image.getpixel((second.left + 2, second.top + 2)) == ORANGE  # 102 出租
    assert image.getpixel((third.left + 2, third.top + 2)) == GREY_BLUE  # 301 空置
    assert first.top == second.top  # one floor
    assert second.left > first.left  # door 2 right of door 1
    assert third.top < first.top - 2 * (first.bottom - first.top)  # floor 3 two rows above floor 1
    empty = (third.left + 2 + (second.left - first.left), third.top + 2)  # 302: no household
    assert image.getpixel(empty) == WHITE
    # the legend: a swatch per house state
    for code, colour in (("1", GREEN), ("2", ORANGE), ("3", GREY_BLUE)):
        assert image.getpixel(written.layout.legend[code].centre) == colour
    assert written.layout.legend["1"].bottom < first.top  # above the grid


def test_exact_conditions_accumulate_until_reset(maps_app, district, tmp_path):
    """R-N05 and R-N06: whole-value matches, combined with AND, kept until 条件重置."""
    admin = login_actor(maps_app)
    with unit_of_work(maps_app, admin) as uow:
        add_conditions(uow, {"房屋状态": "自住"})
    chart = chart_of(maps_app, admin)
    picked = {key for key, (_, selected, _) in cells(chart).items() if selected}
    assert picked == {district["甲一"], district["丁四"]}
    assert chart.conditions == ("房屋状态=自住",)
    # the next query, without reset: the old condition still applies, and the new one too
    with unit_of_work(maps_app, admin) as uow:
        add_conditions(uow, {"单元": "2"})
    chart = chart_of(maps_app, admin)
    assert {key for key, (_, selected, _) in cells(chart).items() if selected} == {district["丁四"]}
    assert chart.conditions == ("房屋状态=自住", "单元=2")
    written = outputs.write_house_state(maps_app, chart, tmp_path)
    with Image.open(written.png) as picture:
        image = picture.convert("RGB")
    rented = written.layout.cells[district["乙二"]]
    assert image.getpixel((rented.left + 2, rented.top + 2)) == NOT_SELECTED
    assert image.getpixel(written.layout.legend["(未选中)"].centre) == NOT_SELECTED
    # a part of a value is not a match (精确: the whole value)
    with unit_of_work(maps_app, admin) as uow:
        reset_conditions(uow)
        add_conditions(uow, {"门牌号": "10"})
    assert not any(selected for _, selected, _ in cells(chart_of(maps_app, admin)).values())
    # 条件重置: every household again
    with unit_of_work(maps_app, admin) as uow:
        assert reset_conditions(uow) == 1
        assert current_conditions(uow) == []
    assert chart_of(maps_app, admin).selected == 5


def test_each_operator_has_their_own_conditions_and_bad_ones_are_refused(maps_app, district):
    admin = login_actor(maps_app)
    other = add_operator(maps_app, "cha", group="查询员")
    with unit_of_work(maps_app, admin) as uow:
        add_conditions(uow, {"房屋状态": "出租"})
    assert chart_of(maps_app, other).selected == 5
    with unit_of_work(maps_app, other) as uow, pytest.raises(ValidationError, match="没有字段「面积」"):
        add_conditions(uow, {"面积": "80"})
    with (
        unit_of_work(maps_app, other) as uow,
        pytest.raises(ValidationError, match="「房屋状态」的值「租出」不在词典中"),
    ):
        add_conditions(uow, {"房屋状态": "租出"})
    with unit_of_work(maps_app, other) as uow:
        assert current_conditions(uow) == []


def test_a_fuzzy_query_picks_households_containing_the_keyword(maps_app, district):
    """R-N07: 包含, over the household's searchable fields (户主姓名, 门牌号)."""
    chart = chart_of(maps_app, keyword="丙")
    assert {key for key, (_, selected, _) in cells(chart).items() if selected} == {district["丙三"]}
    chart = chart_of(maps_app, keyword="10")
    assert {key for key, (_, selected, _) in cells(chart).items() if selected} == {district["甲一"], district["乙二"]}


def test_marks_show_population_type_and_special_groups_to_who_may_see_them(maps_app, district):
    full = cells(chart_of(maps_app, pii_admin(maps_app)))
    assert full[district["甲一"]][2] == "流"  # 甲小 is 流动人口
    assert full[district["乙二"]][2] == "残"  # 乙二 is 残疾人 (SPI)
    viewer = add_operator(maps_app, "cha", group="查询员")
    chart = chart_of(maps_app, viewer)
    masked = cells(chart)
    assert masked[district["甲一"]][2] == "流"
    assert masked[district["乙二"]][2] == ""
    assert chart.notes == ("残疾人、低保、特殊人群为敏感个人信息: 需要「查看完整的敏感个人信息」权限才显示其标记",)


def test_one_building_and_the_page(maps_app, district, tmp_path):
    chart = chart_of(maps_app, building="1")
    assert chart.title == "第一小区 1号楼 居民房态图"
    written = outputs.write_house_state(maps_app, chart, tmp_path)
    assert written.png.name == "HQDY-1号楼-居民房态图.png"
    page = written.html.read_text(encoding="utf-8")
    assert "http:" not in page
    assert "https:" not in page
    data = json.loads(re.search(r'<script type="application/json" id="map-data">(.*?)</script>', page, re.S).group(1))
    titles = [item["title"] for item in data["items"]]
    # row by row from the top floor down, units side by side
    assert titles == [
        "1号楼 1单元 301 (空置)",
        "1号楼 2单元 201 (自住)",
        "1号楼 1单元 101 (自住)",
        "1号楼 1单元 102 (出租)",
    ]
    assert [m["姓名"] for m in data["items"][2]["members"]] == ["甲一", "甲小"]
    assert "未排入楼层格 (1)" in page
    with unit_of_work(maps_app) as uow, pytest.raises(ValidationError, match="居民房态图按小区绘制: 红旗社区 是社区"):
        house_state_chart(uow, "HQ")
