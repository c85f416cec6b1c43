"""Template → fill → import → export → import is lossless (issue: Data in and out, Done when)."""

from __future__ import annotations

import datetime as dt

import openpyxl
from sqlalchemy import select

from gridcore.domain.households import Household
from gridcore.domain.residents import Resident
from gridcore.query import QuerySpec
from gridcore.services.exports import export_entity
from gridcore.services.imports import ImportAbandoned, import_file
from gridcore.services.templates import write_entity_template
from gridcore.services.unit import unit_of_work
from gridcore.testing import run_service


def fill(path, rows):
    """Fill the template's first sheet under its header, as a person would in Excel."""
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    for offset, values in enumerate(rows, start=2):
        for label, value in values.items():
            cell = sheet.cell(row=offset, column=header.index(label) + 1, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # typed as text, as Excel stores a cell formatted as text
    book.save(path)


def imported(app, entity, path, **options):
    try:
        with unit_of_work(app) as uow:
            return import_file(uow, entity, path, **options)
    except ImportAbandoned as abandoned:
        raise AssertionError(abandoned.report.rejected) from None


def snapshot(app, model, columns):
    with app.db.read_session() as session:
        rows = session.execute(select(*[getattr(model, c) for c in columns]).order_by(model.id)).all()
    return [tuple(row) for row in rows]


HOUSEHOLD_COLUMNS = [
    "household_no",
    "compound_name",
    "building_no",
    "unit_no",
    "door_no",
    "head_name",
    "house_state",
    "hukou_type",
    "floor_area",
    "phone",
]
RESIDENT_COLUMNS = [
    "resident_no",
    "household_no",
    "name",
    "relation_to_head",
    "id_number",
    "birth_date",
    "sex",
    "native_place",
    "ethnicity",
    "political_status",
    "phone",
    "is_disabled",
    "remark",
]


def test_template_fill_import_export_import(district, tmp_path):
    household_template = tmp_path / "households.xlsx"
    resident_template = tmp_path / "residents.xlsx"
    run_service(district, write_entity_template, "household", household_template)
    run_service(district, write_entity_template, "resident", resident_template)
    fill(
        household_template,
        [
            {
                "户主姓名": "甲某",
                "楼号": "3",
                "单元": "1",
                "门牌号": "101",
                "房屋状态": "自住",
                "户口类型": "城市",
                "建筑面积": 85.5,
                "联系电话": "13800000001",
            },
            {"户主姓名": "=乙某", "楼号": "３", "单元": "2", "门牌号": "202", "房屋状态": "出租", "户口类型": "农村"},
        ],
    )
    assert imported(district, "household", household_template, compound="HQDY").imported == 2
    fill(
        resident_template,
        [
            {
                "户籍编号": "HQDY001",
                "与户主关系": "户主",
                "身份证号": "11010519491231002X",
                "民族": "汉族",
                "政治面貌": "党员",
                "残疾人": "否",
                "备注": "第一行\n第二行",
            },
            {
                "户籍编号": "HQDY001",
                "姓名": "甲小",
                "与户主关系": "子",
                "出生日期": dt.date(1985, 6, 1),
                "性别": "男",
                "联系电话": "13900000002",
                "残疾人": "是",
            },
            {"户籍编号": "HQDY002", "姓名": "=乙某", "与户主关系": "户主", "出生日期": "1970年3月4日", "性别": "女"},
        ],
    )
    assert imported(district, "resident", resident_template).imported == 3

    households_before = snapshot(district, Household, HOUSEHOLD_COLUMNS)
    residents_before = snapshot(district, Resident, RESIDENT_COLUMNS)
    assert residents_before[0][2] == "甲某"  # 户主 name taken from the household
    assert households_before[1][5] == "=乙某"  # text, never a formula

    household_export = tmp_path / "household-export.xlsx"
    resident_export = tmp_path / "resident-export.xlsx"
    assert run_service(district, export_entity, "household", QuerySpec(), household_export) == 2
    assert run_service(district, export_entity, "resident", QuerySpec(), resident_export) == 3

    again_households = imported(district, "household", household_export, compound="HQDY")
    again_residents = imported(district, "resident", resident_export)
    assert (again_households.imported, len(again_households.skipped)) == (0, 2)
    assert (again_residents.imported, len(again_residents.skipped)) == (0, 3)
    assert snapshot(district, Household, HOUSEHOLD_COLUMNS) == households_before
    assert snapshot(district, Resident, RESIDENT_COLUMNS) == residents_before
