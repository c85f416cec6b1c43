"""Any registered entity with a region can be placed: found through the registry, never by name.

A throw-away plugin registers 小店 (key 场所编号, region ``compound_id``) on its own metadata, as a
premises plugin would; residents whose 场所编号 holds a shop's key are its employees. When the real
gridcore-premises is installed, premises are placed the same way.
"""

from __future__ import annotations

import importlib.metadata

import pytest
from gridcore_maps import markers
from gridcore_maps.distribution import distribution
from sqlalchemy import Integer, String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from gridcore import Entity
from gridcore.domain.regions import Region
from gridcore.entities import field
from gridcore.services import residents
from gridcore.services.unit import read_unit, unit_of_work
from gridcore.testing import make_plugin, pii_admin, run_service


class ShopBase(DeclarativeBase):
    """A metadata of its own, so the shared one (and other tests' schema checks) never see this table."""


class Shop(ShopBase):
    __tablename__ = "mapstest_shop"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    shop_no: Mapped[str] = field("场所编号", String(20), unique=True, required=True)
    name: Mapped[str] = field("店名", String(50), required=True, searchable=True)
    compound_id: Mapped[int] = mapped_column(Integer, index=True)
    map_left: Mapped[int | None] = field("店铺左起点", Integer)
    map_top: Mapped[int | None] = field("店铺上起点", Integer)


SHOP = Entity(id="mapstest_shop", title="小店", model=Shop, key="shop_no", region="compound_id")


@pytest.fixture
def shop_app(make_app, image_root, tmp_path, draw_map, build_jurisdiction):
    plugin = make_plugin("mapstest", register_entities=lambda: [SHOP])
    settings = {"maps": {"image_root": str(image_root), "map_kinds": ["household", "mapstest_shop"]}}
    app = make_app(["core", "maps"], extra=[plugin], settings=settings)
    Shop.__table__.create(app.db.engine)
    keys = build_jurisdiction(app)
    with unit_of_work(app) as uow:
        compound = uow.session.execute(select(Region).where(Region.code == "HQDY")).scalar_one()
        uow.session.add(Shop(shop_no="HQDY001S", name="便民超市", compound_id=compound.id))
        employee = residents.add(uow, name="庚七", household_key=keys["丁四"], relation="户主")
        employee.premises_no = "HQDY001S"  # as the shop plugin's employee link would set it
        uow.write("resident", "update", employee, key=employee.resident_no or "")
    run_service(app, markers.set_image, "HQDY", draw_map("d.png"))
    return app


def test_a_registered_shop_is_placed_drawn_and_lists_its_employees(shop_app):
    placement = run_service(shop_app, markers.place, "小店", "HQDY001S", 60, 70)
    assert (placement.kind, placement.key, placement.left) == ("小店", "HQDY001S", 60)
    with shop_app.db.read_session() as session:
        assert session.execute(select(Shop.map_left, Shop.map_top)).one() == (60, 70)  # its own columns
    with read_unit(shop_app, pii_admin(shop_app)) as uow:
        dm = distribution(uow, "HQDY")
    assert dm.title == "第一小区 住户居民分布图、小店分布图"
    [shop] = dm.markers
    assert (shop.kind, shop.label) == ("mapstest_shop", "便民超市")
    assert shop.info == {"场所编号": "HQDY001S", "店名": "便民超市", "店铺左起点": 60, "店铺上起点": 70}
    assert shop.members is not None
    assert [m["姓名"] for m in shop.members] == ["庚七"]  # residents whose 场所编号 is the shop's
    assert [(e.kind, e.placed, e.unplaced) for e in dm.legend] == [("household", 0, 5), ("mapstest_shop", 1, 0)]
    assert [e.shape for e in dm.legend] == ["star", "circle"]


@pytest.mark.skipif(
    not any(ep.name == "premises" for ep in importlib.metadata.entry_points(group="gridcore.plugins")),
    reason="gridcore-premises is not installed",
)
def test_premises_are_placed_when_gridcore_premises_is_installed(
    make_app, image_root, tmp_path, draw_map, build_jurisdiction
):
    from gridcore.services import records

    app = make_app(["core", "maps", "premises"], settings={"maps": {"image_root": str(image_root)}})
    build_jurisdiction(app)
    with unit_of_work(app) as uow:
        shop = records.add(uow, "premises", {"场所名称": "便民超市", "小区编码": "HQDY"})
        key = shop.premises_no
    run_service(app, markers.set_image, "HQDY", draw_map("d.png"))
    run_service(app, markers.place, "premises", key, 30, 40)
    with read_unit(app) as uow:
        dm = distribution(uow, "HQDY", ["premises"])
    assert dm.title == "第一小区 营业场所分布图"
    assert [(m.key, m.label, m.left, m.top) for m in dm.markers] == [(key, "便民超市", 30, 40)]
