"""Markers (R-L01, R-L02, R-L05, R-L06, R-M05, domain.md §1.2.8): placing, 坐标复原, 未标注, bounds, scope."""

from __future__ import annotations

import pytest
from gridcore_maps import markers
from gridcore_maps.models import MapMarker
from sqlalchemy import select

from gridcore.domain.households import Household
from gridcore.domain.regions import Region
from gridcore.errors import NotFoundError, PermissionDeniedError, ValidationError
from gridcore.services import households
from gridcore.services.unit import unit_of_work
from gridcore.testing import add_operator, run_service


@pytest.fixture
def mapped(maps_app, district, tmp_path, draw_map):
    """第一小区 and 红旗社区 with 800×600 maps."""
    run_service(maps_app, markers.set_image, "HQDY", draw_map("compound.png"))
    run_service(maps_app, markers.set_image, "HQ", draw_map("community.png"))
    return district


def household(app, key: str) -> Household:
    with app.db.read_session() as session:
        found = session.execute(select(Household).where(Household.household_no == key)).scalar_one()
        session.expunge_all()
    return found


def marker_rows(app) -> list[tuple[str, int, int | None, int | None]]:
    with app.db.read_session() as session:
        rows = session.execute(select(MapMarker).order_by(MapMarker.id)).scalars().all()
        return [(m.entity, m.map_region_id, m.left, m.top) for m in rows]


def unplaced_keys(app, code: str, *kinds: str) -> list[str]:
    with unit_of_work(app) as uow:
        return [item.key for item in markers.unplaced(uow, code, kinds)]


def test_placing_a_household_sets_its_marker_and_its_own_columns(maps_app, mapped):
    key = mapped["甲一"]
    placement = run_service(maps_app, markers.place, "household", key, 120, 80)
    assert placement.as_dict() == {
        "对象类型": "住户",
        "编号": key,
        "地图": "第一小区 (HQDY)",
        "左起点": 120,
        "上起点": 80,
        "经度": None,
        "纬度": None,
    }
    stored = household(maps_app, key)
    assert (stored.map_left, stored.map_top) == (120, 80)  # 房屋左起点 / 房屋上起点
    [(entity, _, left, top)] = marker_rows(maps_app)
    assert (entity, left, top) == ("household", 120, 80)
    # placing again moves the one marker
    run_service(maps_app, markers.place, "住户", key, 10, 20)
    assert [(left, top) for _, _, left, top in marker_rows(maps_app)] == [(10, 20)]


def test_a_compound_is_placed_on_its_community_map_with_longitude_and_latitude(maps_app, mapped):
    run_service(maps_app, markers.place, "compound", "hqdy", 300, 200, longitude=117.81, latitude=30.94)
    with maps_app.db.read_session() as session:
        compound = session.execute(select(Region).where(Region.code == "HQDY")).scalar_one()
        community_id = session.execute(select(Region.id).where(Region.code == "HQ")).scalar_one()
        assert (compound.map_left, compound.map_top) == (300, 200)
        assert (compound.longitude, compound.latitude) == (117.81, 30.94)
    [(entity, map_region, left, top)] = marker_rows(maps_app)
    assert (entity, map_region, left, top) == ("region", community_id, 300, 200)
    assert unplaced_keys(maps_app, "HQ") == ["HQDE"]


def test_a_position_must_keep_the_whole_marker_on_the_map(maps_app, mapped):
    key = mapped["甲一"]
    run_service(maps_app, markers.place, "household", key, 784, 584)  # 800 - 16, 600 - 16
    with pytest.raises(ValidationError, match="左起点 785 超出第一小区地图范围: 应在 0–784 之间"):
        run_service(maps_app, markers.place, "household", key, 785, 0)
    with pytest.raises(ValidationError, match="上起点 -1 超出第一小区地图范围: 应在 0–584 之间"):
        run_service(maps_app, markers.place, "household", key, 0, -1)
    run_service(maps_app, markers.set_marker_size, "HQDY", 40, 30)  # R-L02: the size parameters
    with pytest.raises(ValidationError, match="应在 0–760 之间"):
        run_service(maps_app, markers.place, "household", key, 761, 0)
    with pytest.raises(ValidationError, match="标注宽度 7 应在 8–200 像素之间"):
        run_service(maps_app, markers.set_marker_size, "HQDY", 7, 30)
    with pytest.raises(ValidationError, match=r"经度 190\.0 应在 -180 与 180 之间"):
        run_service(maps_app, markers.place, "household", key, 1, 1, longitude=190.0)
    assert [(left, top) for _, _, left, top in marker_rows(maps_app)] == [(784, 584)]


def test_placing_needs_a_map_image_first(maps_app, district):
    with pytest.raises(
        ValidationError, match="小区第一小区 \\(HQDY\\) 还没有地图图片: 请先运行 gridcore map set-image HQDY"
    ):
        run_service(maps_app, markers.place, "household", district["甲一"], 1, 1)


