"""The demo street, small: built through the services, every household linked and numbered, idempotent."""

from __future__ import annotations

from collections import Counter
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from gridcore.demo.__main__ import cli as demo_cli
from gridcore.demo.district import COMMUNITIES, STREET, build_district, plan_district
from gridcore.domain.households import Household
from gridcore.domain.idcard import parse_id
from gridcore.domain.residents import Resident
from gridcore.services import regions
from gridcore.testing import in_unit

HOUSEHOLDS = 40
RESIDENT_FIELDS = (
    "household_id",
    "household_no",
    "resident_no",
    "head_name",
    "name",
    "relation_to_head",
    "id_number",
    "birth_date",
    "sex",
    "ethnicity",
    "political_status",
)


@pytest.fixture
def built(gridcore_app):
    report = build_district(gridcore_app, households=HOUSEHOLDS)
    return gridcore_app, report


def _tree(app):
    return in_unit(app, regions.tree)[0]


def _records(app):
    """Households and residents as plain values, read in one session."""
    with app.db.read_session() as session:
        homes = [
            {
                "id": h.id,
                "no": h.household_no,
                "compound_id": h.compound_id,
                "compound_code": h.compound.code if h.compound else None,
                "names": (h.community_name, h.compound_name),
                "expected_names": (h.compound.parent.name, h.compound.name) if h.compound else None,
                "address": (h.compound_id, h.building_no, h.unit_no, h.door_no),
                "head_name": h.head_name,
            }
            for h in session.execute(select(Household)).scalars()
        ]
        people = [
            SimpleNamespace(**{key: getattr(r, key) for key in RESIDENT_FIELDS})
            for r in session.scalars(select(Resident))
        ]
    return homes, people


def test_builds_the_street_with_its_counts(built):
    app, report = built
    assert report.created == tuple(c.name for c in COMMUNITIES)
    assert report.skipped == ()
    assert report.warnings == ()
    assert report.households == HOUSEHOLDS
    assert 2.2 * HOUSEHOLDS <= report.residents <= 3.4 * HOUSEHOLDS
    (street,) = _tree(app)
    assert (street.name, street.level, street.households, street.residents) == (
        STREET,
        "街道",
        HOUSEHOLDS,
        report.residents,
    )
    assert sorted(c.name for c in street.children) == sorted(c.name for c in COMMUNITIES)
    compounds = [compound for community in street.children for compound in community.children]
    assert len(compounds) == sum(len(c.compounds) for c in COMMUNITIES)
    assert all(compound.level == "小区" for compound in compounds)


def test_every_household_is_linked_and_numbered(built):
    app, _ = built
    homes, people = _records(app)
    assert len(homes) == HOUSEHOLDS
    for home in homes:
        assert home["compound_id"] is not None
        assert home["no"].startswith(home["compound_code"])
        assert len(home["no"]) == len(home["compound_code"]) + 3
        assert home["names"] == home["expected_names"]
        assert all(home["address"])
    addresses = Counter(home["address"] for home in homes)
    assert max(addresses.values()) == 1
    assert {p.household_id for p in people} == {home["id"] for home in homes}


def test_one_head_per_household_and_residents_complete(built):
    app, _ = built
    homes, people = _records(app)
    by_household = {home["id"]: home for home in homes}
    heads = Counter(p.household_id for p in people if p.relation_to_head == "02")
    assert set(heads.values()) == {1}
    assert set(heads) == set(by_household)
    for person in people:
        household = by_household[person.household_id]
        assert person.name.strip()
        assert person.resident_no.startswith(household["no"])
        assert person.household_no == household["no"]
        assert person.head_name == household["head_name"]
        info = parse_id(person.id_number)
        assert (person.birth_date, person.sex) == (info.birth_date, info.sex_code)
        assert person.ethnicity
        assert person.political_status
        if person.relation_to_head == "02":
            assert person.name == household["head_name"]


def test_building_again_adds_nothing(built):
    app, first = built
    again = build_district(app, households=HOUSEHOLDS)
    assert again.created == ()
    assert again.skipped == first.created
    assert (again.households, again.residents) == (0, 0)
    (street,) = _tree(app)
    assert (street.households, street.residents) == (first.households, first.residents)


def test_only_the_missing_communities_are_added(gridcore_app):
    plan = plan_district(HOUSEHOLDS)
    first = COMMUNITIES[0]
    in_unit(gridcore_app, lambda uow: regions.add(uow, level=0, name=STREET))
    street_code = _tree(gridcore_app)[0].code
    in_unit(gridcore_app, lambda uow: regions.add(uow, level=1, name=first.name, parent_code=street_code))
    report = build_district(gridcore_app, households=HOUSEHOLDS)
    assert report.skipped == (first.name,)
    assert report.households == sum(len(homes) for c in COMMUNITIES[1:] for homes in plan[c.name].values())


def test_the_plan_is_deterministic():
    assert plan_district(25, seed=3) == plan_district(25, seed=3)
    assert plan_district(25, seed=3) != plan_district(25, seed=4)
    with pytest.raises(ValueError, match="at least 1"):
        plan_district(0)


def test_make_demo_twice(tmp_path, capsys):
    folder = tmp_path / "demo"
    demo_cli(["--dir", str(folder), "--households", "12"])
    first = capsys.readouterr().out
    assert "新增 12 户" in first
    assert STREET in first
    demo_cli(["--dir", str(folder), "--households", "12"])
    second = capsys.readouterr().out
    assert "已存在, 未重复添加" in second
    assert "新增" not in second
    region_list = second.split(" region list\n", 1)[1].split("\n$ gridcore", 1)[0]  # that command's output
    tree_lines = [line for line in region_list.splitlines() if STREET in line]
    assert len(tree_lines) == 1
    assert " 12 " in tree_lines[0]
