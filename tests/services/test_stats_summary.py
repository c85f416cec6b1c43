"""The statistics summary (stats_core_resident*) stays exact through every kind of write.

Each test changes residents and households a different way, then checks that the trigger-kept summary
equals one rebuilt from the residents, and that the statistics equal counts taken from the residents
themselves.
"""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from sqlalchemy import func, select, text

from gridcore import testing
from gridcore.app import GridApp
from gridcore.domain.households import Household
from gridcore.domain.idcard import make_id
from gridcore.domain.residents import Resident
from gridcore.edition import Edition
from gridcore.exchange import write_table
from gridcore.packages.keys import UnitKey
from gridcore.services import backups, exchange, households, imports, keys, regions, residents
from gridcore.services.setup import initialize
from gridcore.services.stats import run_statistics
from gridcore.services.unit import unit_of_work
from gridcore.stats import summary
from gridcore.testing import TEST_ADMIN_PASSWORD, run_service

NOW = dt.datetime(2026, 11, 29, 8, 0, tzinfo=dt.UTC)


def years_ago(years, days=0):
    today = dt.date.today()
    return (today.replace(year=today.year - years) - dt.timedelta(days=days)).isoformat()


def assert_summary_exact(app):
    """The trigger-kept summary equals a rebuild from the residents (the rebuild is rolled back)."""
    with app.db.session() as session:
        kept = summary.snapshot(session)
        summary.rebuild(session)
        rebuilt = summary.snapshot(session)
        session.rollback()
    assert kept == rebuilt
    assert all(row[-1] > 0 for rows in kept.values() for row in rows), "rows that dropped to zero are deleted"
    with app.db.session() as session:
        total = session.execute(select(func.sum(summary.profile.c.residents))).scalar() or 0
        assert total == session.execute(select(func.count()).select_from(Resident)).scalar_one()


def stats(app, region=None):
    return {
        r.statistic.id: {row[0]: row[-1] for row in r.table.rows}
        for r in run_service(app, run_statistics, region=region)
    }


def counted_from_residents(app, compound_codes=None):
    """Residents by sex, 60+ and 60+ living alone, counted from core_resident (optionally in compounds)."""
    from gridcore.domain.regions import Region

    boundary = dt.date.today().replace(year=dt.date.today().year - 60)
    with app.db.read_session() as session:
        query = select(Resident).outerjoin(Household, Household.id == Resident.household_id)
        if compound_codes is not None:
            query = query.join(Region, Region.id == Household.compound_id).where(Region.code.in_(compound_codes))
        people = list(session.execute(query).scalars())
        sexes: dict[str, int] = {}
        for person in people:
            label = {"1": "男", "2": "女"}.get(person.sex or "", "未填写")
            sexes[label] = sexes.get(label, 0) + 1
        old = [p for p in people if p.birth_date is not None and p.birth_date <= boundary]
        return sexes, len(old), sum(1 for p in old if p.lives_alone)


def assert_statistics_match_residents(app):
    for region, codes in ((None, None), ("HQ", ["HQDY", "HQDE"]), ("HQDE", ["HQDE"])):
        found = stats(app, region)
        sexes, elderly, alone = counted_from_residents(app, codes)
        assert found["population_by_sex"] == sexes, region
        assert found["elderly"] == {"老年人(60岁及以上)": elderly, "独居老人": alone}, region
        assert sum(found["age_bands"].values()) == sum(sexes.values()), region


def add_person(app, name, household_no=None, *, born=None, sex="男", alone=False, id_number=None, relation="子"):
    given = {"性别": sex, "独居": "是" if alone else "否"}
    if born:
        given["出生日期"] = born
    return run_service(
        app,
        residents.add,
        name=name,
        household_key=household_no,
        relation=relation,
        id_number=id_number,
        given=given,
    )


