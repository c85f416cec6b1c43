"""parse_id / check_id: the standard's examples, normalisation, the 15-digit upgrade, every failure."""

from __future__ import annotations

from datetime import date

import pytest

from gridcore.domain.idcard import check_char, check_id, make_id, parse_id
from gridcore.errors import GridcoreError, ValidationError

TODAY = date(2025, 6, 1)


def test_standard_example_female_beijing_chaoyang():
    info = parse_id("11010519491231002X", today=TODAY)
    assert info.number18 == "11010519491231002X"
    assert info.legacy15 is None
    assert info.birth_date == date(1949, 12, 31)
    assert (info.sex, info.sex_code) == ("女", "2")
    assert info.division_code == "110105"
    assert info.division.province == "北京市"
    assert info.division.prefecture is None  # 直辖
    assert info.division.county == "朝阳区"
    assert info.place_name == "北京市朝阳区"
    assert info.issue_year == 1985
    assert not info.is_hmt_permit


def test_standard_example_male_abolished_chaoyang_county():
    info = parse_id("440524188001010014", today=TODAY)
    assert info.birth_date == date(1880, 1, 1)
    assert (info.sex, info.sex_code) == ("男", "1")
    assert info.place_name == "广东省汕头市潮阳县"
    assert (info.division.start_year, info.division.end_year) == (1983, 1993)
    assert not info.division.in_use


def test_check_id_valid_has_no_reason():
    result = check_id("11010519491231002X", today=TODAY)
    assert result.valid
    assert result.reason is None
    assert result.failed_check is None
    assert result.info is not None
    assert result.info.number18 == "11010519491231002X"


def test_legacy_15_digits_upgraded():
    info = parse_id("110105491231002", today=TODAY)
    assert info.number18 == "11010519491231002X"
    assert info.legacy15 == "110105491231002"
    assert info.birth_date == date(1949, 12, 31)
    assert info.sex == "女"


def test_lower_case_x_normalised():
    assert parse_id("11010519491231002x", today=TODAY).number18 == "11010519491231002X"


def test_full_width_digits_and_whitespace_normalised():
    assert parse_id("１１０１０５１９４９１２３１００２ｘ", today=TODAY).number18 == "11010519491231002X"
    assert parse_id(" 110105 19491231 002X\t\n", today=TODAY).number18 == "11010519491231002X"
    assert parse_id("\u3000110105\u300019491231002Ｘ", today=TODAY).number18 == "11010519491231002X"


def test_wrong_check_digit():
    result = check_id("11010519491231002Y", today=TODAY)
    assert not result.valid
    assert result.info is None
    assert result.failed_check == "校验码"
    assert result.reason == "身份证号 110105********002Y 校验码错误:应为 X (check digit wrong)"
    assert check_id("110105194912310021", today=TODAY).reason.endswith("应为 X (check digit wrong)")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "身份证号为空"),
        ("   ", "身份证号为空"),
        ("1101051949123100", "长度为 16 位,应为 18 位或 15 位 (wrong length)"),
        ("11010519491231002X1", "长度为 19 位"),
        ("1101A519491231002X", "前 17 位应全为数字"),
        ("11010519491231002X"[:14] + "-" + "02X", "前 17 位应全为数字"),
        ("11010549123100X", "15 位旧号码,应全为数字"),
    ],
)
def test_format_failures(text, expected):
    result = check_id(text, today=TODAY)
    assert not result.valid
    assert result.failed_check == "号码格式"
    assert expected in result.reason


def test_invalid_calendar_date():
    body = "110105" + "19490230" + "002"
    result = check_id(body + check_char(body), today=TODAY)
    assert result.failed_check == "出生日期"
    assert "不是有效日期 (invalid birth date)" in result.reason


def test_invalid_date_in_legacy_number():
    result = check_id("110105491331002", today=TODAY)
    assert result.failed_check == "出生日期"


def test_birth_date_in_the_future():
    number = make_id("110105", date(2025, 6, 2), 7, "男")
    result = check_id(number, today=TODAY)
    assert result.failed_check == "出生日期"
    assert "晚于今天" in result.reason
    assert check_id(make_id("110105", TODAY, 7, "男"), today=TODAY).valid


def test_birth_date_before_1850():
    result = check_id(make_id("110105", date(1849, 12, 31), 1, "女"), today=TODAY)
    assert result.failed_check == "出生日期"
    assert "早于 1850 年" in result.reason
    assert check_id(make_id("110105", date(1850, 1, 1), 1, "女"), today=TODAY).valid


def test_unknown_division_code():
    result = check_id(make_id("999999", date(1990, 1, 1), 5, "男"), today=TODAY)
    assert result.failed_check == "地址码"
    assert "地址码 999999 不存在" in result.reason


def test_failure_messages_hide_the_birth_date_digits():
    result = check_id("11010519491231002Y", today=TODAY)
    assert "19491231" not in result.reason


def test_parse_id_raises_validation_error():
    with pytest.raises(ValidationError) as caught:
        parse_id("11010519491231002Y", today=TODAY)
    error = caught.value
    assert isinstance(error, GridcoreError)
    assert error.field == "身份证号"
    assert error.value == "11010519491231002Y"
    assert "校验码错误:应为 X" in str(error)


def test_check_id_never_raises_on_odd_input():
    assert check_id(None, today=TODAY).failed_check == "号码格式"  # type: ignore[arg-type]
    assert check_id(440524188001010014, today=TODAY).valid  # type: ignore[arg-type]
    assert not check_id("\x00" * 18, today=TODAY).valid
    assert not check_id("٠١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧", today=TODAY).valid  # Arabic-Indic digits


def test_today_defaults_to_system_date():
    assert check_id("11010519491231002X").valid
