"""populate_demo: premises with employees in several demo compounds, added once."""

from __future__ import annotations

from gridcore_premises.credit_code import is_valid
from gridcore_premises.models import Premises
from sqlalchemy import func, select

from gridcore.demo.district import build_district
from gridcore.domain.residents import Resident


def counts(app):
    with app.db.read_session() as session:
        places = session.execute(select(Premises)).scalars().all()
        staff = session.execute(select(func.count()).where(Resident.premises_no.is_not(None))).scalar_one()
        return [(p.premises_no, p.name, p.credit_code) for p in places], staff


def test_demo_premises_with_employees_are_added_once(make_app, tmp_path):
    app = make_app(["premises"])
    build_district(app, households=120, seed=11)
    assert app.plugins.populate_demo(app, tmp_path, 11) == ["premises"]
    places, staff = counts(app)
    compounds = {number[:-3] for number, _, _ in places}
    assert len(compounds) >= 3
    assert len(places) >= 3 * len(compounds)
    assert staff > 0
    assert all(is_valid(code) for _, _, code in places)
    assert (tmp_path / "营业场所信息表.xlsx").stat().st_size > 0
    app.plugins.populate_demo(app, tmp_path, 11)
    assert counts(app) == (places, staff)