@pytest.fixture
def town(district):
    first = run_service(district, households.add, head_name="甲一", compound_code="HQDY")
    second = run_service(district, households.add, head_name="乙一", compound_code="HQDE")
    add_person(district, "甲一", first.household_no, born=years_ago(70), alone=True, relation="户主")
    add_person(district, "甲二", first.household_no, born=years_ago(60, days=-1), sex="女", relation="配偶")
    add_person(district, "乙一", second.household_no, born=years_ago(35), sex="女", relation="户主")
    add_person(district, "丙一", None, born=years_ago(80), alone=True)  # waiting to be linked
    return district


def test_the_migration_fills_the_summary_and_the_triggers_keep_it(town):
    assert_summary_exact(town)
    assert_statistics_match_residents(town)
    found = stats(town)
    assert found["population_by_sex"] == {"男": 2, "女": 2}
    assert found["elderly"] == {"老年人(60岁及以上)": 2, "独居老人": 2}  # 甲二 turns 60 tomorrow
    assert found["population_by_region"] == {"红旗社区": 1}  # rows end with the residents: one each
    assert stats(town, "HQDY")["population_by_sex"] == {"男": 1, "女": 1}


def test_edit_link_move_and_delete_keep_it_exact(town):
    resident = run_service(town, residents.edit, "HQDY00102", {"性别": "男", "出生日期": years_ago(61)})
    assert resident.sex == "1"
    assert_summary_exact(town)
    lonely = next(iter(run_service(town, _residents_named, "丙一")))
    run_service(town, residents.link, lonely, "HQDE001")  # a resident of no compound joins one
    assert_summary_exact(town)
    assert_statistics_match_residents(town)
    run_service(town, households.link, "HQDE001", "HQDY", move=True)  # the household moves compound
    assert_summary_exact(town)
    assert_statistics_match_residents(town)
    assert stats(town, "HQDE")["population_by_sex"] == {}
    moved = run_service(town, _household_numbers)
    run_service(town, households.unlink, moved[-1])  # and then waits to be linked again
    assert_summary_exact(town)
    assert_statistics_match_residents(town)
    for key in run_service(town, _residents_named, "甲二"):
        run_service(town, residents.delete, key)
    assert_summary_exact(town)
    assert_statistics_match_residents(town)


def _residents_named(uow, name):
    rows = uow.session.execute(select(Resident).where(Resident.name == name)).scalars()
    return [residents.key_of(row) for row in rows]


def _household_numbers(uow):
    rows = uow.session.execute(select(Household).order_by(Household.id)).scalars()
    return [households.key_of(row) for row in rows]


def test_an_import_keeps_it_exact(town, tmp_path):
    path = tmp_path / "people.xlsx"
    born = dt.date(1950, 3, 4)
    rows = [
        ["丁一", "子", make_id("110105", born, 11, "男"), "HQDE001"],
        ["丁二", "女", make_id("110105", born.replace(year=2022), 12, "女"), "HQDE001"],
        ["丁三", "子", make_id("110105", born.replace(year=1990), 13, "男"), None],
    ]
    write_table(path, sheet="常住人口信息表", headers=["姓名", "与户主关系", "身份证号", "户籍编号"], rows=rows)
    with unit_of_work(town) as uow:
        report = imports.import_file(uow, "resident", path)
    assert report.imported == 3
    assert_summary_exact(town)
    assert_statistics_match_residents(town)
    assert stats(town, "HQDE")["age_bands"]["0-6岁"] == 1
    assert_upkeep_back_on(town)
    add_person(town, "丁四", "HQDE001", born=years_ago(3), sex="女")  # the row triggers count it again
    assert_summary_exact(town)
    assert_statistics_match_residents(town)


def assert_upkeep_back_on(app):
    """After an import, SQLite's flag table is empty and both FTS5 indexes agree with core_search."""
    if app.db.engine.dialect.name != "sqlite":
        return
    with app.db.session() as session:
        assert session.execute(text(f"SELECT count(*) FROM {summary.DEFERRED}")).scalar_one() == 0
        for index in ("fts_core_search", "fts_core_search_grams"):  # raises if the index and its rows differ
            session.execute(text(f"INSERT INTO {index}({index}, rank) VALUES ('integrity-check', 1)"))


