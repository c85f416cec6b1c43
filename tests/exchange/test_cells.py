"""Cell rules: Excel's date systems, text dates, ID numbers Excel has damaged, full-width text (I5)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, to_excel

from gridcore.domain.residents import Resident
from gridcore.entities import entity_fields
from gridcore.exchange import from_serial, normalise_cell, normalise_id_cell

FIELDS = {field.name: field for field in entity_fields(Resident)}
BIRTH = FIELDS["birth_date"]
ID = FIELDS["id_number"]
NAME = FIELDS["name"]
PHONE = FIELDS["phone"]
DISABLED = FIELDS["is_disabled"]
SEX = FIELDS["sex"]


@pytest.mark.parametrize(
    ("serial", "expected"),
    [
        (1, dt.date(1900, 1, 1)),
        (59, dt.date(1900, 2, 28)),
        (61, dt.date(1900, 3, 1)),
        (29_344, dt.date(1980, 5, 3)),
        (29_344.75, dt.date(1980, 5, 3)),
        (2_958_465, dt.date(9999, 12, 31)),
    ],
)
def test_1900_serials_with_the_leap_year_bug(serial, expected):
    assert normalise_cell(serial, BIRTH) == expected


def test_serial_60_is_the_day_that_never_was():
    with pytest.raises(ValueError, match="1900-02-29"):
        normalise_cell(60, BIRTH)
    with pytest.raises(ValueError, match="日期序号"):
        normalise_cell(0, BIRTH)
    with pytest.raises(ValueError, match="日期序号"):
        normalise_cell(-5, BIRTH)


def test_1904_serials():
    assert normalise_cell(0, BIRTH, date1904=True) == dt.date(1904, 1, 1)
    assert normalise_cell(27_882, BIRTH, date1904=True) == dt.date(1980, 5, 3)
    assert normalise_cell(27_882, BIRTH) == dt.date(1976, 5, 2)  # the same number, 1900 system


@given(st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(9999, 12, 31)), st.booleans())
def test_serials_agree_with_openpyxl(day, date1904):
    epoch = CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900
    if date1904 and day < dt.date(1904, 1, 1):
        return
    assert from_serial(to_excel(day, epoch), date1904=date1904).date() == day


@given(st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)))
def test_serial_times_to_the_second(moment):
    moment = moment.replace(microsecond=0)
    assert from_serial(to_excel(moment)) == moment


@pytest.mark.parametrize(
    "text",
    [
        "1980.5.3",
        "1980年5月3日",
        "1980/05/03",
        "1980-05-03",
        "19800503",
        "１９８０.５.３",
        " 1980/5/3 0:00 ",
        "1980-05-03T00:00",
    ],
)
def test_text_dates(text):
    assert normalise_cell(text, BIRTH) == dt.date(1980, 5, 3)


def test_number_dates():
    assert normalise_cell(19_800_503, BIRTH) == dt.date(1980, 5, 3)
    assert normalise_cell(dt.datetime(1980, 5, 3, 12, 0), BIRTH) == dt.date(1980, 5, 3)


@pytest.mark.parametrize(
    ("text", "reason"), [("2023/2/30", "不是有效日期"), ("明年", "不是日期"), ("1980.13.1", "不是有效日期")]
)
def test_impossible_dates(text, reason):
    with pytest.raises(ValueError, match=reason):
        normalise_cell(text, BIRTH)
    with pytest.raises(ValueError, match="不是日期"):
        normalise_cell(dt.time(8, 0), BIRTH)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("11010519491231002X", "11010519491231002X"),
        ("11010519491231002x", "11010519491231002X"),
        (" 1101 0519 4912 3100 2x ", "11010519491231002X"),
        ("１１０１０５１９４９１２３１００２ｘ", "11010519491231002X"),
        ("110105491231002", "11010519491231002X"),  # 15 digits, upgraded
        (110105491231002, "11010519491231002X"),  # 15 digits stored as a number: exact, upgraded
        (110105491231002.0, "11010519491231002X"),
        ("'110105194912310028", "110105194912310028"),  # Excel's text apostrophe typed into a CSV
        ("12345", "12345"),  # wrong, but the import service's parse_id says why
    ],
)
def test_id_numbers(value, expected):
    assert normalise_cell(value, ID) == expected


@pytest.mark.parametrize("value", [1.10105194912310e17, 110105194912310000, 1.1010519491231e16])
def test_id_stored_as_a_number_lost_its_last_digits(value):
    with pytest.raises(ValueError, match="15 位有效数字") as caught:
        normalise_id_cell(value)
    message = str(caught.value)
    assert "丢失" in message
    assert "文本格式" in message
    assert "19491231" not in message  # the birth date digits are masked (security.md L2)


@pytest.mark.parametrize("text", ["1.10105E+17", "1.1010519491231E+17", "１.１０１０５E+１７"])
def test_id_in_scientific_notation_text(text):
    with pytest.raises(ValueError, match="科学计数法"):
        normalise_cell(text, ID)


def test_other_bad_id_cells():
    with pytest.raises(ValueError, match="小数"):
        normalise_cell(1.5, ID)
    with pytest.raises(ValueError, match="逻辑值"):
        normalise_cell(True, ID)


def test_text_is_nfkc_trimmed_and_numbers_keep_their_digits():
    assert normalise_cell("  张　三  ", NAME) == "张 三"
    assert normalise_cell("１３８００１３８０００", PHONE) == "13800138000"
    assert normalise_cell(13_800_138_000, PHONE) == "13800138000"
    assert normalise_cell(13_800_138_000.0, PHONE) == "13800138000"
    assert normalise_cell(12.5, NAME) == "12.5"
    assert normalise_cell("　", NAME) is None
    assert normalise_cell(None, NAME) is None
    assert normalise_cell(" 男 ", SEX) == "男"
    with pytest.raises(ValueError, match="15 位"):
        normalise_cell(1_234_567_890_123_456, PHONE)


def test_booleans_and_numbers():
    assert normalise_cell("是", DISABLED) is True
    assert normalise_cell("否", DISABLED) is False
    assert normalise_cell(True, DISABLED) is True
    assert normalise_cell(1, DISABLED) is True
    assert normalise_cell(0.0, DISABLED) is False
    with pytest.raises(ValueError, match="是 或 否"):
        normalise_cell(2, DISABLED)
    with pytest.raises(ValueError, match="是 或 否"):
        normalise_cell("也许", DISABLED)
    from gridcore.domain.households import Household

    area = {field.name: field for field in entity_fields(Household)}["floor_area"]
    assert normalise_cell(85.5, area) == Decimal("85.5")
    assert normalise_cell("１２０", area) == Decimal("120")
    assert normalise_cell(120.0, area) == Decimal("120")
