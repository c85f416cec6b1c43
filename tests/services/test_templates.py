"""Import templates from the database (R-G04): the manual's sheets, labels, marks, today's dictionaries."""

from __future__ import annotations

import openpyxl
import pytest
from sqlalchemy import update

from gridcore.domain.dictionaries.models import DictionaryEntryRow
from gridcore.entities import entity_fields
from gridcore.errors import NotFoundError
from gridcore.exchange import GENERATED_NOTE, ExchangeError
from gridcore.services import dictionaries
from gridcore.services.templates import write_entity_template
from gridcore.testing import in_unit, run_service


def _column(sheet, label):
    for cell in sheet[1]:
        if cell.value == label:
            return cell.column_letter
    raise AssertionError(f"no column {label}")


def list_labels(workbook, sheet, label):
    """The labels the saved file offers in the drop-down of column ``label`` (inline or on a list sheet)."""
    letter = _column(sheet, label)
    for validation in sheet.data_validations.dataValidation:
        if any(str(ref).startswith(f"{letter}2:") for ref in validation.sqref.ranges):
            assert validation.type == "list"
            formula = validation.formula1
            if formula.startswith('"'):
                return formula.strip('"').split(",")
            where, _, cells = formula.partition("!")
            lists = workbook[where.strip("'")]
            first, last = cells.replace("$", "").split(":")
            return [row[0].value for row in lists[first:last]]
    return None


def write(app, entity_id, path):
    return run_service(app, write_entity_template, entity_id, path)


def stored_labels(app, dictionary_id):
    def body(uow):
        return [entry.label for entry in dictionaries.current(uow, dictionary_id).entries if entry.enabled]

    return in_unit(app, body)[0]


@pytest.mark.parametrize(("entity_id", "sheet_name"), [("household", "户籍表"), ("resident", "常住人口信息表")])
def test_sheet_and_headers_are_the_manuals(gridcore_app, tmp_path, entity_id, sheet_name):
    path = tmp_path / f"{entity_id}.xlsx"
    entity = write(gridcore_app, entity_id, path)
    assert entity.sheet == sheet_name
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames[0] == sheet_name
    sheet = workbook[sheet_name]
    assert [cell.value for cell in sheet[1]] == [field.label for field in entity_fields(entity.model)]
    for field in entity_fields(entity.model):
        cell = sheet[f"{_column(sheet, field.label)}1"]
        if field.info.generated or field.info.derived:
            assert cell.comment is not None
            assert cell.comment.text == GENERATED_NOTE
    assert list(path.parent.glob(".*.part")) == []


def test_household_template(gridcore_app, tmp_path):
    path = tmp_path / "household.xlsx"
    write(gridcore_app, "household", path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["户籍表"]
    assert sheet[f"{_column(sheet, '户籍编号')}1"].comment.text == "系统生成, 请留空"
    assert sheet[f"{_column(sheet, '社区名称')}1"].comment.text == "系统生成, 请留空"
    assert sheet[f"{_column(sheet, '户主姓名')}1"].comment.text == "必填"
    assert list_labels(workbook, sheet, "户口类型") == stored_labels(gridcore_app, "hukou_type")
    assert list_labels(workbook, sheet, "房屋状态") == stored_labels(gridcore_app, "house_state")
    assert "城市" in list_labels(workbook, sheet, "户口类型")
    assert list_labels(workbook, sheet, "户籍编号") is None


def test_resident_template(gridcore_app, tmp_path):
    path = tmp_path / "resident.xlsx"
    write(gridcore_app, "resident", path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["常住人口信息表"]
    assert sheet.column_dimensions[_column(sheet, "身份证号")].number_format == "@"
    assert sheet.column_dimensions[_column(sheet, "出生日期")].number_format == "yyyy-mm-dd"
    assert sheet[f"{_column(sheet, '常住编号')}1"].comment.text == GENERATED_NOTE
    assert sheet[f"{_column(sheet, '户主姓名')}1"].comment.text == GENERATED_NOTE
    assert sheet[f"{_column(sheet, '姓名')}1"].comment.text == "必填"
    sex = list_labels(workbook, sheet, "性别")
    assert sex == stored_labels(gridcore_app, "sex")
    assert {"男", "女"} <= set(sex)
    # 56 民族 and 与户主关系 are too long for an inline list: a range on the hidden list sheet
    ethnicity = list_labels(workbook, sheet, "民族")
    assert ethnicity == stored_labels(gridcore_app, "ethnicity")
    assert len(ethnicity) >= 56
    assert {"汉族", "回族", "满族"} <= set(ethnicity)
    assert list_labels(workbook, sheet, "与户主关系") == stored_labels(gridcore_app, "relation_to_head")
    assert list_labels(workbook, sheet, "残疾人") == ["是", "否"]
    assert list_labels(workbook, sheet, "户籍编号") is None  # derived: no list


def test_lists_follow_the_stored_dictionary(gridcore_app, tmp_path):
    """Users' edits show in the template: a renamed entry, a new one; a disabled entry is left out."""
    run_service(gridcore_app, dictionaries.add_entry, "population_type", "候鸟人口")
    run_service(gridcore_app, dictionaries.add_entry, "house_state", "待拆迁")

    def disable(uow):
        uow.session.execute(
            update(DictionaryEntryRow)
            .where(DictionaryEntryRow.dictionary_id == "house_state", DictionaryEntryRow.label == "待拆迁")
            .values(enabled=False)
        )

    in_unit(gridcore_app, disable)

    def first_unprotected(uow):
        return next(entry.label for entry in dictionaries.current(uow, "education").entries if not entry.protected)

    unprotected = in_unit(gridcore_app, first_unprotected)[0]
    run_service(gridcore_app, dictionaries.rename_entry, "education", unprotected, "某某学历")

    path = tmp_path / "resident.xlsx"
    write(gridcore_app, "resident", path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["常住人口信息表"]
    assert "候鸟人口" in list_labels(workbook, sheet, "人口类型")
    education = list_labels(workbook, sheet, "文化程度")
    assert "某某学历" in education
    assert unprotected not in education

    path = tmp_path / "household.xlsx"
    write(gridcore_app, "household", path)
    workbook = openpyxl.load_workbook(path)
    assert "待拆迁" not in list_labels(workbook, workbook["户籍表"], "房屋状态")


def test_errors_are_one_line(gridcore_app, tmp_path):
    with pytest.raises(NotFoundError, match="没有实体 'nosuch'"):
        write(gridcore_app, "nosuch", tmp_path / "x.xlsx")
    with pytest.raises(ExchangeError, match=r"\.xlsx"):
        write(gridcore_app, "resident", tmp_path / "x.csv")
    with pytest.raises(ExchangeError, match="不存在") as caught:
        write(gridcore_app, "resident", tmp_path / "missing" / "x.xlsx")
    assert "\n" not in str(caught.value)
    assert not (tmp_path / "missing").exists()
