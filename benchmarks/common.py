"""Helpers shared by the database benchmarks: command-line options, timing, the app over a bench database."""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from dataset import DEFAULT_RESIDENTS, BenchDatabase, open_database

if TYPE_CHECKING:
    from gridcore.app import GridApp

QUICK_RESIDENTS = 100_000


def add_database_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--residents", type=int, default=DEFAULT_RESIDENTS, help="residents in the benchmark database")
    parser.add_argument("--quick", action="store_true", help=f"use {QUICK_RESIDENTS:,} residents")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")


def residents_of(args: argparse.Namespace) -> int:
    return QUICK_RESIDENTS if args.quick else int(args.residents)


def backends_of(args: argparse.Namespace) -> tuple[str, ...]:
    return ("sqlite", "postgresql") if args.backend == "both" else (str(args.backend),)


def databases(args: argparse.Namespace) -> list[BenchDatabase]:
    return [open_database(backend, residents_of(args)) for backend in backends_of(args)]


def open_app(database: BenchDatabase) -> GridApp:
    from gridcore.app import GridApp

    return GridApp(database_url=database.url).start()


def timed(call: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds taken by ``call()`` and what it returned."""
    start = time.perf_counter()
    result = call()
    return time.perf_counter() - start, result


def median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 2)
