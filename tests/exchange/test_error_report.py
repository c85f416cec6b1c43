"""The error workbook (R-G08): refused rows as they were, with row number and reason; fix and re-import."""

from __future__ import annotations

import zipfile

import openpyxl

from gridcore.exchange import REASON_COLUMN, ROW_COLUMN, open_records, write_error_workbook


def test_error_workbook_holds_the_original_rows_and_reasons(tmp_path, gen, resident):
    source = gen.lost_precision(tmp_path / "ids.xlsx")
    with open_records(source, resident) as records:
        header = records.header
        refused = [(record.row, record.cells, record.reason) for record in records if not record.ok]
    assert [row for row, _, _ in refused] == [2]

    report = tmp_path / "errors.xlsx"
    assert write_error_workbook(report, sheet="常住人口信息表", header=header, rows=refused) == 1
    sheet = openpyxl.load_workbook(report)["常住人口信息表"]
    assert [cell.value for cell in sheet[1]] == ["姓名", "身份证号", ROW_COLUMN, REASON_COLUMN]
    name, number, row, reason = (cell.value for cell in sheet[2])
    # the damaged number as it was read, written as text so that no further digit is lost
    assert (name, number, row) == ("张三", str(int(gen.LOST_ID)), 2)
    assert "15 位有效数字" in reason

    # the person types the full number as text and imports the corrected error workbook
    sheet["B2"].value = "11010519491231002X"
    sheet["B2"].number_format = "@"
    sheet.parent.save(report)
    with open_records(report, resident) as records:
        assert records.columns.ignored == (2, 3)
        (record,) = list(records)
    assert record.ok
    assert record.values == {"name": "张三", "id_number": "11010519491231002X"}


def test_error_workbook_is_injection_safe_and_pads_short_rows(tmp_path):
    report = tmp_path / "errors.xlsx"
    rows = [(5, ["=1+1", "@x"], '=HYPERLINK("http://evil")'), (9, ["张三"], "「户主姓名」不能为空")]
    write_error_workbook(report, sheet="户籍表", header=["户主姓名", "备注", "门牌号"], rows=rows)
    with zipfile.ZipFile(report) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()
    sheet = openpyxl.load_workbook(report)["户籍表"]
    assert [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)] == [
        ["=1+1", "@x", None, 5, '=HYPERLINK("http://evil")'],
        ["张三", None, None, 9, "「户主姓名」不能为空"],
    ]
    assert all(sheet.cell(row=2, column=c).data_type == "s" for c in (1, 2, 5))
