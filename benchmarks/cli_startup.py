"""``gridcore --help`` start-up time, as a ratio to ``python -c "import click"`` measured in the same run.

Both commands run alternately, ``--rounds`` times each, and the medians are compared, so the ratio holds
on a shared, noisy machine. It also reports which heavy packages the help screen imported (none should).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

HEAVY = ("sqlalchemy", "alembic", "rich", "openpyxl", "python_calamine", "pypinyin", "argon2", "PIL", "matplotlib")

PROBE = """
import sys
from gridcore.cli.main import main
try:
    main(["--help"])
except SystemExit:
    pass
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(%r))
plugin_models = sorted(m for m in sys.modules if m.startswith("gridcore_") and m.endswith(".models"))
print("PROBE", heavy, plugin_models, file=sys.stderr)
"""


def _time(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def measure(rounds: int) -> dict[str, object]:
    help_cmd = [sys.executable, "-m", "gridcore.cli", "--help"]
    base_cmd = [sys.executable, "-c", "import click"]
    help_times, base_times = [], []
    for _ in range(rounds):
        help_times.append(_time(help_cmd))
        base_times.append(_time(base_cmd))
    probe = subprocess.run([sys.executable, "-c", PROBE % (HEAVY,)], capture_output=True, text=True, check=True)
    line = next(x for x in probe.stderr.splitlines() if x.startswith("PROBE"))
    help_median = statistics.median(help_times)
    base_median = statistics.median(base_times)
    return {
        "benchmark": "cli_startup",
        "rounds": rounds,
        "gridcore_help_median_s": round(help_median, 4),
        "import_click_median_s": round(base_median, 4),
        "ratio": round(help_median / base_median, 2),
        "imported_on_help": line.removeprefix("PROBE ").strip(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=15)
    print(json.dumps(measure(parser.parse_args().rounds), ensure_ascii=False))


if __name__ == "__main__":
    main()
