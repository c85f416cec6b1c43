"""Reading sheets: engines agree, headers are checked before rows, sheets are found by name (R-G02)."""

from __future__ import annotations

import datetime as dt
import sys

import openpyxl
import pytest

from gridcore.exchange import (
    ExchangeError,
    HeaderError,
    Limits,
    SheetNotFoundError,
    TableTooLargeError,
    UnsupportedFileError,
    calamine_available,
    open_records,
    open_table,
)


def _read(path, sheet, engine=None, **kwargs):
    with open_table(path, sheet=sheet, engine=engine, **kwargs) as table:
        return table.engine, table.header, list(table.rows())


def _mixed_workbook(path):
    """Text, numbers, booleans, dates, date-times, blanks, a blank row, data not starting at A1."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "户籍表"
    sheet["B3"] = "户主姓名"
    sheet["C3"] = "建筑面积"
    sheet["D3"] = "登记时间"
    sheet["E3"] = "备注"
    rows = [
        ["张三", 85.5, dt.datetime(2020, 1, 2, 8, 30), "  前后有空格 "],
        ["李四", 120, dt.date(2021, 3, 4), None],
        [None, None, None, None],
        ["王五", True, dt.datetime(2022, 5, 6), "=1+1"],
        ["赵六", None, None, "１２３"],
    ]
    for offset, row in enumerate(rows):
        for column, value in enumerate(row, start=2):
            if value is not None:
                sheet.cell(row=4 + offset, column=column, value=value)
    sheet["E7"].data_type = "s"  # text that looks like a formula, as a user's file may hold
    workbook.save(path)
    return path


def test_engines_give_the_same_rows(tmp_path):
    path = _mixed_workbook(tmp_path / "mixed.xlsx")
    calamine = _read(path, "户籍表", "calamine")
    fallback = _read(path, "户籍表", "openpyxl")
    assert calamine[0] == "calamine"
    assert fallback[0] == "openpyxl"
    assert calamine[1:] == fallback[1:]
    header, rows = calamine[1:]
    assert header == ["", "户主姓名", "建筑面积", "登记时间", "备注"]
    assert rows == [
        (4, [None, "张三", 85.5, dt.datetime(2020, 1, 2, 8, 30), "  前后有空格 "]),
        (5, [None, "李四", 120, dt.date(2021, 3, 4), None]),
        (7, [None, "王五", True, dt.date(2022, 5, 6), "=1+1"]),
        (8, [None, "赵六", None, None, "１２３"]),
    ]


def test_openpyxl_is_the_fallback_when_calamine_is_missing(tmp_path, monkeypatch):
    path = _mixed_workbook(tmp_path / "mixed.xlsx")
    expected = _read(path, "户籍表")
    assert expected[0] == "calamine"
    monkeypatch.setitem(sys.modules, "python_calamine", None)  # import python_calamine -> ImportError
    assert not calamine_available()
    engine, header, rows = _read(path, "户籍表")
    assert engine == "openpyxl"
    assert (header, rows) == expected[1:]


def test_missing_sheet_names_the_sheets_there_are(tmp_path, gen, household):
    path = gen.wrong_sheet(tmp_path / "wrong.xlsx")
    for engine in ("calamine", "openpyxl"):
        with pytest.raises(SheetNotFoundError) as caught:
            open_records(path, household, engine=engine)
        message = str(caught.value)
        assert "wrong.xlsx" in message
        assert "「户籍表」" in message
        assert "「Sheet1」、「人口」" in message
        assert caught.value.available == ("Sheet1", "人口")
        assert "\n" not in message


def test_sheet_name_with_stray_space_is_found(tmp_path, gen):
    path = gen.raw_xlsx(tmp_path / "spaced.xlsx", {"户籍表 ": [["户主姓名"], ["张三"]]})
    assert _read(path, "户籍表")[2] == [(2, ["张三"])]


def test_unknown_and_missing_headers_are_reported_before_any_row(tmp_path, gen, household):
    rows = [["门牌号", "户主名字", "备注", "备注"], ["1-1", "张三", "a", "b"]]
    rows.extend([["1-1", "张三", "a", "b"]] * 50)
    path = gen.raw_xlsx(tmp_path / "bad-header.xlsx", {"户籍表": rows})
    with pytest.raises(HeaderError) as caught:
        open_records(path, household)
    error = caught.value
    assert error.unknown == ("户主名字",)
    assert error.missing == ("户主姓名",)
    assert error.duplicate == ("备注",)
    message = str(error)
    assert message.startswith("文件「bad-header.xlsx」工作表「户籍表」: 表头有误")
    assert "未知列 「户主名字」(B 列)" in message
    assert "缺少必填列 「户主姓名」" in message
    assert "重复列 「备注」(C、D 列)" in message


def test_headers_match_by_alias_width_and_whitespace(tmp_path, gen, resident):
    header = ["姓 名", "公民身份号码", "户籍编码", "出生\n日期", "ＰＨＯＮＥ", "原行号", "错误原因", None]
    header[4] = "联系电话"
    path = gen.raw_xlsx(tmp_path / "aliases.xlsx", {"常住人口信息表": [header, ["张三", "11010519491231002X"]]})
    with open_records(path, resident) as records:
        assert [column.field.name for column in records.columns.columns] == [
            "name",
            "id_number",
            "household_no",
            "birth_date",
            "phone",
        ]
        assert records.columns.ignored == (5, 6)  # the trailing blank header cell is not a column
        assert [record.values["id_number"] for record in records] == ["11010519491231002X"]


def test_generated_columns_may_be_present(tmp_path, gen, household):
    path = gen.raw_xlsx(
        tmp_path / "generated.xlsx", {"户籍表": [["户籍编号", "社区名称", "户主姓名"], [None, None, "张三"]]}
    )
    with open_records(path, household) as records:
        assert [record.values for record in records] == [
            {"household_no": None, "community_name": None, "head_name": "张三"}
        ]


def test_xls_is_read_with_calamine(tmp_path, gen, household):
    pytest.importorskip("xlwt")
    rows = [["户主姓名", "门牌号", "建筑面积"], ["张三", "1-2", 85.5], ["李四", "3-4", 100]]
    path = gen.xls_file(tmp_path / "old.xls", "户籍表", rows)
    assert _read(path, "户籍表") == ("calamine", rows[0], [(2, ["张三", "1-2", 85.5]), (3, ["李四", "3-4", 100])])
    with pytest.raises(UnsupportedFileError, match="xls"):
        open_table(path, sheet="户籍表", engine="openpyxl")
    with open_records(path, household) as records:
        assert [record.values["floor_area"] for record in records] == [pytest.approx(85.5), 100]


@pytest.mark.parametrize(
    ("encoding", "prefix"), [("utf-8", b""), ("utf-8-sig", b""), ("gb18030", b""), ("gbk", b""), ("utf-16", b"")]
)
def test_csv_encodings(tmp_path, household, encoding, prefix):
    path = tmp_path / "households.csv"
    text = '户主姓名,门牌号,备注\r\n张三,1-2,"逗号,和引号"""\r\n,,\r\n李四,３-４,𠀀\r\n'
    if encoding in ("gbk",):
        text = text.replace("𠀀", "生僻")
    path.write_bytes(prefix + text.encode(encoding))
    with open_records(path, household) as records:
        got = [(record.row, record.values) for record in records]
    assert records.table.engine == "csv"
    rare = "生僻" if encoding == "gbk" else "𠀀"
    assert got == [
        (2, {"head_name": "张三", "door_no": "1-2", "remark": '逗号,和引号"'}),
        (4, {"head_name": "李四", "door_no": "3-4", "remark": rare}),
    ]


