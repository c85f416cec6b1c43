"""Statistics: premises by type and by region, and employees (从业人数)."""

from __future__ import annotations

import json

import pytest
from gridcore_premises import employees

from gridcore.services import records
from gridcore.services.stats import run_statistics
from gridcore.testing import run_service


@pytest.fixture
def counted(district, add_resident):
    def shop(name, compound, kind):
        return run_service(
            district, records.add, "premises", {"场所名称": name, "小区编码": compound, "场所类型": kind}
        )

    shop("便利店", "HQDY", "商店/超市")  # HQDY001: 2 employees
    shop("面馆", "HQDY", "餐饮")  # HQDY002: 1
    shop("超市", "GHJG", "商店/超市")  # GHJG001: 0
    shop("仓库", "GHJG", "")  # GHJG002: no type, 0
    for name, premises in (("甲某", "HQDY001"), ("乙某", "HQDY001"), ("丙某", "HQDY002")):
        run_service(district, employees.link, premises, add_resident(district, name, "HQDE"))
    add_resident(district, "丁某")  # works nowhere
    return district


def compute(app, name, region=None):
    [result] = run_service(app, run_statistics, region=region, only=[name])
    return result.table


def test_by_type(counted):
    table = compute(counted, "premises.by_type")
    assert table.columns == ("场所类型", "场所数", "从业人数")
    assert table.rows == (("商店/超市", 2, 2), ("餐饮", 1, 1), ("未填写", 1, 0))


def test_by_region_counts_employees_where_they_work(counted):
    table = compute(counted, "premises.by_region")
    assert table.columns == ("社区", "小区", "场所数", "从业人数")
    assert table.rows == (("桂花社区", "金桂苑", 2, 0), ("红旗社区", "第一小区", 2, 3))


def test_employee_bands(counted):
    table = compute(counted, "premises.employee_bands")
    assert table.rows == (("0人", 2), ("1-9人", 2), ("10-49人", 0), ("50人及以上", 0))


def test_statistics_keep_to_the_region(counted):
    assert compute(counted, "premises.by_type", region="GH").rows == (("商店/超市", 1, 0), ("未填写", 1, 0))
    assert compute(counted, "premises.by_region", region="HQ").rows == (("红旗社区", "第一小区", 2, 3),)


def test_stats_command_lists_them(counted, cli):
    result = cli(counted, "stats", "--only", "premises.by_type", "--format", "json")
    assert result.exit_code == 0, result.output
    assert "商店/超市" in result.output
    json.loads(result.output)
