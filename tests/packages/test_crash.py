"""SIGKILL during a restore or a receive leaves the old data or the new, never a mix (B2, B5, E4)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from gridcore.packages.load import integrity_problems
from gridcore.services import backups, exchange, keys
from gridcore.testing import run_service

from .conftest import add_family, build_town, hashes, make_key

CHILD = textwrap.dedent(
    """
    import pathlib, sys, time
    from gridcore.app import GridApp
    from gridcore.edition import Edition
    from gridcore.packages.keys import UnitKey
    from gridcore.services import backups, exchange
    from gridcore.testing import run_service

    url, action, package, key_file, marker, stage = sys.argv[1:]
    app = GridApp(Edition(name="test", enabled_plugins=("core",)), database_url=url)
    app.start()
    key = UnitKey.read(pathlib.Path(key_file)) if key_file else None

    def on_stage(name):
        if name == stage:
            pathlib.Path(marker).write_text(name, encoding="utf-8")
            time.sleep(120)

    service = backups.restore if action == "restore" else exchange.receive
    run_service(app, service, pathlib.Path(package), key=key, on_stage=on_stage)
    pathlib.Path(marker).write_text("finished", encoding="utf-8")
    """
)


def kill_at(url, action, package, key_file, stage, tmp_path):
    """Run ``action`` in a child process, SIGKILL it when it reaches ``stage``."""
    marker = tmp_path / f"marker-{action}-{stage}"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, url, action, str(package), str(key_file or ""), str(marker), stage],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while not marker.exists() and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.05)
    if not marker.exists():
        _, err = child.communicate(timeout=30)
        pytest.fail(f"the child never reached {stage}: {err.decode(errors='replace')[-2000:]}")
    assert marker.read_text(encoding="utf-8") == stage
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL


@pytest.mark.parametrize(("stage", "expect"), [("loaded", "old"), ("swapping", "old"), ("swapped", "new")])
def test_sigkill_during_restore(town, unit_key, database_url, tmp_path, stage, expect):
    key_file = tmp_path / "unit.key"
    out = tmp_path / "b.gcpkg"
    run_service(town, backups.backup, out, key=unit_key)
    backed_up = hashes(town)
    add_family(town, "HQDY", "备份后新增户", serial=45)
    current = hashes(town)
    town.db.dispose()  # the child must be the only one with the database open
    kill_at(database_url, "restore", out, key_file, stage, tmp_path)
    town.db.dispose()
    assert integrity_problems(town) == []
    assert hashes(town) == (current if expect == "old" else backed_up)


def test_sigkill_during_receive(gridcore_app, other_app, tmp_path, database_url):
    community = other_app("community")
    build_town(community, families=3)
    key = make_key(tmp_path, "HQ", "红旗社区", "hq.key")
    run_service(gridcore_app, keys.trust, "红旗社区", key.public.line())
    out = tmp_path / "hq.gcpkg"
    run_service(community, exchange.report, out, key=key)
    before = hashes(gridcore_app)
    gridcore_app.db.dispose()
    kill_at(database_url, "receive", out, None, "merged", tmp_path)
    gridcore_app.db.dispose()
    assert integrity_problems(gridcore_app) == []
    assert hashes(gridcore_app) == before
    outcome = run_service(gridcore_app, exchange.receive, out)  # and it can still be received, once, whole
    assert outcome.total_added > 0
    assert not outcome.already_received
