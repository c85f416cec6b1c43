"""Statistics by type: items, owners and total value per 财产类型, within a region."""

from __future__ import annotations

from decimal import Decimal

from gridcore.services import records
from gridcore.services.stats import run_statistics
from gridcore.testing import run_service


def compute(app, region=None):
    [result] = run_service(app, run_statistics, region=region, only=["assets.by_type"])
    return result.table


def test_by_type(district):
    for owner, kind, value, quantity in (
        ("HQDY00101", "小型汽车", "80000", "1"),
        ("HQDY00101", "笔记本电脑", "5000.5", "2"),
        ("GHJG00101", "笔记本电脑", "4000", ""),
        ("GHJG00101", "其他", "", "1"),
    ):
        given = {"常住编号": owner, "财产名称": kind, "财产类型": kind, "价值": value, "数量": quantity}
        run_service(district, records.add, "asset", given)
    table = compute(district)
    assert table.columns == ("财产类型", "件数", "人数", "价值合计(元)")
    assert table.rows == (
        ("小型汽车", 1, 1, Decimal("80000.00")),
        ("笔记本电脑", 3, 2, Decimal("9000.50")),
        ("其他", 1, 1, Decimal("0.00")),
    )
    assert compute(district, region="GHJG").rows == (
        ("笔记本电脑", 1, 1, Decimal("4000.00")),
        ("其他", 1, 1, Decimal("0.00")),
    )
