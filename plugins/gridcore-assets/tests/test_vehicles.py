"""Plates (GA 36-2018): ordinary, special, new-energy small and large, embassy; and VINs."""

from __future__ import annotations

import pytest
from gridcore_assets.vehicles import PROVINCES, PlateError, plate_kind, validate, validate_vin
from hypothesis import given
from hypothesis import strategies as st

LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


@pytest.mark.parametrize(
    ("plate", "kind"),
    [
        ("粤B12345", "普通号牌"),
        ("京AF0236", "普通号牌"),
        ("京A1234警", "专用号牌"),
        ("粤Z1234港", "专用号牌"),
        ("沪A1234学", "专用号牌"),
        ("粤BD12345", "小型新能源汽车号牌"),
        ("沪ADA1234", "小型新能源汽车号牌"),
        ("皖HA01234", "小型新能源汽车号牌"),
        ("粤B12345D", "大型新能源汽车号牌"),
        ("使014578", "使馆号牌"),
    ],
)
def test_plate_kinds(plate, kind):
    assert plate_kind(plate) == kind


def test_plates_are_normalised():
    assert validate(" 粤b·12345 ") == "粤B12345"
    assert validate("粤ｂｄ１２３４５") == "粤BD12345"  # full-width


@pytest.mark.parametrize(
    ("plate", "message"),
    [
        ("AB12345", "应以省份简称开头"),
        ("港B12345", "应以省份简称开头"),
        ("粤B1234", "应为 7 位 \\(新能源汽车 8 位\\), 实际 6 位"),
        ("粤B123456789", "实际 11 位"),
        ("粤BI2345", "不使用字母 I 和 O"),
        ("粤BZ12345", "不符合号牌格式"),  # Z is no energy letter
        ("粤B12345A", "不符合号牌格式"),  # a large new-energy plate ends in D or F
        ("粤112345", "不符合号牌格式"),  # the issuing office is a letter
        ("沪AF1A234", "不符合号牌格式"),  # the last four of a new-energy plate are digits
    ],
)
def test_bad_plates_say_why(plate, message):
    with pytest.raises(PlateError, match=message):
        validate(plate)


@given(
    st.sampled_from(PROVINCES),
    st.sampled_from(LETTERS),
    st.sampled_from("ABCDEFGHJK"),
    st.sampled_from(LETTERS + "0123456789"),
    st.integers(min_value=0, max_value=9999),
)
def test_every_small_new_energy_plate_is_accepted(province, office, energy, second, serial):
    plate = f"{province}{office}{energy}{second}{serial:04d}"
    assert (len(plate), plate_kind(plate)) == (8, "小型新能源汽车号牌")


@given(
    st.sampled_from(PROVINCES),
    st.sampled_from(LETTERS),
    st.text(alphabet=LETTERS + "0123456789", min_size=5, max_size=5),
)
def test_every_ordinary_plate_is_accepted(province, office, serial):
    assert plate_kind(f"{province}{office}{serial}") == "普通号牌"


def test_vin():
    assert validate_vin("lsvaa4182e2123456") == "LSVAA4182E2123456"
    with pytest.raises(PlateError, match="应为 17 位, 实际 16 位"):
        validate_vin("LSVAA4182E212345")
    with pytest.raises(PlateError, match="不使用字母 I、O、Q"):
        validate_vin("LSVAA4182E212345Q")
