"""A backup taken while others write is one consistent snapshot (B1), and survives restore (B2)."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import func, select

from gridcore.domain.households import Household
from gridcore.domain.residents import Resident
from gridcore.packages import writer as package_writer
from gridcore.packages.load import integrity_problems
from gridcore.packages.reader import open_package
from gridcore.search.models import SearchRow
from gridcore.services import backups, households, residents
from gridcore.services.unit import unit_of_work
from gridcore.testing import run_service


def add_whole_family(app, index):
    """One household and its two members, in ONE transaction: a snapshot sees all three or none."""
    with unit_of_work(app) as uow:
        household = households.add(uow, head_name=f"写入户{index}", compound_code="HQDY")
        residents.add(uow, name=None, household_key=household.household_no, relation="户主")
        residents.add(uow, name=f"写入子女{index}", household_key=household.household_no, relation="子")


def invariants(app):
    with app.db.read_session() as session:
        per_household = session.execute(
            select(Household.id, func.count(Resident.id)).outerjoin(Resident).group_by(Household.id)
        ).all()
        households_n = session.execute(select(func.count()).select_from(Household)).scalar_one()
        residents_n = session.execute(select(func.count()).select_from(Resident)).scalar_one()
        indexed = session.execute(
            select(func.count()).select_from(SearchRow).where(SearchRow.entity.in_(["household", "resident"]))
        ).scalar_one()
    return per_household, households_n, residents_n, indexed


def test_backup_while_a_writer_inserts(town, unit_key, tmp_path, monkeypatch):
    original = package_writer.PackageWriter.add_table

    def slow_add_table(self, *args, **kwargs):
        time.sleep(0.05)  # widen the window: writers commit between the tables of the backup
        return original(self, *args, **kwargs)

    monkeypatch.setattr(package_writer.PackageWriter, "add_table", slow_add_table)
    stop = threading.Event()
    written: list[int] = []
    errors: list[BaseException] = []

    def writer():
        index = 0
        try:
            while not stop.is_set():
                add_whole_family(town, index)
                written.append(index)
                index += 1
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(written) < 3:
            time.sleep(0.01)
        start = len(written)
        out = tmp_path / "busy.gcpkg"
        run_service(town, backups.backup, out, key=unit_key)
        during = len(written) - start
    finally:
        stop.set()
        thread.join(timeout=60)
    assert not errors, errors
    assert during > 0, "no write happened while the backup ran"
    with open_package(out, accepted=[unit_key.public]) as package:
        rows = {table["name"]: table["rows"] for table in package.tables}
    run_service(town, backups.restore, out, key=unit_key)
    per_household, households_n, residents_n, indexed = invariants(town)
    assert integrity_problems(town) == []
    assert households_n == rows["core_household"]
    assert residents_n == rows["core_resident"]
    assert all(count >= 1 for _, count in per_household)
    assert indexed == households_n + residents_n
    # every family the writer committed is whole: a head and a child, never one without the other
    with town.db.read_session() as session:
        heads = set(session.execute(select(Household.head_name).where(Household.head_name.like("写入户%"))).scalars())
        children = set(session.execute(select(Resident.name).where(Resident.name.like("写入子女%"))).scalars())
    assert {h.removeprefix("写入户") for h in heads} == {c.removeprefix("写入子女") for c in children}


@pytest.mark.sqlite_only
def test_backup_never_copies_the_database_file():
    import inspect

    from gridcore.packages import database, load, pack, restore, targets, writer

    for module in (database, load, pack, restore, targets, writer):
        source = inspect.getsource(module)
        assert "shutil.copy" not in source
        assert "copyfile" not in source