def test_reset_moves_the_marker_to_the_top_left_and_saves_it(maps_app, mapped):
    key = mapped["乙二"]
    run_service(maps_app, markers.place, "household", key, 500, 400)
    placement = run_service(maps_app, markers.reset, "household", key)  # R-L06 坐标复原
    assert (placement.left, placement.top) == (0, 0)
    stored = household(maps_app, key)
    assert (stored.map_left, stored.map_top) == (0, 0)
    assert key not in unplaced_keys(maps_app, "HQDY")


def test_unplaced_lists_what_the_map_does_not_position_yet(maps_app, mapped):
    keys = [mapped[head] for head in ("甲一", "乙二", "丙三", "丁四", "戊五")]
    assert unplaced_keys(maps_app, "HQDY") == keys  # premises are not installed: skipped
    run_service(maps_app, markers.place, "household", keys[1], 5, 5)
    assert unplaced_keys(maps_app, "HQDY", "household") == [keys[0], *keys[2:]]
    assert unplaced_keys(maps_app, "HQ") == ["HQDE", "HQDY"]  # a community map positions compounds


def test_kinds_are_found_through_the_registry(maps_app, mapped):
    with pytest.raises(NotFoundError, match="没有可标注的对象类型「premises」;可用: region、compound"):
        run_service(maps_app, markers.place, "premises", "HQDY001", 1, 1)
    with pytest.raises(ValidationError, match="红旗社区 \\(HQ\\) 是社区, 不是小区"):
        run_service(maps_app, markers.place, "compound", "HQ", 1, 1)
    with pytest.raises(ValidationError, match="江畔街道 是最高层级, 没有可以标注它的上级地图"):
        run_service(maps_app, markers.place, "region", "JP", 1, 1)
    with pytest.raises(NotFoundError, match="住户 HQDY999 不存在"):
        run_service(maps_app, markers.place, "household", "HQDY999", 1, 1)


def test_a_household_not_linked_to_a_compound_cannot_be_placed(maps_app, mapped):
    def add(uow):
        return households.add(uow, head_name="己六").id

    loose = run_service(maps_app, add)
    with pytest.raises(ValidationError, match=f"住户 #{loose} 尚未关联到辖区"):
        run_service(maps_app, markers.place, "household", f"#{loose}", 1, 1)


def test_markers_follow_writes_made_elsewhere(maps_app, mapped):
    key = mapped["甲一"]
    run_service(maps_app, markers.place, "household", key, 100, 100)
    # 房屋左起点 typed into the household (an import or the generic edit) moves the marker
    with unit_of_work(maps_app) as uow:
        record = households.get(uow, key)
        record.map_left = 150
        uow.write("household", "update", record, key=key)
    assert [(left, top) for _, _, left, top in marker_rows(maps_app)] == [(150, 100)]
    # moving the household to another compound leaves it unplaced there
    run_service(maps_app, households.link, key, "HQDE", move=True)
    assert key in unplaced_keys(maps_app, "HQDE", "household")
    assert key not in unplaced_keys(maps_app, "HQDY", "household")
    # deleting a household deletes its marker
    run_service(maps_app, markers.place, "household", mapped["丙三"], 1, 1)
    run_service(maps_app, households.delete, mapped["丙三"])
    assert len(marker_rows(maps_app)) == 1


def test_placing_needs_maps_edit_and_stays_inside_the_operators_scope(maps_app, mapped, tmp_path, draw_map):
    viewer = add_operator(maps_app, "cha", group="查询员")
    with unit_of_work(maps_app, viewer) as uow, pytest.raises(PermissionDeniedError, match=r"maps\.edit"):
        markers.place(uow, "household", mapped["甲一"], 1, 1)
    with unit_of_work(maps_app, viewer) as uow:
        assert [item.key for item in markers.unplaced(uow, "HQ")] == ["HQDE", "HQDY"]
    run_service(maps_app, markers.set_image, "HQDE", draw_map("de.png"))
    collector = add_operator(maps_app, "cai", group="信息采集员", scope="HQDE")
    with unit_of_work(maps_app, collector) as uow, pytest.raises(NotFoundError, match="住户 HQDY001 不存在"):
        markers.place(uow, "household", "HQDY001", 1, 1)


def test_locate_finds_the_first_household_whose_text_contains_the_keyword(maps_app, mapped, cli):
    """R-L07 户主姓名定位 (and R-L08 for any kind): contains-match, in list order, placed or not."""
    run_service(maps_app, markers.place, "household", mapped["乙二"], 50, 60)
    with unit_of_work(maps_app) as uow:
        found = markers.locate(uow, "HQDY", "乙")
        assert found is not None
        assert (found.key, found.placed) == (mapped["乙二"], True)
        second = markers.locate(uow, "HQDY", "30")  # 丙三's 门牌号 301
        assert second is not None
        assert (second.key, second.placed) == (mapped["丙三"], False)
        assert markers.locate(uow, "HQDY", "无此人") is None
        assert markers.locate(uow, "HQ", "第二") is not None  # a compound on the community map
    result = cli(maps_app, "map", "locate", "HQDY", "乙", "--format", "json")
    assert result.exit_code == 0, result.output
    assert '"左起点": 50' in result.stdout
    result = cli(maps_app, "map", "locate", "HQDY", "无此人")
    assert result.exit_code == NotFoundError.exit_code
    assert "辖区 HQDY 的地图上没有包含「无此人」的对象" in result.output
