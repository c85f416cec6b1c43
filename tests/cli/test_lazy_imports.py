"""``gridcore --help`` imports no plugin's models and none of the heavy libraries."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from gridcore.cli.main import main
try:
    main(["--help"])
except SystemExit:
    pass
heavy = {"sqlalchemy", "alembic", "rich", "openpyxl", "python_calamine", "pypinyin", "argon2", "PIL", "matplotlib"}
print(sorted({m.split(".")[0] for m in sys.modules} & heavy))
print(sorted(m for m in sys.modules if m.startswith("gridcore_") and m.rsplit(".", 1)[-1] in {"models", "cli"}))
"""


def test_help_imports_nothing_heavy():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=60)
    heavy, plugin_modules = result.stdout.strip().splitlines()[-2:]
    assert heavy == "[]"
    assert plugin_modules == "[]"
    assert "命令 (Commands)" in result.stdout
