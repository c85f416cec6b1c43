"""populate_demo: assets for some demo residents, with synthetic valid plates, added once."""

from __future__ import annotations

from gridcore_assets.models import Asset
from gridcore_assets.vehicles import plate_kind
from sqlalchemy import select

from gridcore.demo.district import build_district


def assets(app):
    with app.db.read_session() as session:
        return [(a.owner_id, a.asset_type, a.plate_no) for a in session.execute(select(Asset)).scalars()]


def test_demo_assets_are_added_once(make_app, tmp_path):
    app = make_app(["assets"])
    build_district(app, households=120, seed=5)
    assert app.plugins.populate_demo(app, tmp_path, 5) == ["assets"]
    found = assets(app)
    assert len(found) >= 10
    plates = [plate for _, kind, plate in found if kind == "01"]
    assert plates
    assert all(plate_kind(plate).endswith("号牌") for plate in plates)
    assert len(set(plates)) == len(plates)
    assert (tmp_path / "大宗财产信息表.xlsx").stat().st_size > 0
    app.plugins.populate_demo(app, tmp_path, 5)
    assert assets(app) == found
