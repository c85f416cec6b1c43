"""A SIGKILL in the middle of an import leaves nothing half-imported (security.md I4)."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time

from sqlalchemy import func, select

from gridcore.domain.households import Household
from gridcore.search.models import SearchRow
from gridcore.testing.workers import import_then_hang

from .test_imports import HOUSEHOLD_HEADER, household_rows, workbook


def test_sigkill_mid_import_leaves_nothing(district, database_url, tmp_path):
    path = workbook(tmp_path / "big.xlsx", "户籍表", HOUSEHOLD_HEADER, household_rows(6000))
    marker = tmp_path / "marker"
    ctx = multiprocessing.get_context("spawn")
    child = ctx.Process(target=import_then_hang, args=(database_url, "household", str(path), "HQDY", str(marker), 4500))
    child.start()
    deadline = time.monotonic() + 120
    while not marker.exists() and time.monotonic() < deadline and child.is_alive():
        time.sleep(0.05)
    assert marker.exists(), "the import never reached the middle"
    os.kill(child.pid, signal.SIGKILL)
    child.join(timeout=30)
    assert child.exitcode == -signal.SIGKILL
    with district.db.read_session() as session:
        assert session.execute(select(func.count()).select_from(Household)).scalar_one() == 0
        assert (
            session.execute(
                select(func.count()).select_from(SearchRow).where(SearchRow.entity == "household")
            ).scalar_one()
            == 0
        )
