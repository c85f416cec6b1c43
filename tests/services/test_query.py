"""The query engine over any entity: exact, contains (with pinyin), combined filters, regions, facets."""

from __future__ import annotations

import pytest

from gridcore.errors import ValidationError
from gridcore.query import Condition, QuerySpec, Sort, parse_filter
from gridcore.services import households, regions, residents
from gridcore.services.query import run_query
from gridcore.testing import run_service


@pytest.fixture
def people(district):
    run_service(district, regions.add, level="社区", name="和平社区", parent_code="DC", code="HP")
    run_service(district, regions.add, level="小区", name="东园", parent_code="HP")
    for compound, head, members in [
        ("HQDY", "张三", [("李四", "配偶", "女", "1950-03-01", "回族")]),
        ("HQDE", "王五", [("赵六", "子", "男", "1990-07-15", "汉族")]),
        ("HPDY", "张三丰", [("孙七", "配偶", "女", "1962-11-30", "满族")]),
    ]:
        household = run_service(district, households.add, head_name=head, compound_code=compound)
        run_service(
            district,
            residents.add,
            name=None,
            household_key=household.household_no,
            relation="户主",
            given={"性别": "男", "出生日期": "1948-01-01", "民族": "汉族"},
        )
        for name, relation, sex, birth, ethnicity in members:
            run_service(
                district,
                residents.add,
                name=name,
                household_key=household.household_no,
                relation=relation,
                given={"性别": sex, "出生日期": birth, "民族": ethnicity},
            )
    return district


def names(result):
    return sorted(r.name for r in result.records)


def query(app, entity="resident", **spec):
    return run_service(app, run_query, entity, QuerySpec(**spec))


def test_exact_by_label_and_dictionary_label(people):
    result = query(people, where=(Condition(field="性别", op="=", value="女"),))
    assert names(result) == ["孙七", "李四"]
    assert result.total == 2


def test_contains_over_text_and_pinyin(people):
    assert names(query(people, contains="张三")) == ["张三", "张三丰"]
    assert names(query(people, contains="zs")) == ["张三", "张三丰"]
    assert names(query(people, contains="zhangsanfeng")) == ["张三丰"]
    assert names(query(people, contains="李")) == ["李四"]


def test_combined_filter(people):
    result = query(people, filter=parse_filter("(民族 != 汉族 OR 出生日期 >= 1990-01-01) AND 性别 = 女"))
    assert names(result) == ["孙七", "李四"]
    result = query(people, filter=parse_filter("出生日期 between 1949-01-01,1965-12-31"))
    assert names(result) == ["孙七", "李四"]
    result = query(people, filter=parse_filter("姓名 in 张三,王五 OR 姓名 startswith 赵"))
    assert names(result) == ["张三", "王五", "赵六"]
    result = query(people, filter=parse_filter("民族 contains 回"))
    assert names(result) == ["李四"]
    result = query(people, filter=parse_filter("联系电话 empty AND 身份证号 empty"))
    assert result.total == 6


def test_region_subtree(people):
    assert names(query(people, region="HQ")) == sorted(["张三", "李四", "王五", "赵六"])
    assert names(query(people, region="HPDY")) == ["孙七", "张三丰"]
    assert query(people, region="DC").total == 6
    assert run_service(people, run_query, "household", QuerySpec(region="HQDE")).total == 1


def test_sort_and_page(people):
    result = query(people, sort=(Sort.parse("-出生日期"),), limit=2)
    assert [r.name for r in result.records] == ["赵六", "孙七"]
    assert result.total == 6
    page2 = query(people, sort=(Sort.parse("-出生日期"),), limit=2, offset=2)
    assert [r.name for r in page2.records] == ["李四", "张三丰"]  # ties on birth date ordered by 常住编号


def test_facets(people):
    result = run_service(people, run_query, "resident", QuerySpec(region="HQ"), facets=True)
    assert result.facets["性别"] == {"男": 3, "女": 1}
    assert result.facets["民族"]["汉族"] == 3


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("颜色 = 红", "没有字段「颜色」"),
        ("姓名 ~ 张", "「~」不是运算符"),
        ("姓名 like 张", "不是运算符"),
        ("(姓名 = 张", "右括号"),
        ("姓名 =", "缺少值"),
        ("出生日期 > 昨天", "不是日期"),
    ],
)
def test_bad_filters_are_one_line(people, text, message):
    with pytest.raises(ValidationError, match=message):
        query(people, filter=parse_filter(text))


def test_values_are_bound_not_spliced(people):
    hostile = "x' OR '1'='1"
    assert query(people, where=(Condition(field="姓名", op="=", value=hostile),)).total == 0
    assert query(people, contains="%").total == 0
    assert query(people, filter=parse_filter('姓名 contains "_"')).total == 0


def test_a_masked_field_is_neither_a_condition_nor_an_order_nor_a_facet(people):
    from gridcore.services.unit import read_unit
    from gridcore.testing import add_operator

    viewer = add_operator(people, "chaxun", group="查询员")
    refused = [
        QuerySpec(where=(Condition(field="民族", op="=", value="汉族"),)),
        QuerySpec(filter=parse_filter("性别 = 男 AND (身份证号 startswith 1101 OR 姓名 = 张三)")),
        QuerySpec(sort=(Sort(field="民族"),)),
    ]
    for spec in refused:
        with (
            pytest.raises(ValidationError, match="^「(民族|身份证号)」对您是遮盖显示的敏感信息"),
            read_unit(people, viewer) as uow,
        ):
            run_query(uow, "resident", spec)
    with read_unit(people, viewer) as uow:
        result = run_query(uow, "resident", QuerySpec(region="HQ"), facets=True)
    assert "民族" not in result.facets
    assert result.facets["性别"] == {"男": 3, "女": 1}  # PI, shown unmasked: counted
    assert query(people, where=(Condition(field="民族", op="=", value="回族"),)).total == 1  # with pii.view


def test_count_limit_bounds_the_count_of_a_conditioned_query(people):
    """With ``count_limit`` a query with a condition stops counting past the limit (a lower bound)."""
    women_or_men = (Condition(field="性别", op="in", value="男,女"),)
    exact = query(people, where=women_or_men, limit=2)
    assert (exact.total, exact.exact) == (6, True)
    bounded = run_service(people, run_query, "resident", QuerySpec(where=women_or_men, limit=2), count_limit=3)
    assert (bounded.total, bounded.exact, len(bounded.records)) == (3, False, 2)
    # a later page counts on to the next multiple of the limit past its end: here everything
    later = run_service(people, run_query, "resident", QuerySpec(where=women_or_men, limit=2, offset=2), count_limit=3)
    assert (later.total, later.exact) == (6, True)
    # the last page needs no count; a query without any condition is always counted exactly
    last = run_service(people, run_query, "resident", QuerySpec(where=women_or_men, limit=4, offset=4), count_limit=1)
    assert (last.total, last.exact) == (6, True)
    everyone = run_service(people, run_query, "resident", QuerySpec(limit=2), count_limit=1)
    assert (everyone.total, everyone.exact) == (6, True)


def test_facet_entries_list_the_dictionary_without_counting(people):
    from gridcore.services.query import entity, facet_entries
    from gridcore.services.unit import unit_of_work

    with unit_of_work(people) as uow:
        entries = facet_entries(uow, entity(uow, "resident"))
    assert entries["性别"][-1] == "(空)"
    assert {"男", "女"} <= set(entries["性别"])
    assert "汉族" in entries["民族"]
