"""The upload check's own rules: kinds by content, and the generated limit patterns (property-tested)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gridcore.exchange import (
    FileKind,
    Limits,
    TableTooLargeError,
    UnsafeFileError,
    examine_upload,
    inspect_upload,
    write_table,
)
from gridcore.exchange.errors import column_letter
from gridcore.exchange.ooxml import _violations


@given(
    max_rows=st.integers(1, 200_000),
    max_columns=st.integers(1, 16_384),
    row=st.integers(1, 1_048_576),
    column=st.integers(1, 16_384),
    lower=st.booleans(),
    quote=st.sampled_from(['"', "'"]),
    spacing=st.sampled_from(["", " ", "\t", "\n "]),
    zeros=st.sampled_from(["", "0", "00"]),
)
def test_violation_pattern_matches_exactly_the_refs_beyond_the_limits(
    max_rows, max_columns, row, column, lower, quote, spacing, zeros
):
    letters = column_letter(column - 1)
    letters = letters.lower() if lower else letters
    for ref in (f"{letters}{zeros}{row}", f"{zeros}{row}"):
        text = f'<c r{spacing}={spacing}{quote}{ref}{quote} t="n">'.encode()
        beyond_column = ref[0].isalpha() and column > max_columns
        beyond_row = row > max_rows + 1
        assert bool(_violations(max_rows, max_columns).search(text)) == (beyond_column or beyond_row), text


def test_limits_at_the_edge_pass(tmp_path, gen):
    header = [f"列{i}" for i in range(200)]
    path = gen.raw_xlsx(tmp_path / "wide.xlsx", {"户籍表": [header, ["x"] * 200]})
    assert inspect_upload(path) is FileKind.XLSX
    assert inspect_upload(path, limits=Limits(max_rows=1)) is FileKind.XLSX
    wider = gen.raw_xlsx(tmp_path / "wider.xlsx", {"户籍表": [[*header, "多"]]})
    with pytest.raises(TableTooLargeError, match="GS1 在第 201 列"):
        inspect_upload(wider)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16"])
def test_utf16_parts_are_scanned_too(tmp_path, gen, encoding):
    declaration = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

    def patch(name, data):
        if name != "xl/worksheets/sheet1.xml":
            return data
        text = data.removeprefix(declaration).decode()
        return (f'<?xml version="1.0" encoding="UTF-16"?>{gen.LAUGHS}' + text).encode(encoding)

    path = gen.raw_xlsx(tmp_path / "utf16.xlsx", {"户籍表": [["户主姓名"]]}, patch=patch)
    with pytest.raises(UnsafeFileError, match="DTD"):
        inspect_upload(path)


def test_kinds_by_content(tmp_path, gen):
    xlsx = tmp_path / "a.xlsx"
    write_table(xlsx, sheet="户籍表", headers=["户主姓名"], rows=[["张三"]])
    upload = examine_upload(xlsx)
    assert (upload.kind, upload.sheets, upload.date1904) == (FileKind.XLSX, ("户籍表",), False)
    renamed = tmp_path / "a.dat"
    renamed.write_bytes(xlsx.read_bytes())
    assert inspect_upload(renamed) is FileKind.XLSX  # the name does not matter, the bytes do
    csv = tmp_path / "a.csv"
    csv.write_bytes("户主姓名\n张三\n".encode("gbk"))
    assert examine_upload(csv).encoding == "gb18030"
    pytest.importorskip("xlwt")
    xls = gen.xls_file(tmp_path / "a.xls", "户籍表", [["户主姓名"], ["张三"]])
    assert inspect_upload(xls) is FileKind.XLS
