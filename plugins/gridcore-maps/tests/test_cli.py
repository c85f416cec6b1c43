"""``gridcore map``: the commands end to end, as people type them."""

from __future__ import annotations

import json

from gridcore.errors import NotFoundError, PermissionDeniedError, ValidationError
from gridcore.testing import add_operator


def test_set_image_place_reset_and_unplaced(maps_app, district, cli, tmp_path, draw_map):
    result = cli(maps_app, "map", "set-image", "HQDY", str(draw_map("m.png", (640, 480))), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["图片宽度"] == 640
    assert "提示: 地图图片为 640×480 像素, 建议使用 800×600" in result.stderr
    key = district["甲一"]
    result = cli(maps_app, "map", "place", "household", key, "200", "100", "--format", "json")
    assert result.exit_code == 0, result.output
    assert (json.loads(result.stdout)["左起点"], json.loads(result.stdout)["上起点"]) == (200, 100)
    shown = json.loads(cli(maps_app, "household", "show", key, "--format", "json").stdout)
    assert (shown["房屋左起点"], shown["房屋上起点"]) == (200, 100)
    result = cli(maps_app, "map", "reset", "household", key, "--format", "json")
    assert result.exit_code == 0, result.output
    assert (json.loads(result.stdout)["左起点"], json.loads(result.stdout)["上起点"]) == (0, 0)
    rows = json.loads(cli(maps_app, "map", "unplaced", "HQDY", "--format", "json").stdout)
    assert [row["编号"] for row in rows] == [district[h] for h in ("乙二", "丙三", "丁四", "戊五")]
    assert rows[0] == {"类型": "住户", "编号": district["乙二"], "名称": "102"}
    info = json.loads(cli(maps_app, "map", "show", "HQDY", "--format", "json").stdout)
    assert (info["图片宽度"], info["图片高度"], info["标注宽度"]) == (640, 480, 16)


def test_mistakes_are_one_line_with_the_errors_exit_code(maps_app, district, cli, tmp_path):
    fake = tmp_path / "fake.png"
    fake.write_bytes(b"not an image at all")
    result = cli(maps_app, "map", "set-image", "HQDY", str(fake))
    assert result.exit_code == ValidationError.exit_code
    assert "不是可识别的图片" in result.output
    assert "Traceback" not in result.output
    result = cli(maps_app, "map", "place", "household", district["甲一"], "5", "5")
    assert result.exit_code == ValidationError.exit_code
    assert "还没有地图图片: 请先运行 gridcore map set-image HQDY" in result.output
    result = cli(maps_app, "map", "place", "shop", "X", "5", "5")
    assert result.exit_code == NotFoundError.exit_code
    assert "没有可标注的对象类型「shop」" in result.output
    viewer = add_operator(maps_app, "cha", group="查询员")
    result = cli(maps_app, "map", "reset", "household", district["甲一"], actor=viewer)
    assert result.exit_code == PermissionDeniedError.exit_code
    assert "maps.edit" in result.output


def test_distribution_house_state_and_geojson_write_their_files(maps_app, district, cli, tmp_path, draw_map):
    cli(maps_app, "map", "set-image", "HQ", str(draw_map("c.png")))
    cli(maps_app, "map", "set-image", "HQDY", str(draw_map("d.png")))
    cli(maps_app, "map", "place", "compound", "HQDY", "100", "100", "--lon", "117.8", "--lat", "30.9")
    cli(maps_app, "map", "place", "household", district["甲一"], "300", "300")
    out = tmp_path / "out"
    result = cli(maps_app, "map", "distribution", "HQ", str(out), "--children")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "HQ-小区分布图.html",
        "HQ-小区分布图.png",
        "HQDY-住户居民分布图.html",
        "HQDY-住户居民分布图.png",
    ]
    assert 'href="HQDY-住户居民分布图.html"' not in (out / "HQ-小区分布图.html").read_text(encoding="utf-8")
    assert '"link": "HQDY-住户居民分布图.html"' in (out / "HQ-小区分布图.html").read_text(encoding="utf-8")
    result = cli(maps_app, "map", "geojson", "HQ", str(tmp_path / "hq.geojson"), "--deep")
    assert result.exit_code == 0, result.output
    assert "已导出 2 个标注" in result.output
    features = json.loads((tmp_path / "hq.geojson").read_text(encoding="utf-8"))["features"]
    assert features[0]["geometry"]["coordinates"] == [117.8, 30.9]


def test_house_state_conditions_accumulate_across_commands_until_reset(maps_app, district, cli, tmp_path):
    out = tmp_path / "chart"
    result = cli(maps_app, "map", "house-state", "HQDY", str(out), "--exact", "房屋状态=自住")
    assert result.exit_code == 0, result.output
    assert "精确查询条件: 房屋状态=自住; 共 5 户, 选中 3 户" in result.output  # 甲一, 丁四, 戊五
    result = cli(maps_app, "map", "house-state", "HQDY", str(out), "--exact", "单元=2")
    assert "精确查询条件: 房屋状态=自住、单元=2; 共 5 户, 选中 2 户" in result.output
    result = cli(maps_app, "map", "house-state", "HQDY", str(out))  # no new condition, no reset
    assert "选中 2 户" in result.output
    rows = json.loads(cli(maps_app, "map", "conditions", "--format", "json").stdout)
    assert rows == [{"字段": "房屋状态", "值": "自住"}, {"字段": "单元", "值": "2"}]
    result = cli(maps_app, "map", "house-state", "HQDY", str(out), "--reset", "--fuzzy", "丙")
    assert "精确查询条件: 无; 共 5 户, 选中 1 户" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["HQDY-居民房态图.html", "HQDY-居民房态图.png"]
    assert json.loads(cli(maps_app, "map", "conditions", "--reset", "--format", "json").stdout) == []
