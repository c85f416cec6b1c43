"""``python -m gridcore.demo --dir demo``: initialise a demo database and show what is installed.

The administrator password is generated, written to ``DIR/admin-password.txt`` (owner-only) and
printed once: there is no default password.
"""

from __future__ import annotations

import argparse
import os
import secrets
import string
import sys
from pathlib import Path

from gridcore.cli.main import main as gridcore


def _password() -> str:
    alphabet = string.ascii_letters + string.digits
    core = "".join(secrets.choice(alphabet) for _ in range(12))
    return f"Gc-{core}9a"


def run(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    db_url = f"sqlite:///{folder / 'gridcore.db'}"
    password_file = folder / "admin-password.txt"
    if not password_file.exists():
        password_file.write_text(_password() + "\n", encoding="utf-8")
        os.chmod(password_file, 0o600)
    steps = [
        ["init", "--admin-password-file", str(password_file)],
        ["plugins", "list"],
    ]
    for args in steps:
        print(f"\n$ gridcore --db {db_url} {' '.join(args)}", flush=True)
        try:
            gridcore(["--db", db_url, *args])
        except SystemExit as done:
            if done.code:
                sys.exit(done.code)
    print(f"\n演示数据库: {folder / 'gridcore.db'}")
    print(f"管理员: admin  密码: {password_file.read_text(encoding='utf-8').strip()}  (保存在 {password_file})")


def cli() -> None:
    parser = argparse.ArgumentParser(prog="python -m gridcore.demo", description="build the gridcore demo")
    parser.add_argument("--dir", default="demo", help="folder for the demo database")
    run(Path(parser.parse_args().dir))


if __name__ == "__main__":
    cli()
