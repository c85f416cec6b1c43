"""``make demo``: generated maps, every compound and household placed, the pictures written; twice is once."""

from __future__ import annotations

from gridcore_maps.models import MapMarker
from PIL import Image
from sqlalchemy import func, select

from gridcore.demo.district import build_district
from gridcore.domain.households import Household
from gridcore.domain.regions import Region

SEED = 7


def counts(app) -> tuple[int, int, int, list[tuple[str, int, int | None, int | None]]]:
    with app.db.read_session() as session:
        households = session.execute(select(func.count()).select_from(Household)).scalar_one()
        regions = session.execute(select(func.count()).select_from(Region).where(Region.level > 0)).scalar_one()
        mapped = session.execute(select(func.count()).select_from(Region).where(Region.map_image.is_not(None)))
        markers = session.execute(select(MapMarker).order_by(MapMarker.id)).scalars().all()
        return (
            households,
            regions,
            mapped.scalar_one(),
            [(m.entity, m.record_id, m.left, m.top) for m in markers],
        )


def test_the_demo_places_everything_and_draws_the_maps(maps_app, tmp_path):
    build_district(maps_app, households=40, seed=SEED)
    done = maps_app.plugins.populate_demo(maps_app, tmp_path, SEED)
    assert "maps" in done
    households, regions, mapped, markers = counts(maps_app)
    assert mapped == regions  # every community and compound has a map
    assert sum(1 for entity, *_ in markers if entity == "household") == households
    assert sum(1 for entity, *_ in markers if entity == "region") == regions - 3  # compounds; communities are not
    folder = tmp_path / "maps"
    names = sorted(p.name for p in folder.iterdir() if p.is_file())
    assert any(name.endswith("-小区分布图.png") for name in names)
    assert any(name.endswith("-住户居民分布图.html") for name in names)
    assert any(name.endswith("-居民房态图.png") for name in names)
    licence = (folder / "generated" / "LICENCE.txt").read_text(encoding="utf-8")
    assert "CC0" in licence
    with Image.open(next(folder.glob("*-居民房态图.png"))) as chart:
        assert chart.width >= 640
    # a second run adds nothing and moves nothing
    maps_app.plugins.populate_demo(maps_app, tmp_path, SEED)
    assert counts(maps_app) == (households, regions, mapped, markers)
