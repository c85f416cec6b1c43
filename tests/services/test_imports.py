"""Importing spreadsheets: all or nothing, duplicates skipped, rows judged like a single add (R-G02–G12)."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from sqlalchemy import func, select

from gridcore.domain.households import Building, Household
from gridcore.domain.residents import Resident
from gridcore.exchange import SheetNotFoundError
from gridcore.query import QuerySpec
from gridcore.services import households
from gridcore.services.imports import ImportAbandoned, import_file
from gridcore.services.query import run_query
from gridcore.services.unit import unit_of_work
from gridcore.testing import run_service

HOUSEHOLD_HEADER = ["户籍编号", "户主姓名", "楼号", "单元", "门牌号", "房屋状态", "户口类型", "联系电话"]
RESIDENT_HEADER = ["户籍编号", "姓名", "与户主关系", "身份证号", "性别", "出生日期", "民族", "政治面貌"]


def workbook(path, sheet, header, rows):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(header)
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def household_rows(n, start=1):
    return [
        [None, f"户主{i}", str(1 + i % 3), "1", f"{100 + i}", "自住", "城市", None] for i in range(start, start + n)
    ]


def count(app, model):
    with app.db.read_session() as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def run_import(app, entity, path, **options):
    try:
        with unit_of_work(app) as uow:
            return import_file(uow, entity, path, **options)
    except ImportAbandoned as abandoned:
        return abandoned.report


def test_households_with_compound_are_numbered_and_linked(district, tmp_path):
    path = workbook(tmp_path / "h.xlsx", "户籍表", HOUSEHOLD_HEADER, household_rows(5))
    report = run_import(district, "household", path, compound="HQDY")
    assert (report.total, report.imported, len(report.skipped), len(report.rejected)) == (5, 5, 0, 0)
    assert report.committed
    first = run_service(district, households.get, "HQDY001")
    assert (first.head_name, first.community_name, first.compound_name) == ("户主1", "红旗社区", "第一小区")
    assert count(district, Building) == 3
    found = run_service(district, run_query, "household", QuerySpec(contains="hz"))  # 户主 by initials
    assert found.total == 5


def test_reimporting_the_same_file_changes_nothing(district, tmp_path):
    path = workbook(tmp_path / "h.xlsx", "户籍表", HOUSEHOLD_HEADER, household_rows(4))
    run_import(district, "household", path, compound="HQDY")
    again = run_import(district, "household", path, compound="HQDY")
    assert (again.imported, len(again.skipped)) == (0, 4)
    assert count(district, Household) == 4


def test_one_bad_row_writes_nothing_and_is_reported(district, tmp_path):
    rows = household_rows(3)
    rows[1][1] = None  # 户主姓名 blank (R-G05)
    rows[2][5] = "豪宅"  # not in the dictionary
    path = workbook(tmp_path / "h.xlsx", "户籍表", HOUSEHOLD_HEADER, rows)
    report = run_import(district, "household", path, compound="HQDY")
    assert not report.committed
    assert [o.row for o in report.rejected] == [3, 4]
    assert report.rejected[0].reason.startswith("「户主姓名」不能为空")
    assert report.rejected[1].reason.startswith("「房屋状态」的值「豪宅」不在词典中")
    assert count(district, Household) == 0
    partial = run_import(district, "household", path, compound="HQDY", valid_rows_only=True)
    assert partial.committed
    assert partial.imported == 1
    assert count(district, Household) == 1


def test_dry_run_writes_nothing(district, tmp_path):
    path = workbook(tmp_path / "h.xlsx", "户籍表", HOUSEHOLD_HEADER, household_rows(3))
    report = run_import(district, "household", path, compound="HQDY", dry_run=True)
    assert report.imported == 3
    assert not report.committed
    assert count(district, Household) == 0


def test_wrong_sheet_names_the_sheets_there(district, tmp_path):
    path = workbook(tmp_path / "h.xlsx", "Sheet1", HOUSEHOLD_HEADER, household_rows(2))
    with pytest.raises(SheetNotFoundError, match="Sheet1"):
        run_import(district, "household", path, compound="HQDY")


def test_households_without_compound_wait_to_be_linked(district, tmp_path):
    path = workbook(tmp_path / "h.xlsx", "户籍表", HOUSEHOLD_HEADER, household_rows(2))
    run_import(district, "household", path)
    with district.db.read_session() as session:
        numbers = session.execute(select(Household.household_no, Household.compound_id)).all()
    assert numbers == [(None, None), (None, None)]


def test_residents_link_fill_from_id_and_skip_duplicates(district, tmp_path):
    run_import(
        district,
        "household",
        workbook(tmp_path / "h.xlsx", "户籍表", HOUSEHOLD_HEADER, household_rows(2)),
        compound="HQDY",
    )
    rows = [
        ["HQDY001", None, "户主", "11010519491231002x", None, None, "汉族", "中共党员"],
        ["HQDY001", "乙某", "子", None, "男", dt.date(1980, 5, 3), "回族", "群众"],
        ["HQDY002", "丙某", "配偶", "110105491231002", None, None, None, None],  # same person as row 2
        [None, "丁某", "子", None, "男", "1990.1.2", None, None],
    ]
    path = workbook(tmp_path / "r.xlsx", "常住人口信息表", RESIDENT_HEADER, rows)
    report = run_import(district, "resident", path)
    assert report.committed, report.rejected
    assert (report.imported, len(report.skipped)) == (3, 1)
    assert report.skipped[0].reason == "重复: 与第 2 行相同"
    with district.db.read_session() as session:
        head = session.execute(select(Resident).where(Resident.resident_no == "HQDY00101")).scalar_one()
        assert (head.name, head.birth_date, head.sex, head.native_place) == (
            "户主1",
            dt.date(1949, 12, 31),
            "2",
            "北京市朝阳区",
        )
        child = session.execute(select(Resident).where(Resident.name == "乙某")).scalar_one()
        assert (child.resident_no, child.head_name, child.compound_name) == ("HQDY00102", "户主1", "第一小区")
        loose = session.execute(select(Resident).where(Resident.name == "丁某")).scalar_one()
        assert (loose.resident_no, loose.birth_date) == (None, dt.date(1990, 1, 2))
    again = run_import(district, "resident", path)
    assert (again.imported, len(again.skipped)) == (0, 4)


def test_resident_rules_reject_rows(district, tmp_path):
    run_import(
        district,
        "household",
        workbook(tmp_path / "h.xlsx", "户籍表", HOUSEHOLD_HEADER, household_rows(1)),
        compound="HQDY",
    )
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    rows = [
        ["HQDY001", "甲某", "子", "110105194912310021", None, None, None, None],  # check digit
        ["HQDY404", "乙某", "子", None, None, None, None, None],  # no such household
        [None, "丙某", "子", None, None, tomorrow, None, None],  # future birth date
        ["HQDY001", None, "户主", None, None, None, None, None],
        ["HQDY001", "丁某", "户主", None, None, None, None, None],  # a second head, and not 户主1
        [None, "戊某", "子", 110105194912310000.0, None, None, None, None],  # lost precision
        [None, "己某", "外星人", None, None, None, None, None],
    ]
    path = workbook(tmp_path / "r.xlsx", "常住人口信息表", RESIDENT_HEADER, rows)
    report = run_import(district, "resident", path)
    reasons = {o.row: o.reason for o in report.rejected}
    assert "校验码" in reasons[2]
    assert "HQDY404 不存在" in reasons[3]
    assert "在今天之后" in reasons[4]
    assert "户主" in reasons[6]
    assert "丢失" in reasons[7]
    assert "与户主关系" in reasons[8]
    assert 5 not in reasons
    assert count(district, Resident) == 0


def test_openpyxl_fallback_reads_the_same(district, tmp_path):
    path = workbook(tmp_path / "h.xlsx", "户籍表", HOUSEHOLD_HEADER, household_rows(3))
    report = run_import(district, "household", path, compound="HQDY", engine="openpyxl")
    assert report.imported == 3


def test_sqlite_bulk_insert_leaves_out_blank_columns_but_not_those_with_a_default(gridcore_app):
    """A column blank in every row is left out of the INSERT (NULL all the same) unless the database
    has a default for it: then the blank is written, as given."""
    if gridcore_app.db.engine.dialect.name != "sqlite":
        pytest.skip("the multi-row insert of SQLite")
    from sqlalchemy import Column, Date, Integer, MetaData, Table, text

    from gridcore.services.imports.base import insert_sqlite

    table = Table("bulk_probe", MetaData(), Column("a", Integer), Column("b", Integer), Column("c", Date))
    with gridcore_app.db.session() as session:
        session.execute(text("CREATE TEMP TABLE bulk_probe (a INTEGER, b INTEGER DEFAULT 7, c DATE DEFAULT 'x')"))
        insert_sqlite(session, table, list(table.columns), [[1, None, None], [2, None, dt.date(2020, 1, 2)]])
        insert_sqlite(session, table, list(table.columns), [[3, None, None]])
        found = session.execute(text("SELECT a, b, c FROM bulk_probe ORDER BY a")).all()
        session.rollback()
    assert found == [(1, None, None), (2, None, "2020-01-02"), (3, None, None)]