def test_an_import_fills_the_search_indexes_and_a_rolled_back_one_leaves_nothing(town, tmp_path):
    good, bad = tmp_path / "good.xlsx", tmp_path / "bad.xlsx"
    header = ["姓名", "与户主关系", "身份证号", "户籍编号"]
    born = dt.date(1980, 5, 6)
    people = [[f"庚{n}", "子", make_id("110105", born, 20 + n, "男"), "HQDE001"] for n in range(1, 4)]
    write_table(good, sheet="常住人口信息表", headers=header, rows=people)
    write_table(bad, sheet="常住人口信息表", headers=header, rows=[["辛一", "子", "110105", None]])
    with unit_of_work(town) as uow:
        assert imports.import_file(uow, "resident", good).imported == 3
    with pytest.raises(imports.ImportAbandoned), unit_of_work(town) as uow:
        imports.import_file(uow, "resident", bad)
    assert_upkeep_back_on(town)
    assert_summary_exact(town)
    found = run_service(town, lambda uow: residents_found(uow, "geng"))
    assert found == {"庚1", "庚2", "庚3"}
    assert run_service(town, lambda uow: residents_found(uow, "庚2")) == {"庚2"}


def residents_found(uow, keyword):
    from gridcore.search.index import matching_ids
    from gridcore.services.query import entity

    condition = matching_ids(uow.session, entity(uow, "resident"), keyword)
    return set(uow.session.execute(select(Resident.name).where(condition)).scalars())


@contextlib.contextmanager
def another_unit(tmp_path):
    """A second initialised database (a community's own): 东风社区 > 东一小区, one household of two."""
    folder = tmp_path / "unit"
    folder.mkdir()
    with testing.test_database(folder) as db:
        app = GridApp(Edition(name="test", enabled_plugins=("core",)), database_url=db.url).start()
        try:
            initialize(app, admin_login="admin", ask_password=lambda: TEST_ADMIN_PASSWORD)
            run_service(app, regions.add, level="街道", name="东城街道")
            run_service(app, regions.add, level="社区", name="东风社区", parent_code="DC", code="DF")
            run_service(app, regions.add, level="小区", name="东一小区", parent_code="DF", code="DFDY")
            household = run_service(app, households.add, head_name="戊一", compound_code="DFDY")
            add_person(app, "戊一", household.household_no, born=years_ago(66), relation="户主", alone=True)
            add_person(app, "戊二", household.household_no, born=years_ago(9), sex="女")
            yield app
        finally:
            app.close()


def test_receiving_a_package_keeps_it_exact(town, tmp_path):
    key = UnitKey.generate("DF", "东风社区", now=NOW)
    run_service(town, keys.trust, "东风社区", key.public.line())
    out = tmp_path / "df.gcpkg"
    with another_unit(tmp_path) as unit:
        run_service(unit, exchange.report, out, key=key, region="DF")
    outcome = run_service(town, exchange.receive, out)
    assert not outcome.conflicts
    assert outcome.total_added >= 4  # regions, the household, its two residents
    assert_summary_exact(town)
    assert_statistics_match_residents(town)
    assert stats(town, "DF")["elderly"] == {"老年人(60岁及以上)": 1, "独居老人": 1}


def test_a_restore_rebuilds_it_without_counting_twice(town, tmp_path):
    key = UnitKey.generate("DC", "东城街道", now=NOW)
    out = tmp_path / "backup.gcpkg"
    before = stats(town)
    run_service(town, backups.backup, out, key=key)
    add_person(town, "己一", "HQDY001", born=years_ago(90))
    assert stats(town)["population_by_sex"] != before["population_by_sex"]
    run_service(town, backups.restore, out, key=key)
    assert_summary_exact(town)
    assert stats(town) == before
