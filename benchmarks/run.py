"""Run every benchmark in this folder and print one JSON line each (``make bench``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = ["cli_startup.py"]

for name in BENCHMARKS:
    subprocess.run([sys.executable, str(HERE / name)], check=True)
