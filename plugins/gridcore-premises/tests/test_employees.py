"""Employees (从业人员): R-H03 (link, unlink, no resident deleted), R-H04 (one premises per resident)."""

from __future__ import annotations

import json

import pytest
from gridcore_premises import employees

from gridcore.domain.residents import Resident
from gridcore.errors import ConflictError, NotFoundError, ValidationError
from gridcore.services import audit, records, residents
from gridcore.testing import in_unit, run_service


@pytest.fixture
def shops(district):
    run_service(district, records.add, "premises", {"场所名称": "好邻居便利店", "小区编码": "HQDY"})  # HQDY001
    run_service(district, records.add, "premises", {"场所名称": "百味面馆", "小区编码": "HQDY"})  # HQDY002
    return district


def premises_no_of(app, resident_no):
    return run_service(app, residents.get, resident_no).premises_no


def resident_count(app):
    with app.db.read_session() as session:
        return session.query(Resident).count()


def test_link_sets_the_residents_number_and_unlink_clears_it_without_deleting(shops, add_resident):
    worker = add_resident(shops, "甲某")
    run_service(shops, employees.link, "HQDY001", worker)
    assert premises_no_of(shops, worker) == "HQDY001"
    (_, staff), _ = in_unit(shops, lambda uow: employees.employees(uow, "HQDY001"))
    assert [person.resident_no for person in staff] == [worker]
    run_service(shops, employees.unlink, "HQDY001", worker)
    assert premises_no_of(shops, worker) is None
    assert resident_count(shops) == 1  # R-H03: neither action deletes a resident


def test_unlinked_list_shows_who_works_nowhere(shops, add_resident):
    worker, idle = add_resident(shops, "甲某"), add_resident(shops, "乙某", "HQDE")
    run_service(shops, employees.link, "HQDY001", worker)
    found = run_service(shops, employees.unlinked)
    assert [person.resident_no for person in found.records] == [idle]
    assert run_service(shops, employees.unlinked, region="HQDY").total == 0
    run_service(shops, employees.unlink, "HQDY001", worker)
    assert {p.resident_no for p in run_service(shops, employees.unlinked).records} == {worker, idle}


def test_a_resident_works_at_one_premises_at_most(shops, add_resident):
    worker = add_resident(shops, "甲某")
    run_service(shops, employees.link, "HQDY001", worker)
    with pytest.raises(ConflictError, match=f"居民 {worker} 已是场所 HQDY001 的从业人员 \\(每人只能关联一个场所\\)"):
        run_service(shops, employees.link, "HQDY002", worker)
    assert premises_no_of(shops, worker) == "HQDY001"
    run_service(shops, employees.link, "HQDY002", worker, move=True)
    assert premises_no_of(shops, worker) == "HQDY002"
    (_, staff), _ = in_unit(shops, lambda uow: employees.employees(uow, "HQDY001"))
    assert staff == []


def test_linking_twice_is_a_warning_not_an_error(shops, add_resident):
    worker = add_resident(shops, "甲某")
    run_service(shops, employees.link, "HQDY001", worker)
    _, warnings = in_unit(shops, lambda uow: employees.link(uow, "HQDY001", worker))
    assert warnings == ["甲某 已是 HQDY001 (好邻居便利店) 的从业人员"]


def test_unlinking_someone_who_works_elsewhere_is_refused(shops, add_resident):
    worker = add_resident(shops, "甲某")
    run_service(shops, employees.link, "HQDY001", worker)
    with pytest.raises(ConflictError, match=f"居民 {worker} 不是场所 HQDY002 \\(百味面馆\\) 的从业人员"):
        run_service(shops, employees.unlink, "HQDY002", worker)
    assert premises_no_of(shops, worker) == "HQDY001"


def test_unknown_premises_or_resident_is_not_found(shops, add_resident):
    worker = add_resident(shops, "甲某")
    with pytest.raises(NotFoundError, match="营业场所 HQDY099 不存在"):
        run_service(shops, employees.link, "HQDY099", worker)
    with pytest.raises(NotFoundError, match="居民 HQDY09901 不存在"):
        run_service(shops, employees.link, "HQDY001", "HQDY09901")


def test_a_premises_with_employees_is_not_deleted_and_then_is(shops, add_resident):
    worker = add_resident(shops, "甲某")
    run_service(shops, employees.link, "HQDY001", worker)
    with pytest.raises(ConflictError, match="营业场所 HQDY001 \\(好邻居便利店\\) 还有 1 名从业人员, 不能删除"):
        run_service(shops, records.delete, "premises", "HQDY001")
    run_service(shops, employees.unlink, "HQDY001", worker)
    run_service(shops, records.delete, "premises", "HQDY001")
    assert resident_count(shops) == 1


def test_an_employee_can_still_be_deleted_as_a_resident(shops, add_resident):
    worker = add_resident(shops, "甲某")
    run_service(shops, employees.link, "HQDY001", worker)
    run_service(shops, residents.delete, worker)
    (_, staff), _ = in_unit(shops, lambda uow: employees.employees(uow, "HQDY001"))
    assert staff == []


def test_the_resident_number_field_is_not_set_by_hand(shops, add_resident):
    worker = add_resident(shops, "甲某")
    with pytest.raises(ValidationError, match="「场所编号」由系统生成或在关联时填写"):
        run_service(shops, residents.edit, worker, {"场所编号": "HQDY001"})


def test_links_are_audited_on_the_resident(shops, add_resident):
    worker = add_resident(shops, "甲某")
    run_service(shops, employees.link, "HQDY001", worker)
    spec = audit.AuditFilter(entity="resident", object_key=worker, event_type="record.update")
    [line] = run_service(shops, audit.list_records, spec)
    assert line.detail == {"before": {"场所编号": None}, "after": {"场所编号": "HQDY001"}}


def test_employee_commands(shops, cli, add_resident):
    """R-H01: a premises lists its employees; R-H03 from the command line, with the resident's 场所编号."""
    worker, other = add_resident(shops, "甲某"), add_resident(shops, "乙某")
    linked = cli(shops, "premises", "link", "HQDY001", worker, "--format", "json")
    assert linked.exit_code == 0, linked.output
    assert json.loads(linked.output)["场所编号"] == "HQDY001"
    listed = cli(shops, "premises", "employees", "HQDY001", "--format", "json")
    assert [row["常住编号"] for row in json.loads(listed.output)] == [worker]
    free = cli(shops, "premises", "unlinked", "--format", "json")
    assert [row["常住编号"] for row in json.loads(free.output)] == [other]
    refused = cli(shops, "premises", "link", "HQDY002", worker)
    assert refused.exit_code == ConflictError.exit_code
    assert refused.output.startswith(f"错误: 居民 {worker} 已是场所 HQDY001 的从业人员")
    shown = json.loads(cli(shops, "resident", "show", worker, "--format", "json").output)
    assert shown["场所编号"] == "HQDY001"
    assert cli(shops, "premises", "unlink", "HQDY001", worker).exit_code == 0
    assert json.loads(cli(shops, "resident", "show", worker, "--format", "json").output)["场所编号"] is None
