"""Templates (R-G04): labels as headers, the manual's sheet names, marked generated columns, drop-downs."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from gridcore.entities import entity_fields
from gridcore.exchange import GENERATED_NOTE, LIST_SHEET, open_records, write_template
from gridcore.exchange.template import INLINE_LIST_LIMIT


def _column(sheet, label):
    for cell in sheet[1]:
        if cell.value == label:
            return cell.column_letter
    raise AssertionError(f"no column {label}")


def _validation(sheet, letter):
    for validation in sheet.data_validations.dataValidation:
        if any(str(ref).startswith(f"{letter}2:") for ref in validation.sqref.ranges):
            return validation
    return None


@pytest.mark.parametrize(("entity_id", "sheet_name"), [("household", "户籍表"), ("resident", "常住人口信息表")])
def test_headers_are_the_labels_on_the_manuals_sheet(tmp_path, core_entities, entity_id, sheet_name):
    entity = core_entities[entity_id]
    path = tmp_path / "template.xlsx"
    write_template(path, entity)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames[0] == sheet_name == entity.sheet
    sheet = workbook[sheet_name]
    assert [cell.value for cell in sheet[1]] == [field.label for field in entity_fields(entity.model)]
    assert sheet.freeze_panes == "A2"


def test_generated_and_derived_columns_are_marked(tmp_path, household):
    path = tmp_path / "household.xlsx"
    write_template(path, household)
    sheet = openpyxl.load_workbook(path)["户籍表"]
    for field in entity_fields(household.model):
        cell = sheet[f"{_column(sheet, field.label)}1"]
        if field.info.generated or field.info.derived:
            assert cell.comment is not None
            assert cell.comment.text == GENERATED_NOTE == "系统生成, 请留空"
            assert cell.fill.fgColor.rgb.endswith("D9D9D9")
        elif field.info.required:
            assert cell.comment.text == "必填"
    assert sheet[f"{_column(sheet, '户籍编号')}1"].comment.text == GENERATED_NOTE
    assert sheet[f"{_column(sheet, '户主姓名')}1"].font.b


def test_id_column_is_text_and_dates_are_dates(tmp_path, resident):
    path = tmp_path / "resident.xlsx"
    write_template(path, resident)
    sheet = openpyxl.load_workbook(path)["常住人口信息表"]
    assert sheet.column_dimensions[_column(sheet, "身份证号")].number_format == "@"
    assert sheet.column_dimensions[_column(sheet, "门牌号")].number_format == "@"
    assert sheet.column_dimensions[_column(sheet, "出生日期")].number_format == "yyyy-mm-dd"


def test_dictionary_columns_have_drop_down_lists(tmp_path, resident, dictionary_labels):
    path = tmp_path / "resident.xlsx"
    write_template(path, resident, dictionary_labels)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["常住人口信息表"]

    sex = _validation(sheet, _column(sheet, "性别"))
    assert sex is not None
    assert sex.type == "list"
    assert sex.formula1 == '"' + ",".join(dictionary_labels["sex"]) + '"'
    assert str(sex.sqref) == f"{_column(sheet, '性别')}2:{_column(sheet, '性别')}100001"

    # 与户主关系 has more labels than fit in Excel's 255-character inline list: a hidden sheet range
    assert len(",".join(dictionary_labels["relation_to_head"])) > INLINE_LIST_LIMIT
    relation = _validation(sheet, _column(sheet, "与户主关系"))
    assert relation.formula1.startswith(f"'{LIST_SHEET}'!$")
    lists = workbook[LIST_SHEET]
    assert lists.sheet_state == "hidden"
    letter = relation.formula1.split("!$")[1].split("$")[0]
    listed = [cell.value for cell in lists[letter][1:]]
    assert listed == dictionary_labels["relation_to_head"]

    disabled = _validation(sheet, _column(sheet, "残疾人"))
    assert disabled.formula1 == '"是,否"'
    # derived columns get no list; fields without labels in the mapping get none either
    assert _validation(sheet, _column(sheet, "户籍编号")) is None


def test_template_fill_and_read_round_trip(tmp_path, resident, dictionary_labels):
    """The person's view: open the template, type rows the way people do, save, import."""
    path = tmp_path / "filled.xlsx"
    write_template(path, resident, dictionary_labels)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["常住人口信息表"]
    column = {cell.value: cell.column for cell in sheet[1]}
    typed = [
        {"姓名": " 张三 ", "身份证号": "11010519491231002x", "出生日期": "1949.12.31", "性别": "男", "残疾人": "是"},
        {
            "姓名": "李四",
            "身份证号": "110105491231002",
            "出生日期": "1949年12月31日",
            "联系电话": "１３８００００００００",
        },
        {
            "姓名": "王五",
            "身份证号": "１１０１０５１９４９１２３１００２Ｘ",
            "出生日期": dt.date(1949, 12, 31),
            "门牌号": "1-2",
        },
        {"姓名": "赵六", "出生日期": "1949/12/31", "来本地日期": "2020-01-02", "与户主关系": "户主"},
    ]
    for row, values in enumerate(typed, start=2):
        for label, value in values.items():
            sheet.cell(row=row, column=column[label], value=value)
    workbook.save(path)

    for engine in ("calamine", "openpyxl"):
        with open_records(path, resident, engine=engine) as records:
            got = [(record.row, {k: v for k, v in record.values.items() if v is not None}) for record in records]
        birth = dt.date(1949, 12, 31)
        assert got == [
            (
                2,
                {
                    "name": "张三",
                    "id_number": "11010519491231002X",
                    "birth_date": birth,
                    "sex": "男",
                    "is_disabled": True,
                },
            ),
            (3, {"name": "李四", "id_number": "11010519491231002X", "birth_date": birth, "phone": "13800000000"}),
            (4, {"name": "王五", "id_number": "11010519491231002X", "birth_date": birth, "door_no": "1-2"}),
            (5, {"name": "赵六", "birth_date": birth, "arrival_date": dt.date(2020, 1, 2), "relation_to_head": "户主"}),
        ], engine
