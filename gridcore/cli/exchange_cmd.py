"""``gridcore report OUT [--region CODE]`` (数据上报) and ``gridcore receive IN`` (数据接收)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from gridcore.cli.backup_cmd import unit_key
from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.keys_cmd import key_file_option
from gridcore.cli.output import emit, format_option
from gridcore.cli.permissions import requires
from gridcore.cli.service_runner import read_in_unit, run_in_unit

if TYPE_CHECKING:
    from gridcore.packages.merge import Conflict

CONFLICT_COLUMNS = ("实体", "编号", "原因", "字段", "本地值", "接收值")


@requires("exchange.report")
@click.command()
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--region", metavar="CODE", help="只上报该辖区及其下级 (默认: 操作员的辖区, 或全部)")
@click.option("--to", "receiver", metavar="CODE", help="加密给已登记公钥的接收单位 (keys trust 登记的代码)")
@key_file_option
@format_option
@pass_context
def report(
    context: CliContext, out: Path, region: str | None, receiver: str | None, key_file: Path | None, fmt: str
) -> None:
    """数据上报: 把辖区的全部记录写成签名的数据包, 交上级单位用 gridcore receive 接收。"""
    from gridcore.services.exchange import report as run_report

    key = unit_key(context, key_file)
    assert key is not None
    outcome = read_in_unit(context, lambda uow: run_report(uow, out, key=key, region=region, to=receiver))
    if fmt != "table":
        emit({**outcome.package.as_dict(), "sequence": outcome.sequence, "region": outcome.region}, fmt=fmt)
        return
    where = f"辖区 {outcome.region}" if outcome.region else "全部辖区"
    click.echo(f"上报数据包已生成: {out}")
    click.echo(f"  {where}, 第 {outcome.sequence} 号, {outcome.package.rows} 条记录")
    if outcome.receiver:
        click.echo(f"  已加密给单位 {outcome.receiver}")


def conflict_rows(conflicts: list[Conflict]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for conflict in conflicts:
        base = {"实体": conflict.entity, "编号": conflict.key, "原因": conflict.reason}
        if not conflict.differences:
            rows.append({**base, "字段": "", "本地值": "", "接收值": ""})
        for difference in conflict.differences:
            rows.append({**base, "字段": difference.field, "本地值": difference.local, "接收值": difference.received})
    return rows


def write_conflicts(path: Path, conflicts: list[Conflict]) -> None:
    """The conflict report as CSV (UTF-8 with BOM, so that Excel opens it)."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(CONFLICT_COLUMNS))
        writer.writeheader()
        for row in conflict_rows(conflicts):
            writer.writerow({key: "" if value is None else value for key, value in row.items()})


@requires("exchange.receive")
@click.command()
@click.argument("package", metavar="IN", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option(
    "--conflicts",
    "conflict_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="冲突报告写到哪里 (默认: 当前目录下的 <IN>.conflicts.csv)",
)
@key_file_option
@format_option
@pass_context
def receive(context: CliContext, package: Path, conflict_file: Path | None, key_file: Path | None, fmt: str) -> None:
    """数据接收: 核验发送单位的签名后, 只添加本地没有的记录, 从不覆盖; 同一数据包重复接收不改动任何数据。"""
    from gridcore.services.exchange import receive as run_receive

    key = unit_key(context, key_file, optional=True)
    outcome = run_in_unit(context, lambda uow: run_receive(uow, package, key=key))
    report_path = None
    if outcome.conflicts:
        report_path = conflict_file or Path.cwd() / f"{package.name}.conflicts.csv"
        write_conflicts(report_path, outcome.conflicts)
    if fmt != "table":
        emit(
            {
                "package_id": outcome.package_id,
                "sender": outcome.sender,
                "sequence": outcome.sequence,
                "already_received": outcome.already_received,
                "added": outcome.added,
                "unchanged": outcome.unchanged,
                "conflicts": len(outcome.conflicts),
                "conflict_report": str(report_path) if report_path else None,
            },
            fmt=fmt,
        )
        return
    if outcome.already_received:
        click.echo(f"数据包 {outcome.package_id} 已接收过, 未做任何改动")
        return
    click.echo(f"已接收 {outcome.sender} 的第 {outcome.sequence} 号数据包")
    rows = [
        {"实体": entity, "新增": outcome.added.get(entity, 0), "已有相同": outcome.unchanged.get(entity, 0)}
        for entity in outcome.added
    ]
    emit(rows, fmt=fmt, columns=("实体", "新增", "已有相同"), title="接收结果")
    if report_path is not None:
        click.echo(f"有 {len(outcome.conflicts)} 条记录编号相同但内容不同 (未覆盖), 冲突报告: {report_path}")
