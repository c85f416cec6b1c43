"""``gridcore backup OUT``, ``backup verify [FILE] [--drill]`` and ``gridcore restore IN --yes``.

A backup is a signed package (``.gcpkg``) of every table, read in one snapshot while others may keep
writing; ``restore`` verifies it completely, builds a fresh copy and swaps it in, or changes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from gridcore.cli import service_runner
from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.keys_cmd import key_file_option
from gridcore.cli.output import emit, format_option
from gridcore.cli.permissions import requires
from gridcore.cli.service_runner import read_in_unit
from gridcore.errors import ConfigError

if TYPE_CHECKING:
    from gridcore.packages.keys import PublicUnitKey, UnitKey
    from gridcore.services.backups import PackageSummary

SIGNER_HELP = "另一单位的公钥行 (gcunit1:...): 接受它签名的备份 (例如本单位密钥遗失时)"


class BackupGroup(click.Group):
    """``backup OUT`` is ``backup create OUT``; ``backup verify ...`` is the subcommand."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in {"-h", "--help"}:
            args = ["create", *args]
        return super().parse_args(ctx, args)


def unit_key(context: CliContext, key_file: Path | None, *, optional: bool = False) -> UnitKey | None:
    from gridcore.services.keys import load_key

    try:
        return load_key(context.data_app(), key_file)
    except ConfigError:
        if optional:
            return None
        raise


def parse_signer(signer: str | None) -> PublicUnitKey | None:
    from gridcore.packages.keys import PublicUnitKey

    return PublicUnitKey.parse(signer) if signer else None


def show_summary(result: PackageSummary, fmt: str, title: str) -> None:
    if fmt != "table":
        emit(result.as_dict(), fmt=fmt)
        return
    click.echo(title)
    click.echo(f"  文件: {result.path}")
    click.echo(f"  编号: {result.package_id}  时间: {result.created_at}  单位: {result.sender}")
    click.echo(f"  {result.tables} 张表, {result.rows} 行" + (", 已加密" if result.encrypted else ""))
    if result.schema_note:
        click.echo(f"提示: {result.schema_note}", err=True)


@requires("system.backup")
@click.group(cls=BackupGroup)
def backup() -> None:
    """数据备份: backup OUT 写出签名的备份包; backup verify FILE 核验; backup verify --drill 演练恢复。"""


@backup.command("create")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--encrypt", is_flag=True, help="用本单位的密钥加密备份 (恢复时需要同一密钥文件)")
@key_file_option
@format_option
@pass_context
def create(context: CliContext, out: Path, encrypt: bool, key_file: Path | None, fmt: str) -> None:
    """写出备份包 OUT (建议以年月日命名, 例如 20261129.gcpkg)。"""
    from gridcore.services.backups import backup as run_backup

    key = unit_key(context, key_file)
    assert key is not None
    result = read_in_unit(context, lambda uow: run_backup(uow, out, key=key, encrypt=encrypt))
    show_summary(result, fmt, "备份成功")


@backup.command("verify")
@click.argument("file", required=False, type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--drill", is_flag=True, help="演练: 恢复到临时数据库并逐表比较行数与内容散列 (不动现有数据)")
@click.option("--signer", metavar="PUBKEY", help=SIGNER_HELP)
@key_file_option
@format_option
@pass_context
def verify(
    context: CliContext, file: Path | None, drill: bool, signer: str | None, key_file: Path | None, fmt: str
) -> None:
    """核验备份包 FILE (签名、清单、每个文件的散列、数据库版本); --drill 做一次恢复演练。"""
    from gridcore.services import backups

    if not drill:
        if file is None:
            raise ConfigError("请给出要核验的备份文件, 或用 --drill 做恢复演练")
        key = unit_key(context, key_file, optional=signer is not None)
        result = read_in_unit(
            context, lambda uow: backups.verify_backup(uow, file, key=key, signer=parse_signer(signer))
        )
        show_summary(result, fmt, "备份包完好")
        return
    drill_key = unit_key(context, key_file)
    assert drill_key is not None
    outcome = read_in_unit(context, lambda uow: backups.drill(uow, key=drill_key, package=file))
    rows: list[dict[str, Any]] = [
        {
            "表": row.table,
            "备份行数": row.backup_rows,
            "恢复行数": row.restored_rows,
            "散列": row.backup_sha256[:12],
            "结果": "一致" if row.ok else "不一致",
        }
        for row in outcome.rows
    ]
    emit(rows, fmt=fmt, columns=("表", "备份行数", "恢复行数", "散列", "结果"), title="恢复演练")
    for problem in outcome.problems:
        click.echo(f"问题: {problem}", err=True)
    if not outcome.ok:
        raise click.ClickException("恢复演练失败: 恢复后的数据与备份不一致")
    if fmt == "table":
        click.echo(f"恢复演练成功: {len(outcome.rows)} 张表的行数与内容散列全部一致")


def confirm(what: str, *, yes: bool) -> None:
    """A dangerous operation: ``--yes``, or a confirmation typed on a terminal."""
    if yes:
        return
    if not service_runner.has_terminal():
        raise ConfigError(f"{what}需要确认: 请加 --yes (no terminal to ask on)")
    if not click.confirm(f"{what}将覆盖或清除当前的全部数据, 确定吗?", default=False):
        click.echo("已取消, 数据未改动", err=True)
        raise click.exceptions.Exit(1)


@requires("system.restore")
@click.command()
@click.argument("package", metavar="IN", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--yes", "-y", is_flag=True, help="不询问, 直接恢复 (当前数据将被备份中的数据替换)")
@click.option("--signer", metavar="PUBKEY", help=SIGNER_HELP)
@click.option("--discard-original", is_flag=True, help="不保留恢复前的数据副本")
@key_file_option
@format_option
@pass_context
def restore(
    context: CliContext,
    package: Path,
    yes: bool,
    signer: str | None,
    discard_original: bool,
    key_file: Path | None,
    fmt: str,
) -> None:
    """数据恢复: 核验备份包后整体替换当前数据; 失败时现有数据保持不变。"""
    from gridcore.services.backups import restore as run_restore

    confirm("数据恢复", yes=yes)
    key = unit_key(context, key_file, optional=signer is not None)
    outcome = read_in_unit(
        context,
        lambda uow: run_restore(uow, package, key=key, signer=parse_signer(signer), keep_original=not discard_original),
    )
    if fmt != "table":
        emit({"tables": outcome.tables, "rows": outcome.rows, "kept": outcome.kept}, fmt=fmt)
        return
    click.echo(f"恢复成功: {outcome.tables} 张表, {outcome.rows} 行")
    if outcome.kept:
        click.echo(f"恢复前的数据保留在 {outcome.kept}")
    click.echo("所有操作员需要重新登录")
