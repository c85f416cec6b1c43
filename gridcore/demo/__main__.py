"""``python -m gridcore.demo --dir demo``: a demo database with a whole street, built with the real commands.

The steps are ``gridcore init``, ``gridcore plugins list``, the demo street (1 街道, 3 社区, about
2,500 households and 7,000 synthetic residents, through the services), then ``gridcore region list``
to show the tree with its counts, and ``gridcore stats`` to write the statistics workbook and charts.
Running it again keeps what is there and adds only what is missing.

The administrator password is generated, written to ``DIR/admin-password.txt`` (owner-only) and
printed once: there is no default password. The commands after ``init`` run as the administrator,
with ``GRIDCORE_USER``/``GRIDCORE_PASSWORD`` set for them as a script would.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import string
import sys
from collections.abc import Iterator
from pathlib import Path

from gridcore.cli.main import main as gridcore
from gridcore.demo.district import DEFAULT_HOUSEHOLDS, DEFAULT_SEED, build_district


def _password() -> str:
    alphabet = string.ascii_letters + string.digits
    core = "".join(secrets.choice(alphabet) for _ in range(12))
    return f"Gc-{core}9a"


def _command(db_url: str, *args: str) -> None:
    """Run one ``gridcore`` command through the real entry point; stop the demo if it fails."""
    print(f"\n$ gridcore --db {db_url} {' '.join(args)}", flush=True)
    try:
        gridcore(["--db", db_url, *args])
    except SystemExit as done:
        if done.code:
            sys.exit(done.code)


@contextlib.contextmanager
def _as_admin(password: str) -> Iterator[None]:
    """Set ``GRIDCORE_USER``/``GRIDCORE_PASSWORD`` for the commands inside, and restore them after."""
    saved = {name: os.environ.get(name) for name in ("GRIDCORE_USER", "GRIDCORE_PASSWORD")}
    os.environ.update(GRIDCORE_USER="admin", GRIDCORE_PASSWORD=password)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _build(db_url: str, folder: Path, households: int, seed: int) -> None:
    from gridcore.app import GridApp

    print(f"\n# 演示街道: {households} 户 (seed {seed})", flush=True)
    app = GridApp.from_environment(database_url=db_url).start()
    try:
        report = build_district(app, households=households, seed=seed, progress=lambda line: print(line, flush=True))
        print("\n# 插件的演示数据 (populate_demo)", flush=True)
        done = app.plugins.populate_demo(app, folder, seed)
        print(f"已添加: {'、'.join(done) if done else '无插件提供演示数据'}", flush=True)
    finally:
        app.close()
    if report.skipped:
        print(f"已存在, 未重复添加: {'、'.join(report.skipped)}")
    if report.created:
        print(f"新增 {report.households} 户, {report.residents} 人, 用时 {report.seconds:.1f} 秒")
    for warning in report.warnings:
        print(f"提示: {warning}", file=sys.stderr)


def run(folder: Path, *, households: int = DEFAULT_HOUSEHOLDS, seed: int = DEFAULT_SEED) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    db_url = f"sqlite:///{folder / 'gridcore.db'}"
    password_file = folder / "admin-password.txt"
    if not password_file.exists():
        password_file.write_text(_password() + "\n", encoding="utf-8")
        os.chmod(password_file, 0o600)
    _command(db_url, "init", "--admin-password-file", str(password_file))
    with _as_admin(password_file.read_text(encoding="utf-8").strip()):
        _command(db_url, "plugins", "list")
        _build(db_url, folder, households, seed)
        _command(db_url, "region", "list")
        _command(
            db_url,
            "stats",
            "--xlsx",
            str(folder / "统计报表.xlsx"),
            "--charts",
            str(folder / "charts"),
        )
    print(f"\n演示数据库: {folder / 'gridcore.db'}")
    print(f"统计工作簿: {folder / '统计报表.xlsx'}  图表: {folder / 'charts'}")
    print(f"管理员: admin  密码: {password_file.read_text(encoding='utf-8').strip()}  (保存在 {password_file})")


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"应为正整数: {text}")
    return value


def cli(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m gridcore.demo", description="build the gridcore demo")
    parser.add_argument("--dir", default="demo", help="folder for the demo database")
    parser.add_argument(
        "--households",
        type=_positive,
        default=DEFAULT_HOUSEHOLDS,
        help=f"households to build (default {DEFAULT_HOUSEHOLDS})",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the synthetic people")
    args = parser.parse_args(argv)
    run(Path(args.dir), households=args.households, seed=args.seed)


if __name__ == "__main__":
    cli()
