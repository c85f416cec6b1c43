"""数据上报 and 数据接收: trusted senders only, merge by natural key, never overwrite (E2, E4, §7.5)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from gridcore.domain.households import Household
from gridcore.domain.regions import Region
from gridcore.domain.residents import Resident
from gridcore.packages.codec import PackageError
from gridcore.packages.models import LedgerEntry
from gridcore.query.spec import QuerySpec
from gridcore.search.models import SearchRow
from gridcore.services import exchange, keys, regions, stats
from gridcore.services.query import run_query
from gridcore.testing import run_service

from .conftest import build_town, hashes, make_key


@pytest.fixture
def street(gridcore_app, tmp_path):
    """The street's database (东城街道 only) and its key."""
    run_service(gridcore_app, regions.add, level="街道", name="东城街道")
    return gridcore_app


@pytest.fixture
def units(other_app, tmp_path):
    """Two communities under 东城街道, each with its own database and key."""
    hongqi, dongfeng = other_app("hongqi"), other_app("dongfeng")
    build_town(hongqi, community="红旗社区", families=3, serial_base=1)
    build_town(dongfeng, community="东风社区", families=4, serial_base=20)
    return {
        "HQ": (hongqi, make_key(tmp_path, "HQ", "红旗社区", "hq.key")),
        "DF": (dongfeng, make_key(tmp_path, "DF", "东风社区", "df.key")),
    }


def trust(app, key, name="下级"):
    run_service(app, keys.trust, name, key.public.line())


def report(app, key, out, **options):
    return run_service(app, exchange.report, out, key=key, **options)


def count(app, model):
    with app.db.read_session() as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def by_sex(app, region=None):
    results = run_service(app, stats.run_statistics, region=region, only=["population_by_sex"])
    return dict(results[0].table.rows)


def test_two_communities_add_up_at_the_street(street, units, tmp_path):
    totals: dict[str, int] = {}
    for code, (app, key) in units.items():
        trust(street, key)
        out = tmp_path / f"{code}.gcpkg"
        report(app, key, out, region=code)
        outcome = run_service(street, exchange.receive, out)
        assert not outcome.conflicts
        for label, number in by_sex(app).items():
            totals[label] = totals.get(label, 0) + number
    assert by_sex(street) == totals
    hongqi, dongfeng = units["HQ"][0], units["DF"][0]
    assert count(street, Household) == count(hongqi, Household) + count(dongfeng, Household)
    assert count(street, Resident) == count(hongqi, Resident) + count(dongfeng, Resident)
    assert count(street, Region) == 1 + 2 + 2  # the street, two communities, two compounds
    assert by_sex(street, region="HQ") == by_sex(hongqi)
    # received records are searchable and linked to the street's own ids
    assert count(street, SearchRow) == count(street, Household) + count(street, Resident) + count(street, Region)
    found = run_service(street, run_query, "resident", QuerySpec(region="DF", contains="测户"))
    assert found.total == 4


def test_receiving_the_same_package_twice_changes_nothing(street, units, tmp_path):
    app, key = units["HQ"]
    trust(street, key)
    out = tmp_path / "hq.gcpkg"
    report(app, key, out)
    first = run_service(street, exchange.receive, out)
    assert first.total_added > 0
    before = hashes(street)
    again = run_service(street, exchange.receive, out)
    assert again.already_received
    assert again.total_added == 0
    assert hashes(street) == before
    # a later report of the same data adds nothing either: every record is already there, unchanged
    out2 = tmp_path / "hq2.gcpkg"
    report(app, key, out2)
    later = run_service(street, exchange.receive, out2)
    assert later.total_added == 0
    assert not later.conflicts
    assert sum(later.unchanged.values()) == first.total_added + 1  # + the street itself, already present


def test_sequence_gap_is_warned(street, units, tmp_path):
    from gridcore.testing import in_unit

    app, key = units["HQ"]
    trust(street, key)
    paths = [tmp_path / f"{n}.gcpkg" for n in (1, 2, 3)]
    for path in paths:
        report(app, key, path)
    _, warnings = in_unit(street, lambda uow: exchange.receive(uow, paths[0]))
    assert not any("序号" in w for w in warnings)
    _, warnings = in_unit(street, lambda uow: exchange.receive(uow, paths[2]))
    assert any("缺少第 2 号" in w for w in warnings)
    _, warnings = in_unit(street, lambda uow: exchange.receive(uow, paths[1]))
    assert any("不大于已接收的 3" in w for w in warnings)
    with street.db.read_session() as session:
        assert sorted(session.execute(select(LedgerEntry.sequence)).scalars()) == [1, 2, 3]


