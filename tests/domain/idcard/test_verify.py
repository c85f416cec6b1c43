"""暂住人员身份验证 (R-R03): every check reported, pass or fail."""

from __future__ import annotations

from datetime import date

from gridcore.domain.idcard import Check, check_char, make_id, verify_person

ON = date(2025, 6, 1)
ALL = ["号码格式", "校验码", "出生日期", "地址码", "姓名", "性别", "出生日期一致"]


def by_name(checks: list[Check]) -> dict[str, Check]:
    assert [c.name for c in checks] == ALL
    return {c.name: c for c in checks}


def test_everything_passes():
    checks = verify_person("11010519491231002X", name="李华", sex="女", birth_date=date(1949, 12, 31), on=ON)
    assert all(c.passed for c in checks), checks
    assert by_name(checks)["地址码"].message == "地址码 110105:北京市朝阳区"


def test_sex_codes_and_full_width_input_accepted():
    checks = verify_person("１１０１０５４９１２３１００２", name="李华", sex="2", birth_date=date(1949, 12, 31), on=ON)
    result = by_name(checks)
    assert all(c.passed for c in checks), checks
    assert "15 位旧号码" in result["号码格式"].message
    assert "没有校验码" in result["校验码"].message


def test_mismatched_sex_and_birth_date():
    result = by_name(verify_person("11010519491231002X", name="李华", sex="男", birth_date=date(1949, 12, 30), on=ON))
    assert result["校验码"].passed
    assert not result["性别"].passed
    assert "登记为男,号码为女" in result["性别"].message
    assert not result["出生日期一致"].passed
    assert "不一致" in result["出生日期一致"].message


def test_wrong_check_digit_still_compares_sex_and_birth():
    result = by_name(verify_person("11010519491231002Y", name="李华", sex="女", birth_date=date(1949, 12, 31), on=ON))
    assert not result["校验码"].passed
    assert "应为 X" in result["校验码"].message
    assert result["出生日期"].passed
    assert result["地址码"].passed
    assert result["性别"].passed
    assert result["出生日期一致"].passed


def test_unknown_division_and_future_birth():
    number = make_id("999999", date(2026, 1, 1), 3, "男")
    result = by_name(verify_person(number, name="赵强", sex="男", birth_date=date(2026, 1, 1), on=ON))
    assert not result["地址码"].passed
    assert "地址码 999999 不存在" in result["地址码"].message
    assert not result["出生日期"].passed
    assert "晚于今天" in result["出生日期"].message
    assert result["出生日期一致"].passed


def test_invalid_date_in_number():
    body = "110105" + "19900230" + "004"
    result = by_name(verify_person(body + check_char(body), name="赵强", sex="女", birth_date=None, on=ON))
    assert not result["出生日期"].passed
    assert not result["出生日期一致"].passed
    assert "无法核对" in result["出生日期一致"].message
    assert result["地址码"].passed


def test_malformed_number_fails_every_number_check():
    result = by_name(verify_person("12345", name="赵强", sex="男", birth_date=date(1990, 1, 1), on=ON))
    for name in ("号码格式", "校验码", "出生日期", "地址码", "性别", "出生日期一致"):
        assert not result[name].passed
    assert result["姓名"].passed


def test_missing_recorded_values_fail():
    result = by_name(verify_person("11010519491231002X", name="  ", sex=None, birth_date=None, on=ON))
    assert not result["姓名"].passed
    assert "未登记姓名" in result["姓名"].message
    assert not result["性别"].passed
    assert not result["出生日期一致"].passed
    assert not by_name(verify_person("11010519491231002X", name="李华", sex="未说明", birth_date=None, on=ON))[
        "性别"
    ].passed


def test_name_rules():
    def name_ok(name: str) -> bool:
        return by_name(verify_person("11010519491231002X", name=name, sex="女", birth_date=date(1949, 12, 31), on=ON))[
            "姓名"
        ].passed

    assert name_ok("李华")
    assert name_ok("阿依古丽·买买提")
    assert name_ok("欧阳 Anna")
    assert not name_ok("李")
    assert not name_ok("李华2")
    assert not name_ok("·李华")
    assert not name_ok("李" * 31)
    assert not name_ok("李\n华")
