"""C3: an operator bound to 红旗社区 (HQ) sees and changes no record of 光明社区 (GM), in any face."""

from __future__ import annotations

import json

import openpyxl
import pytest

from gridcore.errors import NotFoundError, PermissionDeniedError
from gridcore.query import QuerySpec
from gridcore.services import households, regions, residents
from gridcore.services.exports import export_entity
from gridcore.services.query import run_query
from gridcore.services.stats import run_statistics
from gridcore.services.unit import read_unit, unit_of_work
from gridcore.testing import add_operator


@pytest.fixture
def clerk(district):
    return add_operator(district, "hqclerk", group="信息采集员", scope="HQ")


def keys(result) -> list[str]:
    return [getattr(record, result.entity.key) for record in result.records]


def test_queries_and_search_see_only_the_scope(district, clerk):
    with read_unit(district, clerk) as uow:
        assert keys(run_query(uow, "household", QuerySpec())) == ["HQDY001"]
        assert keys(run_query(uow, "resident", QuerySpec())) == ["HQDY00101"]
        assert keys(run_query(uow, "resident", QuerySpec(contains="光乙"))) == []
        assert keys(run_query(uow, "household", QuerySpec(contains="光乙"))) == []
        assert sorted(keys(run_query(uow, "region", QuerySpec()))) == ["HQ", "HQDY"]
        with pytest.raises(NotFoundError):
            run_query(uow, "household", QuerySpec(region="GM"))


def test_export_holds_no_row_of_another_community(district, clerk, tmp_path):
    out = tmp_path / "households.xlsx"
    with read_unit(district, clerk) as uow:
        assert export_entity(uow, "household", QuerySpec(), out) == 1
    text = json.dumps([list(row) for row in openpyxl.load_workbook(out).active.values], ensure_ascii=False)
    assert "红甲" in text
    assert "光乙" not in text
    assert "GMDY" not in text


def test_statistics_count_only_the_scope(district, clerk):
    with unit_of_work(district, clerk) as uow:
        results = {r.statistic.id: r.table for r in run_statistics(uow)}
    population = [row for table in results.values() for row in table.rows if "光明社区" in row]
    assert population == []
    total_rows = results[next(iter(results))].rows
    assert total_rows
    with unit_of_work(district, clerk) as uow, pytest.raises(NotFoundError):
        run_statistics(uow, region="GM")


def test_records_of_another_community_are_not_found(district, clerk):
    with read_unit(district, clerk) as uow:
        with pytest.raises(NotFoundError):
            households.get(uow, "GMDY001")
        with pytest.raises(NotFoundError):
            residents.get(uow, "GMDY00101")
        with pytest.raises(NotFoundError):
            regions.get(uow, "GM")
        assert households.get(uow, "HQDY001").head_name == "红甲"
        assert [node.code for node in regions.tree(uow)] == ["HQ"]


def test_writes_outside_the_scope_are_refused(district, clerk):
    def attempt(service, *args, **kwargs):
        with unit_of_work(district, clerk) as uow:
            service(uow, *args, **kwargs)

    with pytest.raises(NotFoundError):
        attempt(households.add, head_name="越界", compound_code="GMDY")
    with pytest.raises(NotFoundError):
        attempt(households.edit, "GMDY001", {"门牌号": "1"})
    with pytest.raises(NotFoundError):
        attempt(residents.add, name="越界", household_key="GMDY001")
    with pytest.raises(NotFoundError):
        attempt(regions.add, level="小区", name="新小区", parent_code="GM")
    with pytest.raises(PermissionDeniedError, match="辖区范围"):
        attempt(households.add, head_name="无小区")  # would create a record outside every scope
    with pytest.raises(PermissionDeniedError, match="辖区范围"):
        attempt(regions.add, level="街道", name="新街道")  # a top level has no parent inside the scope
    attempt(households.add, head_name="本辖区", compound_code="HQDY")
    attempt(regions.add, level="小区", name="第二小区", parent_code="HQ")
    attempt(households.add, head_name="新小区户", compound_code="HQDE")


def test_the_cli_holds_the_operator_to_the_scope(district, cli, clerk, tmp_path):
    listed = cli(district, "query", "household", "--format", "json", actor=clerk)
    assert [row["key"] for row in json.loads(listed.output)["records"]] == ["HQDY001"]
    shown = cli(district, "household", "show", "GMDY001", actor=clerk)
    assert shown.exit_code == NotFoundError.exit_code
    stats = cli(district, "stats", "--format", "json", actor=clerk)
    assert stats.exit_code == 0, stats.output
    assert "光明社区" not in stats.output
    out = tmp_path / "r.csv"
    assert cli(district, "export", "resident", str(out), actor=clerk).exit_code == 0
    assert "光乙" not in out.read_text(encoding="utf-8-sig")


def workbook(path, sheet, header, *rows):
    book = openpyxl.Workbook()
    book.active.title = sheet
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_imports_stay_inside_the_scope(district, clerk, tmp_path):
    from gridcore.services.imports import import_file

    def run(entity, path, **options):
        with unit_of_work(district, clerk) as uow:
            return import_file(uow, entity, path, **options)

    homes = workbook(tmp_path / "h.xlsx", "户籍表", ["户主姓名", "楼号", "门牌号"], ["导入户", "1", "101"])
    with pytest.raises(PermissionDeniedError, match="辖区范围"):
        run("household", homes)  # unlinked: outside every scope
    with pytest.raises(NotFoundError):
        run("household", homes, compound="GMDY")
    assert run("household", homes, compound="HQDY").imported == 1
    people = tmp_path / "r.xlsx"
    workbook(people, "常住人口信息表", ["姓名", "户籍编号", "与户主关系"], ["越界人", "GMDY001", "子"])
    with pytest.raises(PermissionDeniedError, match="辖区范围"):
        run("resident", people)
    workbook(people, "常住人口信息表", ["姓名", "户籍编号", "与户主关系"], ["本地人", "HQDY001", "子"])
    assert run("resident", people).imported == 1
