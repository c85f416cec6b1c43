"""Exports (导出EXCEL, R-G14): the query's rows under the template's headers, typed, formula-safe, streamed."""

from __future__ import annotations

import datetime as dt
import gc
import tracemalloc
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from gridcore.domain.idcard import make_id
from gridcore.domain.residents import Resident
from gridcore.entities import entity_fields
from gridcore.errors import NotFoundError, PermissionDeniedError, ValidationError
from gridcore.exchange import ExchangeError, open_records
from gridcore.query import Condition, QuerySpec, Sort, parse_filter
from gridcore.services import households, residents
from gridcore.services.exports import export_entity
from gridcore.services.templates import write_entity_template
from gridcore.services.unit import read_unit
from gridcore.testing import add_operator, in_unit, run_service

HEAD_ID = make_id("110105", dt.date(1950, 3, 1), 1, "男")
SPOUSE_ID = make_id("110105", dt.date(1952, 2, 2), 2, "女")
CHILD_ID = make_id("110105", dt.date(1990, 7, 15), 3, "男")
INJECTED = "=丁某+HYPERLINK(1)"


@pytest.fixture
def people(district):
    """第一小区: 甲某 (户主) and 乙某 (配偶, 回族, 残疾人); 第二小区: 丙某 and a child named like a formula;
    戊某 not linked to any household."""
    first = run_service(district, households.add, head_name="甲某", compound_code="HQDY", given={"门牌号": "1-2"})
    second = run_service(district, households.add, head_name="丙某", compound_code="HQDE")
    add = residents.add
    run_service(district, add, name=None, household_key=first.household_no, relation="户主", id_number=HEAD_ID)
    run_service(
        district,
        add,
        name="乙某",
        household_key=first.household_no,
        relation="配偶",
        id_number=SPOUSE_ID,
        given={"民族": "回族", "残疾人": "是", "联系电话": "13800000001", "来本地日期": "2001-09-30"},
    )
    run_service(
        district, add, name=None, household_key=second.household_no, relation="户主", given={"出生日期": "1960-06-06"}
    )
    run_service(district, add, name=INJECTED, household_key=second.household_no, relation="子", id_number=CHILD_ID)
    run_service(district, add, name="戊某", given={"备注": '说"明", 第二行\n-1', "出生日期": "1980-01-01"})
    return district


def export(app, path, entity_id="resident", **spec):
    return run_service(app, export_entity, entity_id, QuerySpec(**spec), path)


def read_sheet(path, sheet="常住人口信息表"):
    workbook = openpyxl.load_workbook(path)
    rows = list(workbook[sheet].iter_rows())
    headers = [cell.value for cell in rows[0]]
    return headers, [dict(zip(headers, row, strict=True)) for row in rows[1:]]


def template_headers(app, tmp_path, entity_id):
    path = tmp_path / f"template-{entity_id}.xlsx"
    entity = run_service(app, write_entity_template, entity_id, path)
    headers, _ = read_sheet(path, entity.sheet)
    return headers


def test_residents_of_a_region_with_a_filter(people, tmp_path):
    path = tmp_path / "residents.xlsx"
    assert export(people, path, region="HQ", filter=parse_filter("性别 = 女")) == 1
    headers, rows = read_sheet(path)
    assert headers == template_headers(people, tmp_path, "resident")
    assert headers == [field.label for field in entity_fields(Resident)]
    (spouse,) = rows
    assert spouse["姓名"].value == "乙某"
    assert (spouse["常住编号"].value, spouse["户籍编号"].value) == ("HQDY00102", "HQDY001")
    assert (spouse["社区名称"].value, spouse["小区"].value, spouse["户主姓名"].value) == (
        "红旗社区",
        "第一小区",
        "甲某",
    )
    # dictionary fields as labels, booleans as 是/否
    assert (spouse["性别"].value, spouse["民族"].value, spouse["与户主关系"].value) == ("女", "回族", "配偶")
    assert (spouse["残疾人"].value, spouse["低保人员"].value) == ("是", "否")
    # dates as dates
    assert spouse["出生日期"].is_date
    assert spouse["出生日期"].value == dt.datetime(1952, 2, 2)
    assert spouse["来本地日期"].value == dt.datetime(2001, 9, 30)
    # ID numbers and phone numbers as text, all digits kept
    assert spouse["身份证号"].value == SPOUSE_ID
    assert spouse["身份证号"].data_type == "s"
    assert spouse["身份证号"].number_format == "@"
    assert spouse["联系电话"].value == "13800000001"
    assert spouse["联系电话"].data_type == "s"
    assert spouse["政治面貌"].value is None


