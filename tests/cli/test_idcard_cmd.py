"""``gridcore idcard``: check ID numbers (bare and ``check`` forms) and 暂住人员身份验证 (``verify``)."""

from __future__ import annotations

import csv
import io
import json

import pytest

KEYS = {
    "input",
    "valid",
    "reason",
    "id18",
    "birth_date",
    "sex",
    "age",
    "division_code",
    "province",
    "prefecture",
    "county",
    "place",
    "hmt_permit",
}
BEIJING_F = "11010519491231002X"
GUANGDONG_M = "440524188001010014"
BAD_CHECK_DIGIT = "110105194912310021"  # BEIJING_F with check character 1 instead of X
LEGACY_15 = "110105491231002"
HONG_KONG = "810000199001011230"  # residence permit of a Hong Kong resident
ON = "2024-06-01"
VERIFY_CHECKS = ("号码格式", "校验码", "出生日期", "地址码", "姓名", "性别", "出生日期一致")


def rows_of(result):
    return json.loads(result.stdout)


def test_valid_number_as_json_with_stable_keys(gridcore_app, cli):
    result = cli(gridcore_app, "idcard", "check", BEIJING_F, "--on", ON, "--format", "json")
    assert result.exit_code == 0, result.output
    (row,) = rows_of(result)
    assert set(row) == KEYS
    assert row == {
        "input": BEIJING_F,
        "valid": True,
        "reason": None,
        "id18": BEIJING_F,
        "birth_date": "1949-12-31",
        "sex": "女",
        "age": 74,
        "division_code": "110105",
        "province": "北京市",
        "prefecture": None,
        "county": "朝阳区",
        "place": "北京市朝阳区",
        "hmt_permit": False,
    }


def test_bare_form_is_the_check_command(gridcore_app, cli):
    bare = cli(gridcore_app, "idcard", BEIJING_F, "--on", ON, "--format", "json")
    explicit = cli(gridcore_app, "idcard", "check", BEIJING_F, "--on", ON, "--format", "json")
    assert bare.exit_code == 0, bare.output
    assert rows_of(bare) == rows_of(explicit)
    options_first = cli(gridcore_app, "idcard", "--format", "json", "--on", ON, BEIJING_F)
    assert options_first.exit_code == 0, options_first.output
    assert rows_of(options_first) == rows_of(explicit)


def test_second_standard_vector_is_a_male_born_1880(gridcore_app, cli):
    result = cli(gridcore_app, "idcard", GUANGDONG_M, "--on", ON, "--format", "json")
    assert result.exit_code == 0, result.output
    (row,) = rows_of(result)
    assert row["valid"] is True
    assert (row["sex"], row["birth_date"], row["age"]) == ("男", "1880-01-01", 144)
    assert (row["division_code"], row["province"], row["prefecture"]) == ("440524", "广东省", "汕头市")
    assert row["place"].startswith("广东省汕头市")


def test_invalid_check_digit_exits_5_and_still_prints_every_row(gridcore_app, cli):
    result = cli(gridcore_app, "idcard", BEIJING_F, BAD_CHECK_DIGIT, GUANGDONG_M, "--format", "json")
    assert result.exit_code == 5
    rows = rows_of(result)
    assert [row["input"] for row in rows] == [BEIJING_F, BAD_CHECK_DIGIT, GUANGDONG_M]
    assert [row["valid"] for row in rows] == [True, False, True]
    bad = rows[1]
    assert "校验码错误" in bad["reason"]
    assert "应为 X" in bad["reason"]
    assert bad["id18"] is None
    assert bad["age"] is None


def test_invalid_number_in_table_shows_the_reason(gridcore_app, cli):
    result = cli(gridcore_app, "idcard", "check", BAD_CHECK_DIGIT)
    assert result.exit_code == 5
    assert "✗" in result.stdout
    assert "校验码错误" in result.stdout


def test_legacy_15_digit_number_shows_its_18_digit_form(gridcore_app, cli):
    result = cli(gridcore_app, "idcard", LEGACY_15, "--on", ON, "--format", "json")
    assert result.exit_code == 0, result.output
    (row,) = rows_of(result)
    assert row["input"] == LEGACY_15
    assert row["id18"] == BEIJING_F
    assert row["birth_date"] == "1949-12-31"