def test_tab_separated_text(tmp_path, household):
    path = tmp_path / "households.txt"
    path.write_text("户主姓名\t门牌号\n张三\t1-2\n", encoding="utf-8")
    with open_records(path, household) as records:
        assert [record.values for record in records] == [{"head_name": "张三", "door_no": "1-2"}]


def test_row_and_column_limits_while_reading(tmp_path, gen):
    rows = [["户主姓名", "门牌号"]] + [["张三", "1"]] * 30
    path = gen.raw_xlsx(tmp_path / "rows.xlsx", {"户籍表": rows})
    with pytest.raises(TableTooLargeError, match="超过 10 行上限"):
        open_table(path, sheet="户籍表", limits=Limits(max_rows=10))
    with pytest.raises(TableTooLargeError, match="超过 1 列上限"):
        open_table(path, sheet="户籍表", limits=Limits(max_columns=1))
    csv_path = tmp_path / "rows.csv"
    csv_path.write_text("\n".join(",".join(row) for row in rows), encoding="utf-8")
    with (
        open_table(csv_path, sheet="户籍表", limits=Limits(max_rows=10)) as table,
        pytest.raises(TableTooLargeError) as caught,
    ):
        list(table.rows())
    assert caught.value.row == 12


def test_empty_sheet(tmp_path, gen):
    path = gen.raw_xlsx(tmp_path / "empty.xlsx", {"户籍表": []})
    for engine in ("calamine", "openpyxl"):
        with pytest.raises(ExchangeError, match="空"):
            open_table(path, sheet="户籍表", engine=engine)


def test_title_rows_above_the_header_are_skipped(tmp_path, household):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "户籍表"
    sheet["A1"] = "红旗社区户籍信息表"
    sheet.merge_cells("A1:C1")
    sheet["A2"] = "填表日期: 2024-01-02"
    sheet.append(["户主姓名", "门牌号", "自定义列"])
    sheet.append(["张三", "1-2", None])
    workbook.save(tmp_path / "titled.xlsx")
    for engine in ("calamine", "openpyxl"):
        with pytest.raises(HeaderError, match="未知列 「自定义列」"):
            open_records(tmp_path / "titled.xlsx", household, engine=engine)
    sheet.delete_cols(3)
    workbook.save(tmp_path / "titled.xlsx")
    for engine in ("calamine", "openpyxl"):
        with open_records(tmp_path / "titled.xlsx", household, engine=engine) as records:
            assert records.table.header_row == 3
            assert [(record.row, record.values) for record in records] == [(4, {"head_name": "张三", "door_no": "1-2"})]


def test_without_a_recognisable_header_the_first_row_is_reported(tmp_path, gen, household):
    path = gen.raw_xlsx(tmp_path / "foreign.xlsx", {"户籍表": [["Name", "Door"], ["张三", "1-2"]]})
    with pytest.raises(HeaderError) as caught:
        open_records(path, household)
    assert caught.value.unknown == ("Name", "Door")
    assert caught.value.missing == ("户主姓名",)
