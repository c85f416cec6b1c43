"""Built-in statistics over the whole database and over a region subtree."""

from __future__ import annotations

import datetime as dt

import pytest

from gridcore import Statistic, StatTable
from gridcore.errors import NotFoundError
from gridcore.services import households, regions, residents
from gridcore.services.stats import run_statistics
from gridcore.testing import make_plugin, run_service


def years_ago(years, days=0):
    today = dt.date.today()
    return (today.replace(year=today.year - years) - dt.timedelta(days=days)).isoformat()


@pytest.fixture
def town(district):
    run_service(district, regions.add, level="社区", name="和平社区", parent_code="DC", code="HP")
    run_service(district, regions.add, level="小区", name="东园", parent_code="HP")
    people = {
        "HQDY": [
            ("甲一", "户主", "男", years_ago(70), "汉族", "中共党员", True),
            ("甲二", "配偶", "女", years_ago(60), "回族", "群众", False),
        ],
        "HQDE": [
            ("乙一", "户主", "女", years_ago(35), "汉族", "群众", False),
            ("乙二", "子", "男", years_ago(6), "汉族", "群众", False),
        ],
        "HPDY": [("丙一", "户主", "男", years_ago(80), "满族", "中共党员", True)],
    }
    for compound, members in people.items():
        household = run_service(district, households.add, head_name=members[0][0], compound_code=compound)
        for name, relation, sex, birth, ethnicity, political, alone in members:
            run_service(
                district,
                residents.add,
                name=name,
                household_key=household.household_no,
                relation=relation,
                given={
                    "性别": sex,
                    "出生日期": birth,
                    "民族": ethnicity,
                    "政治面貌": political,
                    "独居": "是" if alone else "否",
                },
            )
    return district


def tables(app, **kwargs):
    return {
        r.statistic.id: {row[0]: row[-1] for row in r.table.rows} for r in run_service(app, run_statistics, **kwargs)
    }


def test_whole_database(town):
    found = tables(town)
    assert found["population_by_sex"] == {"男": 3, "女": 2}
    assert found["age_bands"]["0-6岁"] == 1
    assert found["age_bands"]["35-59岁"] == 1
    assert found["age_bands"]["60-79岁"] == 2
    assert found["age_bands"]["80岁及以上"] == 1
    assert found["elderly"] == {"老年人(60岁及以上)": 3, "独居老人": 2}
    assert found["ethnicity"]["少数民族合计"] == 2
    assert found["political_status"]["党员"] == 2
    assert found["households_per_compound"] == {"东园": 1, "第一小区": 1, "第二小区": 1}


def test_age_band_boundary_is_exact(town):
    run_service(town, residents.add, name="丁一", relation="子", given={"出生日期": years_ago(7, days=-1)})
    run_service(town, residents.add, name="丁二", relation="子", given={"出生日期": years_ago(7)})
    found = tables(town, only=["age_bands"])["age_bands"]
    assert found["0-6岁"] == 2  # turns 7 tomorrow
    assert found["7-17岁"] == 1  # turned 7 today


def test_region_subtree_adds_up(town):
    whole = tables(town)
    part_a = tables(town, region="HQ")
    part_b = tables(town, region="HP")
    for statistic in ("population_by_sex", "age_bands", "elderly", "political_status"):
        keys = set(part_a[statistic]) | set(part_b[statistic])
        for key in keys:
            assert part_a[statistic].get(key, 0) + part_b[statistic].get(key, 0) == whole[statistic].get(key, 0)
    assert tables(town, region="HP")["population_by_region"] == {"和平社区": 1}


def test_plugin_statistic_and_unknown_name(make_app):
    plugin = make_plugin(
        "extra",
        register_statistics=lambda: [
            Statistic(id="answer", title="答案", compute=lambda uow, scope: StatTable(columns=("a",), rows=((42,),)))
        ],
    )
    app = make_app(extra=[plugin])
    assert tables(app, only=["answer"]) == {"answer": {42: 42}}
    with pytest.raises(NotFoundError, match="没有统计项 'nope'"):
        run_service(app, run_statistics, only=["nope"])


def test_age_bands_are_configurable(make_app):
    app = make_app(settings={"core": {"age_bands": [0, 60]}})
    run_service(app, residents.add, name="甲一", relation="子", given={"出生日期": years_ago(61)})
    assert tables(app, only=["age_bands"])["age_bands"] == {"0-59岁": 0, "60岁及以上": 1}
