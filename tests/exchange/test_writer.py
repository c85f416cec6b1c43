"""Export (R-G14): streamed, the template's headers, and what is written is what is read back."""

from __future__ import annotations

import datetime as dt
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from gridcore.entities import entity_fields
from gridcore.exchange import export_fields, open_records, open_table, write_records, write_table, write_template


def _resident_rows(count):
    for i in range(count):
        yield {
            "resident_no": f"HQDY001{i:02d}" if i % 3 else None,
            "household_no": "HQDY001",
            "community_name": "红旗社区",
            "building_no": "3",
            "door_no": f"{i % 9 + 1}-{i % 4 + 1}",  # Excel would turn a typed 1-2 into a date
            "head_name": "张三",
            "name": ["张三", "李·四", "王五"][i % 3],
            "relation_to_head": "户主" if i == 0 else "子",
            "id_number": "11010519491231002X" if i % 2 else "110105194912310028",
            "birth_date": dt.date(1949, 12, 31),
            "sex": "男",
            "phone": "13800138000",
            "arrival_date": dt.date(2020, 1, 2) if i % 2 else None,
            "is_disabled": i % 2 == 0,
            "is_dibao": False,
            "lives_alone": True,
            "remark": ["=1+1", "+86 138", "-", "@home", "多行\n备注", "#N/A", "x" * 2000, None][i % 8],
            "residence_permit_no": "000123",  # leading zeros stay
        }


@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_export_reimports_losslessly(tmp_path, resident, engine):
    path = tmp_path / "residents.xlsx"
    rows = list(_resident_rows(40))
    assert write_records(path, resident, rows) == 40
    fields = entity_fields(resident.model)
    with open_records(path, resident, engine=engine) as records:
        assert records.header == [field.label for field in fields]
        got = list(records)
    assert [record.row for record in got] == list(range(2, 42))
    for written, record in zip(rows, got, strict=True):
        assert record.ok, record.reason
        expected = {field.name: written.get(field.name) for field in fields}
        assert dict(record.values) == expected


def test_export_headers_equal_the_template(tmp_path, household):
    template = tmp_path / "template.xlsx"
    export = tmp_path / "export.xlsx"
    write_template(template, household)
    write_records(export, household, [{"head_name": "张三", "floor_area": Decimal("85.50"), "map_left": 120}])
    with open_table(template, sheet="户籍表") as left, open_table(export, sheet="户籍表") as right:
        assert left.header == right.header
    with open_records(export, household) as records:
        (record,) = list(records)
    assert record.values["floor_area"] == Decimal("85.5")
    assert record.values["map_left"] == 120


def test_chosen_fields_in_their_order(tmp_path, household):
    path = tmp_path / "few.xlsx"
    write_records(path, household, [{"head_name": "张三", "door_no": "1-2"}], fields=["door_no", "head_name"])
    with open_table(path, sheet="户籍表") as table:
        assert table.header == ["门牌号", "户主姓名"]
    with pytest.raises(KeyError, match="nonsense"):
        export_fields(household, ["nonsense"])


def test_text_columns_are_text_cells(tmp_path):
    path = tmp_path / "ids.xlsx"
    rows = [["11010519491231002X", 110105194912310028, 13800138000, 1234567890123456789, dt.datetime(2024, 1, 2, 3, 4)]]
    write_table(
        path, sheet="S", headers=["身份证号", "证号", "电话", "大数", "时间"], rows=rows, text_columns=["身份证号", 1]
    )
    sheet = openpyxl.load_workbook(path)["S"]
    id_cell, number_cell, phone, big, moment = sheet[2]
    assert (id_cell.data_type, id_cell.number_format) == ("s", "@")
    assert (number_cell.value, number_cell.data_type, number_cell.number_format) == ("110105194912310028", "s", "@")
    assert phone.data_type == "n"
    assert (big.value, big.data_type) == ("1234567890123456789", "s")  # more digits than Excel keeps
    assert moment.is_date
    assert sheet.column_dimensions["A"].number_format == "@"
    with zipfile.ZipFile(path) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()
    with open_table(path, sheet="S") as table:
        assert [cells for _, cells in table.rows()] == [
            ["11010519491231002X", "110105194912310028", 13800138000, "1234567890123456789", rows[0][4]]
        ]


