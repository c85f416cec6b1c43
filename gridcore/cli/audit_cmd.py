"""``gridcore audit``: the audit log (安全审计): list with filters, verify the hash chain, purge old records.

Needs ``audit.view`` (the 审计管理员 group; no group that manages operators may hold it). Nothing here
changes a record; ``purge`` removes only records older than the retention (never under 180 days).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import click

from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.output import emit, format_option
from gridcore.cli.permissions import requires
from gridcore.cli.service_runner import read_in_unit, run_in_unit
from gridcore.errors import ConfigError

COLUMNS = ("id", "time", "actor", "event", "object", "result", "detail")


@click.group()
def audit() -> None:
    """审计日志: 查询、核验 (散列链)、清理过期记录。"""


def _day(value: str | None, option: str) -> dt.datetime | None:
    if value is None:
        return None
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ConfigError(f"{option} 应为日期 YYYY-MM-DD, 例如 2026-01-31: {value!r}") from None
    return dt.datetime.combine(day, dt.time()).astimezone()  # midnight, local time


@requires("audit.view")
@audit.command("list")
@click.option("--since", metavar="YYYY-MM-DD", help="从这一天起 (本地时间)")
@click.option("--until", metavar="YYYY-MM-DD", help="到这一天之前")
@click.option("--actor", metavar="LOGIN", help="操作员登录名")
@click.option("--type", "event_type", metavar="TYPE", help="事件类型或其前缀: login, record.update, export ...")
@click.option("--entity", metavar="ID", help="实体, 例如 resident")
@click.option("--object", "object_key", metavar="KEY", help="对象, 例如 常住编号或登录名")
@click.option("--result", type=click.Choice(["success", "failure", "denied"]), help="结果")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="最多显示条数 (最新的在前)")
@format_option
@pass_context
def list_records(
    context: CliContext,
    since: str | None,
    until: str | None,
    actor: str | None,
    event_type: str | None,
    entity: str | None,
    object_key: str | None,
    result: str | None,
    limit: int,
    fmt: str,
) -> None:
    """查询审计记录 (时间以本地时区显示)。"""
    from gridcore.services.audit import AuditFilter, list_records

    spec = AuditFilter(
        since=_day(since, "--since"),
        until=_day(until, "--until"),
        actor=actor,
        event_type=event_type,
        entity=entity,
        object_key=object_key,
        result=result,
        limit=limit,
    )
    lines = read_in_unit(context, lambda uow: list_records(uow, spec))
    if fmt == "json":
        emit([line.as_dict() for line in lines], fmt="json")
        return
    rows: list[dict[str, Any]] = [
        {
            "id": line.id,
            "time": dt.datetime.fromisoformat(line.at).astimezone().isoformat(timespec="seconds"),
            "actor": f"{line.actor} ({line.terminal})",
            "event": f"{line.event_type} {line.entity}".strip(),
            "object": line.object_key,
            "result": line.result,
            "detail": json.dumps(line.detail, ensure_ascii=False),
        }
        for line in lines
    ]
    emit(rows, fmt=fmt, columns=COLUMNS, title=f"审计记录 {len(rows)} 条 (最新的在前)")


@requires("audit.view")
@audit.command()
@pass_context
def verify(context: CliContext) -> None:
    """核验散列链: 任何记录被修改、删除或调换, 都会指出第一条被破坏的记录。"""
    from gridcore.services.audit import verify as verify_chain

    check = read_in_unit(context, verify_chain)
    if check.ok:
        click.echo(f"审计日志完整: 已核验 {check.checked} 条记录")
        return
    click.echo(f"错误: 审计日志在第 {check.broken_id} 条记录处被破坏: {check.reason}", err=True)
    raise SystemExit(10)


@requires("audit.purge")
@audit.command()
@click.option("--yes", is_flag=True, help="确认清理")
@pass_context
def purge(context: CliContext, yes: bool) -> None:
    """删除超过保存期限的审计记录 (至少保留 180 天)。"""
    from gridcore.services.audit import purge as purge_records

    if not yes:
        click.confirm("将删除超过保存期限的审计记录, 确定吗?", abort=True)
    deleted = run_in_unit(context, purge_records)
    click.echo(f"已清理 {deleted} 条超过保存期限的审计记录")
