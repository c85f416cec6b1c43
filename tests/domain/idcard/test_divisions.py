"""Division resolution: the record in force at issue time, abolished and reused codes, the gaps."""

from __future__ import annotations

import csv
import importlib.util
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from gridcore.domain.idcard import (
    HMT_PERMIT_NAMES,
    division_codes_in_use,
    likely_issue_year,
    make_id,
    parse_id,
    resolve_division,
)

TODAY = date(2025, 6, 1)
PACKAGE = Path(__file__).resolve().parents[3] / "gridcore" / "domain" / "idcard"
SOURCE_CSV = Path("/work/shared/data/areacodes/result.csv")


def place(code: str, birth: date) -> str:
    return parse_id(make_id(code, birth, 3, "男"), today=TODAY).place_name


@pytest.mark.parametrize(
    ("birth_year", "issue_year"),
    [(1880, 1985), (1969, 1985), (1970, 1986), (1983, 1999), (1984, 2000), (1990, 2000), (2005, 2005)],
)
def test_likely_issue_year(birth_year, issue_year):
    assert likely_issue_year(date(birth_year, 7, 1)) == issue_year


def test_likely_issue_year_capped_at_last_data_year():
    assert likely_issue_year(date(2025, 1, 1)) == 2024


def test_reused_code_resolves_to_the_record_at_issue_time():
    # 419001 was 义马市 in 1987-1990 and is 济源市 since 1996.
    assert place("419001", date(1972, 5, 1)) == "河南省义马市"  # issued about 1988
    assert place("419001", date(1985, 5, 1)) == "河南省济源市"  # issued about 2000
    assert place("419001", date(1950, 5, 1)) == "河南省济源市"  # 1985: no record, latest one


def test_renamed_code_and_renamed_prefecture():
    assert place("500101", date(1981, 3, 3)) == "重庆市万县区"  # about 1997
    assert place("500101", date(1990, 3, 3)) == "重庆市万州区"
    early = resolve_division("422801", 1982)
    assert early is not None
    assert early.full_name == "湖北省恩施地区恩施市"
    assert place("422801", date(1966, 1, 1)) == "湖北省鄂西土家族苗族自治州恩施市"  # about 1985
    assert place("422801", date(1975, 1, 1)) == "湖北省鄂西土家族苗族自治州恩施市"  # about 1991
    assert place("422801", date(2001, 1, 1)) == "湖北省恩施土家族苗族自治州恩施市"


def test_abolished_code_keeps_its_old_name():
    info = parse_id(make_id("110103", date(1960, 8, 8), 2, "女"), today=TODAY)
    assert info.place_name == "北京市崇文区"
    assert info.division.end_year == 2010
    # Born after the abolition: no record covers the issue year, so the latest one is used.
    assert place("110103", date(2015, 1, 1)) == "北京市崇文区"


@pytest.mark.parametrize(
    ("code", "name"),
    [("810000", "香港特别行政区"), ("820000", "澳门特别行政区"), ("830000", "台湾省")],
)
def test_hong_kong_macao_taiwan_residence_permits(code, name):
    info = parse_id(make_id(code, date(1990, 5, 6), 10, "女"), today=TODAY)
    assert info.is_hmt_permit
    assert info.division.kind == "hmt_permit"
    assert info.place_name == name
    assert info.division.province == name
    assert HMT_PERMIT_NAMES[code] == name


def test_mainland_code_is_not_a_permit():
    assert not parse_id("11010519491231002X", today=TODAY).division.is_hmt_permit
    taiwan_province = resolve_division("710000", 2000)
    assert taiwan_province is not None
    assert not taiwan_province.is_hmt_permit


def test_missing_city_districts_code_resolves_to_the_city():
    info = parse_id(make_id("320101", date(1975, 1, 1), 4, "男"), today=TODAY)
    assert info.place_name == "江苏省南京市"
    assert info.division.name == "市辖区"
    assert info.division.kind == "city_districts"
    assert info.division.prefecture == "南京市"


def test_xxxx01_under_a_prefecture_that_is_not_a_city_is_unknown():
    # 5426 was 林芝地区: a 地区 has no 市辖区.
    assert resolve_division("542601", 1990) is None


def test_real_xxxx01_records_win_over_the_gap_rule():
    assert place("110101", date(1980, 1, 1)) == "北京市东城区"


def test_unknown_code():
    assert resolve_division("999999", 2000) is None
    assert resolve_division("110199", 2000) is None


def test_province_and_prefecture_level_codes_resolve():
    assert place("441900", date(1990, 1, 1)) == "广东省东莞市"
    assert place("110000", date(1990, 1, 1)) == "北京市"


def test_codes_in_use_by_year():
    in_1990 = division_codes_in_use(1990)
    in_2024 = division_codes_in_use(2024)
    assert "440524" in in_1990
    assert "440524" not in in_2024
    assert "110118" not in in_1990  # 密云区 since 2015
    assert "110118" in in_2024
    assert "110000" not in in_2024
    assert "110000" in division_codes_in_use(2024, levels=("省级",))
    assert list(in_2024) == sorted(in_2024)


def test_every_code_resolves_in_every_table_year():
    from gridcore.domain.idcard.division_table import division_table

    for code, records in division_table().items():
        if code in HMT_PERMIT_NAMES:
            continue
        for year in (1981, 1995, 2024):
            division = resolve_division(code, year)
            assert division is not None
            assert division.code == code
            assert division in records
            assert division.full_name.startswith(division.province)


def test_data_is_loaded_lazily_once():
    script = (
        "from gridcore.domain.idcard import division_table as t, parse_id\n"
        "assert t.division_table.cache_info().currsize == 0\n"
        "parse_id('11010519491231002X'); parse_id('440524188001010014')\n"
        "info = t.division_table.cache_info()\n"
        "assert (info.currsize, info.misses) == (1, 1), info\n"
    )
    root = str(PACKAGE.parents[2])
    subprocess.run([sys.executable, "-c", script], check=True, cwd=root, env={"PYTHONPATH": root})


def test_shipped_notice_present():
    notice = (PACKAGE / "data" / "SOURCE.md").read_text(encoding="utf-8")
    assert "CC0" in notice


@pytest.mark.skipif(not SOURCE_CSV.exists(), reason="areacodes source table not available")
def test_shipped_data_matches_the_build_script():
    script = PACKAGE.parents[2] / "scripts" / "build_divisions.py"
    spec = importlib.util.spec_from_file_location("build_divisions", script)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with SOURCE_CSV.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    built = module.render(module.convert(rows))
    assert built == (PACKAGE / "data" / "divisions.csv.gz").read_bytes()
