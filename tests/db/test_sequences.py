"""The sequence service: increasing, never reused, safe under concurrent writers."""

from __future__ import annotations

import multiprocessing

import pytest

from gridcore.app import GridApp
from gridcore.edition import Edition
from gridcore.testing.workers import allocate_numbers


def test_numbers_increase_and_survive_a_new_app(gridcore_app, database_url):
    with gridcore_app.db.session() as session:
        numbers = [gridcore_app.sequences.allocate(session, "household:HQDY") for _ in range(3)]
    assert numbers == [1, 2, 3]
    other = GridApp(Edition(enabled_plugins=("core",)), database_url=database_url)
    with other.db.session() as session:
        assert other.sequences.allocate(session, "household:HQDY") == 4
        assert other.sequences.peek(session, "household:HQDY") == 4
    other.close()


def test_sequences_are_independent(gridcore_app):
    with gridcore_app.db.session() as session:
        assert gridcore_app.sequences.allocate(session, "a") == 1
        assert gridcore_app.sequences.allocate(session, "b") == 1
        assert gridcore_app.sequences.allocate(session, "a") == 2


def test_floor_jumps_past_taken_numbers_and_never_goes_back(gridcore_app):
    with gridcore_app.db.session() as session:
        assert gridcore_app.sequences.allocate(session, "s", floor=41) == 42
        assert gridcore_app.sequences.allocate(session, "s", floor=10) == 43


def test_block_allocation_returns_the_last_number(gridcore_app):
    with gridcore_app.db.session() as session:
        assert gridcore_app.sequences.allocate(session, "blk", count=10) == 10
        assert gridcore_app.sequences.allocate(session, "blk", count=5) == 15


def test_rolled_back_allocation_is_not_consumed(gridcore_app):
    seq = gridcore_app.sequences
    with pytest.raises(RuntimeError), gridcore_app.db.session() as session:
        seq.allocate(session, "rb")
        raise RuntimeError("abort")
    with gridcore_app.db.session() as session:
        assert seq.allocate(session, "rb") == 1


@pytest.mark.parametrize(("processes", "each"), [(8, 500)])
def test_concurrent_processes_never_share_a_number(gridcore_app, database, processes, each):
    if database.backend == "sqlite":
        processes, each = 4, 100  # SQLite serialises writers; keep the run short
    ctx = multiprocessing.get_context("spawn")
    queue: multiprocessing.Queue = ctx.Queue()  # type: ignore[type-arg]
    workers = [
        ctx.Process(target=allocate_numbers, args=(database.url, "concurrent", each, queue)) for _ in range(processes)
    ]
    for worker in workers:
        worker.start()
    results = [queue.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    everything = sorted(n for chunk in results for n in chunk)
    assert len(everything) == processes * each
    assert everything == list(range(1, processes * each + 1))  # no duplicate, no gap
