"""``gridcore fire briefing``: the two-monthly 简报 on hazard rectification (xlsx and text)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.output import emit, format_option
from gridcore.cli.permissions import requires
from gridcore.cli.service_runner import read_in_unit, run_in_unit
from gridcore_firesafety.cli.output import show_rows
from gridcore_firesafety.names import BRIEFING, OFFICE, VIEW

if TYPE_CHECKING:
    from gridcore.services.unit import UnitOfWork
    from gridcore_firesafety.services.briefings import BriefingData


@click.group()
def briefing() -> None:
    """简报: 生成 (make, xlsx 和文本)、列表 (list)。每两个月一期。"""


@requires(OFFICE)
@briefing.command()
@click.option("--month", default=None, metavar="YYYY-MM", help="该期内的任一月份 (默认: 最近结束的一期)")
@click.option("--community", "community_code", default=None, metavar="CODE", help="社区编码 (有多个社区时)")
@click.option("--dir", "folder", type=click.Path(file_okay=False, path_type=Path), default=Path("."), help="输出目录")
@format_option
@pass_context
def make(context: CliContext, /, month: str | None, community_code: str | None, folder: Path, fmt: str) -> None:
    """生成隐患整治简报: 各大网格发现、整改、逾期、上报处置的隐患数, 写出 .xlsx 和 .txt。"""
    from gridcore_firesafety.exports.briefing_files import write_text, write_xlsx
    from gridcore_firesafety.services import briefings

    def body(uow: UnitOfWork) -> BriefingData:
        return briefings.issue(uow, month=month, community_code=community_code)[1]

    data = run_in_unit(context, body)
    stem = f"{data.community}消防安全简报{data.period.label}"
    xlsx = write_xlsx(folder / f"{stem}.xlsx", data)
    text = write_text(folder / f"{stem}.txt", data)
    if fmt == "table":
        click.echo(text.read_text(encoding="utf-8"), nl=False)
        click.echo(f"已写出: {xlsx}  {text}")
        return
    emit({"period": data.period.label, "xlsx": str(xlsx), "text": str(text), "lines": _lines(data)}, fmt=fmt)


def _lines(data: BriefingData) -> list[dict[str, Any]]:
    return [
        {
            "大网格": line.grid_name,
            "发现隐患": line.found,
            "已整改": line.rectified,
            "逾期未改": line.overdue,
            "上报处置": line.escalated,
        }
        for line in data.lines
    ]


@requires(VIEW)
@briefing.command("list")
@format_option
@pass_context
def list_command(context: CliContext, /, fmt: str) -> None:
    """已报送的简报。"""
    from gridcore.services.presentation import record_view
    from gridcore_firesafety.services import briefings

    def body(uow: UnitOfWork) -> list[dict[str, Any]]:
        return [
            {k: v for k, v in record_view(uow, BRIEFING, found).items() if k != "简报正文"}
            for found in briefings.listing(uow)
        ]

    show_rows(read_in_unit(context, body), fmt=fmt, title="隐患整治简报", empty="还没有简报")