def test_table_form_for_people(gridcore_app, cli):
    result = cli(gridcore_app, "idcard", BEIJING_F, "--on", ON)
    assert result.exit_code == 0, result.output
    for text in (BEIJING_F, "✓", "1949-12-31", "女", "74", "110105", "北京市朝阳区"):
        assert text in result.stdout


def test_csv_has_the_same_columns(gridcore_app, cli):
    result = cli(gridcore_app, "idcard", BEIJING_F, LEGACY_15, "--on", ON, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert set(rows[0]) == KEYS
    assert [row["id18"] for row in rows] == [BEIJING_F, BEIJING_F]


def test_hong_kong_residence_permit_is_flagged(gridcore_app, cli):
    result = cli(gridcore_app, "idcard", HONG_KONG, BEIJING_F, "--on", ON, "--format", "json")
    assert result.exit_code == 0, result.output
    permit, citizen = rows_of(result)
    assert permit["hmt_permit"] is True
    assert permit["place"] == "香港特别行政区"
    assert citizen["hmt_permit"] is False


def test_on_bounds_the_birth_date(gridcore_app, cli):
    result = cli(gridcore_app, "idcard", HONG_KONG, "--on", "1989-12-31", "--format", "json")
    assert result.exit_code == 5
    (row,) = rows_of(result)
    assert "晚于" in row["reason"]


def test_bad_on_date_is_a_usage_error(gridcore_app, cli):
    result = cli(gridcore_app, "idcard", BEIJING_F, "--on", "2024-13-01")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


@pytest.mark.parametrize("args", [("idcard", "--help"), ("idcard",)])
def test_group_help_lists_subcommands(gridcore_app, cli, args):
    result = cli(gridcore_app, *args)
    assert "check" in result.output
    assert "verify" in result.output
    assert "ID..." in result.output


def test_root_help_lists_idcard_and_permission_is_registered(gridcore_app, cli):
    assert "idcard" in cli(gridcore_app, "--help").output
    permission = gridcore_app.registry.permissions["idcard.check"]
    assert (permission.title, permission.category) == ("身份证号核验", "系统实用工具")


def test_verify_passes_when_everything_agrees(gridcore_app, cli):
    args = ("idcard", "verify", BEIJING_F, "--name", "王秀英", "--sex", "女", "--birth-date", "1949-12-31")
    result = cli(gridcore_app, *args, "--on", ON, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = rows_of(result)
    assert all(set(row) == {"check", "passed", "message"} for row in rows)
    assert [row["check"] for row in rows] == list(VERIFY_CHECKS)
    assert all(row["passed"] for row in rows)
    table = cli(gridcore_app, *args)
    assert table.exit_code == 0, table.output
    assert "全部通过" in table.stdout
    assert "✗" not in table.stdout


def test_verify_fails_on_sex_and_birth_date_mismatch(gridcore_app, cli):
    result = cli(
        gridcore_app,
        "idcard",
        "verify",
        BEIJING_F,
        "--name",
        "王秀英",
        "--sex",
        "男",
        "--birth-date",
        "1949-12-30",
        "--format",
        "json",
    )
    assert result.exit_code == 5
    failed = {row["check"]: row["message"] for row in rows_of(result) if not row["passed"]}
    assert set(failed) == {"性别", "出生日期一致"}
    assert "sex mismatch" in failed["性别"]


def test_verify_of_a_malformed_number_reports_every_check(gridcore_app, cli):
    result = cli(gridcore_app, "idcard", "verify", "1101051949", "--name", "王秀英")
    assert result.exit_code == 5
    assert "✗" in result.stdout
    assert "未通过" in result.stdout
    assert "wrong length" in result.stdout


def test_verify_needs_a_name(gridcore_app, cli):
    result = cli(gridcore_app, "idcard", "verify", BEIJING_F)
    assert result.exit_code == 2
    assert "--name" in result.output
