"""Run every benchmark in this folder and print one JSON line each (``make bench``).

The database benchmarks (search, dashboard) run on the benchmark database of ``dataset.py``, built on
first use and cached (``benchmarks/out/bench-<N>.db``, PostgreSQL schema ``bench_<N>``).

    python benchmarks/run.py                      # 1,000,000 residents, SQLite and PostgreSQL
    python benchmarks/run.py --quick --backend sqlite
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUICK_RESIDENTS = 100_000
DEFAULT_RESIDENTS = 1_000_000
DATABASE_BENCHMARKS = ["dataset.py", "search.py", "dashboard.py"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_RESIDENTS:,} residents instead of 1,000,000")
    parser.add_argument("--residents", type=int, default=None, help="residents in the benchmark database")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    args = parser.parse_args()
    residents = args.residents or (QUICK_RESIDENTS if args.quick else DEFAULT_RESIDENTS)
    subprocess.run([sys.executable, str(HERE / "cli_startup.py")], check=True)
    for name in DATABASE_BENCHMARKS:
        command = [sys.executable, str(HERE / name), "--residents", str(residents), "--backend", args.backend]
        subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