def test_where_contains_sort_and_no_page(people, tmp_path):
    path = tmp_path / "sorted.xlsx"
    count = export(
        people,
        path,
        where=(Condition(field="社区名称", op="=", value="红旗社区"),),
        sort=(Sort(field="出生日期", descending=True),),
        limit=1,
        offset=1,
    )
    assert count == 4
    _, rows = read_sheet(path)
    assert [row["姓名"].value for row in rows] == [INJECTED, "丙某", "乙某", "甲某"]
    assert export(people, tmp_path / "yi.xlsx", contains="乙某") == 1
    assert export(people, tmp_path / "all.xlsx") == 5
    assert (
        export(people, tmp_path / "none.xlsx", region="HQDE", where=(Condition(field="姓名", op="=", value="甲某"),))
        == 0
    )
    headers, rows = read_sheet(tmp_path / "none.xlsx")
    assert rows == []
    assert headers[0] == "常住编号"


def test_households(people, tmp_path):
    path = tmp_path / "households.xlsx"
    assert export(people, path, "household", region="HQDY") == 1
    headers, rows = read_sheet(path, "户籍表")
    assert headers == template_headers(people, tmp_path, "household")
    assert rows[0]["户籍编号"].value == "HQDY001"
    assert rows[0]["门牌号"].value == "1-2"
    assert rows[0]["门牌号"].data_type == "s"


def test_a_name_that_looks_like_a_formula_stays_text(people, tmp_path):
    path = tmp_path / "injection.xlsx"
    export(people, path, where=(Condition(field="户主姓名", op="=", value="丙某"),))
    _, rows = read_sheet(path)
    child = next(row for row in rows if row["与户主关系"].value == "子")
    assert child["姓名"].value == INJECTED
    assert child["姓名"].data_type == "s"
    with zipfile.ZipFile(path) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/sheet")]
        assert sheets
        for name in sheets:
            xml = archive.read(name).decode("utf-8")
            assert "<f>" not in xml
            assert "<f " not in xml


def test_an_export_reads_back_as_it_was(people, tmp_path):
    """What the import reads from an export is what the template would have taken (R-G04)."""
    path = tmp_path / "residents.xlsx"
    export(people, path)
    entity = people.registry.entities["resident"]
    for engine in ("calamine", "openpyxl"):
        with open_records(path, entity, engine=engine) as records:
            got = {record.values["name"]: record.values for record in records}
        spouse = got["乙某"]
        assert spouse["id_number"] == SPOUSE_ID
        assert spouse["birth_date"] == dt.date(1952, 2, 2)
        assert spouse["arrival_date"] == dt.date(2001, 9, 30)
        assert (spouse["sex"], spouse["ethnicity"], spouse["relation_to_head"]) == ("女", "回族", "配偶")
        assert (spouse["is_disabled"], spouse["is_dibao"]) == (True, False)
        assert spouse["phone"] == "13800000001"
        assert got[INJECTED]["id_number"] == CHILD_ID
        assert got["戊某"]["remark"] == '说"明", 第二行\n-1'
        assert got["戊某"]["resident_no"] is None


def test_csv(people, tmp_path):
    path = tmp_path / "residents.csv"
    assert export(people, path, sort=(Sort(field="姓名"),)) == 5
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[0].split(",") == [field.label for field in entity_fields(Resident)]
    assert f"'{INJECTED}" in text
    assert f",{INJECTED}" not in text
    assert '"说""明"", 第二行\n-1"' in text  # RFC 4180: quoted, quotes doubled, the line break kept
    entity = people.registry.entities["resident"]
    with open_records(path, entity) as records:
        got = {record.values["name"]: record.values for record in records}
    spouse = got["乙某"]
    assert (spouse["birth_date"], spouse["sex"], spouse["is_disabled"]) == (dt.date(1952, 2, 2), "女", True)
    assert spouse["id_number"] == SPOUSE_ID
    assert f"'{INJECTED}" in got


def test_progress_is_reported(people, tmp_path):
    calls = []
    count = run_service(
        people,
        export_entity,
        "resident",
        QuerySpec(region="HQ"),
        tmp_path / "r.xlsx",
        progress=lambda done, total: calls.append((done, total)),
    )
    assert count == 4
    assert calls[0] == (0, 4)
    assert calls[-1] == (4, 4)