def test_same_code_other_content_is_a_conflict_never_overwritten(street, units, other_app, tmp_path):
    app, key = units["HQ"]
    trust(street, key)
    out = tmp_path / "hq.gcpkg"
    report(app, key, out)
    run_service(street, exchange.receive, out)
    # 红桥社区 also gets the code HQ (§2.6 F): its records collide with 红旗社区's at the street
    hongqiao = other_app("hongqiao")
    build_town(hongqiao, community="红桥社区", families=4, serial_base=30)
    other_key = make_key(tmp_path, "HQB", "红桥社区", "hqb.key")
    trust(street, other_key)
    before = hashes(street)
    out2 = tmp_path / "hqb.gcpkg"
    report(hongqiao, other_key, out2)
    outcome = run_service(street, exchange.receive, out2)
    reasons = {(c.entity, c.key): c for c in outcome.conflicts}
    assert ("辖区", "HQ") in reasons
    assert {d.field for d in reasons[("辖区", "HQ")].differences} == {"名称"}
    assert ("住户", "HQDY001") in reasons
    assert reasons[("住户", "HQDY004")].reason == "上级记录有冲突, 未接收"
    assert outcome.total_added == 0, outcome.added
    changed = {name for name in before if hashes(street)[name] != before[name]}
    assert changed == {"core_exchange_ledger"}
    with street.db.read_session() as session:
        assert session.execute(select(Region.name).where(Region.code == "HQ")).scalar_one() == "红旗社区"


def test_conflict_values_are_masked_without_pii_view(street, units, tmp_path):
    from gridcore.services import residents
    from gridcore.testing.security import login_actor

    app, key = units["HQ"]
    trust(street, key)
    out = tmp_path / "hq.gcpkg"
    report(app, key, out)
    run_service(street, exchange.receive, out)
    run_service(app, residents.edit, "HQDY00101", {"联系电话": "13800001234"})
    out2 = tmp_path / "hq2.gcpkg"
    report(app, key, out2)
    from gridcore.services.unit import unit_of_work

    with unit_of_work(street, login_actor(street)) as uow:
        outcome = exchange.receive(uow, out2)
    [conflict] = outcome.conflicts
    [difference] = conflict.differences
    assert difference.field == "联系电话"
    assert difference.received != "13800001234"
    assert difference.received.endswith("1234")


def test_untrusted_sender_is_refused_and_audited(street, units, tmp_path):
    app, key = units["HQ"]
    out = tmp_path / "hq.gcpkg"
    report(app, key, out)
    before = hashes(street)
    with pytest.raises(PackageError, match="不是受信任的单位"):
        run_service(street, exchange.receive, out)
    assert hashes(street) == before
    from gridcore.security.models import AuditRecord

    with street.db.read_session() as session:
        last = session.execute(select(AuditRecord).order_by(AuditRecord.id.desc()).limit(1)).scalar_one()
    assert (last.event_type, last.result) == ("exchange.receive", "failure")


def test_report_encrypted_for_the_receiver(street, units, tmp_path, unit_key):
    app, key = units["HQ"]
    trust(street, key)
    run_service(app, keys.trust, "东城街道", unit_key.public.line())  # the street's key, known to the community
    out = tmp_path / "hq.gcpkg"
    report(app, key, out, to="DC")
    assert "测户".encode() not in out.read_bytes()
    with pytest.raises(PackageError, match="需要本单位的密钥"):
        run_service(street, exchange.receive, out)
    wrong = make_key(tmp_path, "DC", "冒名的街道", "wrong.key")
    with pytest.raises(PackageError, match="无法打开"):
        run_service(street, exchange.receive, out, key=wrong)
    outcome = run_service(street, exchange.receive, out, key=unit_key)
    assert outcome.total_added > 0


def test_report_of_a_region_holds_its_subtree_and_ancestors(units, tmp_path):
    from gridcore.packages.reader import open_package

    app, key = units["HQ"]
    run_service(app, regions.add, level="小区", name="第二小区", parent_code="HQ")
    out = tmp_path / "hqdy.gcpkg"
    report(app, key, out, region="HQDY")
    with open_package(out, accepted=[key.public]) as package:
        rows = {table["name"]: table["rows"] for table in package.tables}
        assert package.manifest["kind"] == "report"
        assert package.manifest["scope"] == "HQDY"
    assert rows["core_region"] == 3  # 第一小区 and its ancestors, not 第二小区
    assert rows["core_household"] == 3
