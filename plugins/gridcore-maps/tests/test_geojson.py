"""GeoJSON export: a Point where longitude and latitude are known, no geometry where only pixels are."""

from __future__ import annotations

from gridcore_maps import markers
from gridcore_maps.geojson import geojson

from gridcore.services.unit import read_unit
from gridcore.testing import add_operator, run_service


def test_a_community_map_and_everything_below_it(maps_app, district, tmp_path, draw_map):
    run_service(maps_app, markers.set_image, "HQ", draw_map("c.png"))
    run_service(maps_app, markers.set_image, "HQDY", draw_map("d.png"))
    run_service(maps_app, markers.place, "compound", "HQDY", 300, 200, longitude=117.8123, latitude=30.9456)
    run_service(maps_app, markers.place, "household", district["乙二"], 40, 50)
    viewer = add_operator(maps_app, "cha", group="查询员")
    with read_unit(maps_app, viewer) as uow:
        shallow = geojson(uow, "HQ")
        deep = geojson(uow, "HQ", deep=True)
    assert shallow["type"] == "FeatureCollection"
    [compound] = shallow["features"]
    assert compound["id"] == "region:HQDY"
    assert compound["geometry"] == {"type": "Point", "coordinates": [117.8123, 30.9456]}
    assert (compound["properties"]["名称"], compound["properties"]["左起点"]) == ("第一小区", 300)
    assert [f["id"] for f in deep["features"]] == ["region:HQDY", f"household:{district['乙二']}"]
    home = deep["features"][1]
    assert home["geometry"] is None  # only its pixel position is known
    assert home["properties"]["上起点"] == 50
    assert home["properties"]["户主姓名"] == "乙二"
    assert home["properties"]["地图"] == "HQDY"