def test_control_characters_and_escapes_survive(tmp_path):
    path = tmp_path / "odd.xlsx"
    texts = ["a\rb", "x\r\ny", "bell\x07", "_x0041_", "制表\t符", "\ufeffBOM"]
    write_table(path, sheet="S", headers=[f"h{i}" for i in range(len(texts))], rows=[texts])
    for engine in ("calamine", "openpyxl"):
        with open_table(path, sheet="S", engine=engine) as table:
            assert [cells for _, cells in table.rows()] == [texts], engine


def test_timezone_aware_datetimes_are_written_as_local_time(tmp_path):
    path = tmp_path / "tz.xlsx"
    moment = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    write_table(path, sheet="S", headers=["时间"], rows=[[moment]])
    with open_table(path, sheet="S") as table:
        ((_, (value,)),) = list(table.rows())
    assert value == moment.astimezone().replace(tzinfo=None)


def test_whole_row_check_takes_only_rows_the_cells_would_leave_as_they_are():
    """The export's fast path (one check per row) passes a row on as it is only when every cell maker
    would have returned each of its values unchanged: no formula, error code, misreadable text or escape
    slips through without its cell."""
    import random

    from gridcore.exchange.writer import TextColumn, _plain_row_check, safe_cell

    sheet = openpyxl.Workbook(write_only=True).create_sheet("S")
    column = TextColumn(sheet, every_cell=False)
    plain_row = _plain_row_check(2, set(), {0})
    alphabet = list("0123456789-+=@#/.:, aAeEjJnNtTrRuUfFlLsSxXmMpPyYcCoO_张三月日%$()")
    alphabet += ["\t", "\r", "\n", "\x00", "\x1f", "\x1e", "\x07", "\u3000", "\ufffe", "\u017f", "\u212a", "１"]
    words = [
        "true",
        "FALSE",
        "#N/A",
        "jan",
        "Mar 5",
        "\u017fep 3",
        "OCTober 1",
        "tRue",
        "_x0041_",
        "1-2",
        "12",
        "012",
        "1" * 16,
        "1" * 15,
        "3号楼",
        "3月4日",
    ]
    generator = random.Random(20261129)
    passed = 0
    for _ in range(20_000):
        text = "".join(generator.choices(alphabet, k=generator.randint(0, 2)))
        if generator.random() < 0.5:
            text += generator.choice(words)
        text += "".join(generator.choices(alphabet, k=generator.randint(0, 3)))
        for other in ("x", text, dt.date(2020, 1, 1), None, True, Decimal("1.5")):
            if plain_row([text, other]):
                passed += 1
                written = column(text)
                assert type(written) is str, repr(text)
                assert written == text, repr(text)
                assert safe_cell(sheet, other) == other, repr(other)
                assert type(safe_cell(sheet, other)) is type(other), repr(other)
    assert passed > 10_000  # and most rows do take it
    assert plain_row(["张三", "李四"])
    assert not plain_row(["张三"])  # a short row takes the per-cell path
    assert not plain_row([1, "李四"])  # a number in a string column: written as text by TextColumn
    assert not plain_row(["张三", 12])  # an int: the per-cell path checks its digits


def test_rows_of_any_kind_are_written_as_cell_by_cell(tmp_path):
    path = tmp_path / "mixed.xlsx"
    rows = [
        ("张三", "11010519491231002X", dt.date(2020, 1, 2), "否"),
        ["=1+1", "110105194912310028", None, "#N/A"],
        ["1-2", None, dt.date(2020, 1, 2), "是", "extra"],
        ["李四", "110105194912310028"],
    ]
    write_table(
        path, sheet="S", headers=["姓名", "身份证号", "日期", "是否"], rows=rows, text_columns=[1], string_columns=[0]
    )
    sheet = openpyxl.load_workbook(path)["S"]
    got = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert got[0][:2] == ["张三", "11010519491231002X"]
    assert got[0][3] == "否"
    assert got[1][0] == "=1+1"
    assert sheet["A3"].data_type == "s"
    assert sheet["A3"].quotePrefix
    assert (sheet["D3"].data_type, sheet["D3"].value) == ("s", "#N/A")
    assert sheet["A4"].number_format == "@"
    assert got[2][4] == "extra"
    assert [sheet[f"B{row}"].number_format for row in (2, 3, 5)] == ["@", "@", "@"]
    assert sheet["A2"].number_format == "General"  # a plain name carries no format of its own