def test_errors_are_one_line_and_leave_nothing_behind(people, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    target = tmp_path / "kept.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(NotFoundError, match="没有实体 'nosuch'"):
        export(people, target, "nosuch")
    with pytest.raises(ValidationError, match="没有字段「工资」"):
        export(people, target, where=(Condition(field="工资", op="=", value="1"),))
    with pytest.raises(ValidationError, match="不在词典中"):
        export(people, target, filter=parse_filter("性别 = 男女"))
    with pytest.raises(ExchangeError, match="不存在") as missing:
        export(people, tmp_path / "no" / "such" / "r.xlsx")
    (tmp_path / "folder.xlsx").mkdir()
    with pytest.raises(ExchangeError, match="文件夹"):
        export(people, tmp_path / "folder.xlsx")
    with pytest.raises(ExchangeError, match=r"\.xlsx 或 \.csv"):
        export(people, tmp_path / "r.txt")
    with pytest.raises(ExchangeError, match="不符"):
        run_service(people, export_entity, "resident", QuerySpec(), tmp_path / "r.xlsx", fmt="csv")
    for error in (missing.value,):
        assert "\n" not in str(error)
    assert target.read_bytes() == b"old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["folder.xlsx", "kept.xlsx"]


def test_operators_get_their_scope_masked(people, tmp_path):
    """An export holds what the operator may see: their region only, sensitive values masked (C3, C5)."""
    clerk = add_operator(people, "clerk", group="信息采集员", scope="HQDY")
    with read_unit(people, clerk) as uow:
        assert export_entity(uow, "resident", QuerySpec(), tmp_path / "r.xlsx") == 2
    _, rows = read_sheet(tmp_path / "r.xlsx")
    assert sorted(row["姓名"].value for row in rows) == ["乙某", "甲某"]
    spouse = next(row for row in rows if row["姓名"].value == "乙某")
    assert spouse["身份证号"].value != SPOUSE_ID
    assert spouse["身份证号"].value.startswith(SPOUSE_ID[:6])
    assert "*" in spouse["身份证号"].value
    assert SPOUSE_ID[6:14] not in spouse["身份证号"].value  # never the birth date
    assert "*" in spouse["联系电话"].value
    assert spouse["民族"].value != "回族"


def test_needs_the_view_permission_of_the_entity(people, tmp_path):
    auditor = add_operator(people, "auditor", group="审计管理员")
    with read_unit(people, auditor) as uow, pytest.raises(PermissionDeniedError, match="resident.view"):
        export_entity(uow, "resident", QuerySpec(), tmp_path / "r.xlsx")
    assert not (tmp_path / "r.xlsx").exists()


def _peak(action) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_stays_flat(gridcore_app, tmp_path):
    """2,000 rows cost about what 200 do: rows are read in batches and written as they come."""
    app = gridcore_app

    def add_people(uow):
        for number in range(2_000):
            surname = "甲" if number < 200 else "乙"
            residents.add(
                uow,
                name=f"{surname}某{number:04d}",
                id_number=make_id("110105", dt.date(1940, 1, 1) + dt.timedelta(days=number * 11), number % 500, "女"),
                given={"民族": "汉族", "联系电话": f"138{number:08d}", "备注": "某某" * 20},
            )

    in_unit(app, add_people)

    def run(filter_text, name):
        spec = QuerySpec(filter=parse_filter(filter_text)) if filter_text else QuerySpec()
        return lambda: run_service(app, export_entity, "resident", spec, tmp_path / name)

    run("姓名 startswith 甲", "warm.xlsx")()
    small = _peak(run("姓名 startswith 甲", "small.xlsx"))
    large = _peak(run(None, "large.xlsx"))
    assert large <= 1.5 * small, (small, large)
    _, rows = read_sheet(tmp_path / "large.xlsx")
    assert len(rows) == 2_000


@pytest.mark.parametrize("who", ["system", "clerk", "admin"])
def test_presenter_agrees_with_present_value(people, who):
    """The export's per-field presenters write exactly what present_value shows (typed back), and count
    the sensitive values shown unmasked for the audit exactly as present_value does."""
    from collections import Counter

    from sqlalchemy import select

    from gridcore.domain.households import Household
    from gridcore.services.exports import _shown, presenter
    from gridcore.testing.security import login_actor

    actor = {"system": None, "clerk": add_operator(people, "clerk2", group="信息采集员"), "admin": "admin"}[who]
    if actor == "admin":
        actor = login_actor(people)
    unit = read_unit(people, actor) if actor is not None else read_unit(people)
    with unit as uow:
        for model in (Resident, Household):
            records = list(uow.session.execute(select(model)).scalars())
            for field in entity_fields(model):
                stored = [getattr(record, field.name) for record in records]
                if field.python_type is bool:
                    stored += [True, False]
                if field.python_type is Decimal:
                    stored += [Decimal("85.50"), Decimal("100"), Decimal("0.0")]
                uow.unmasked.clear()
                expected = [_shown(uow, field, value) for value in stored]
                counted_by_present_value = dict(uow.unmasked)
                uow.unmasked.clear()
                shown: Counter[str] = Counter()
                show = presenter(uow, field, shown)
                got = [show(value) if show is not None else value for value in stored]
                assert got == expected, field.label
                assert [type(v) for v in got] == [type(v) for v in expected], field.label
                assert dict(shown) == counted_by_present_value, field.label
        uow.unmasked.clear()
