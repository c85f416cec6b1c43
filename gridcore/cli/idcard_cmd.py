"""``gridcore idcard``: check resident ID numbers (R-E03 to R-E05) and 暂住人员身份验证 (R-R03).

``gridcore idcard ID...`` is short for ``gridcore idcard check ID...``: when the first argument is
not a subcommand name, :class:`IdcardGroup` runs ``check``. Everything is offline and pure (no
database, no external service).

Privacy: these commands show the full number to the operator who typed it, which is their purpose;
the number is never written to a log. Messages from the ID package show it masked.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import click

from gridcore.cli.output import emit, format_option
from gridcore.cli.permissions import requires

#: Exit code when a number is invalid or a check fails (the same as :class:`gridcore.errors.ValidationError`).
INVALID_EXIT = 5
CHECK_COLUMNS = (
    "input",
    "valid",
    "reason",
    "id18",
    "birth_date",
    "sex",
    "age",
    "division_code",
    "province",
    "prefecture",
    "county",
    "place",
    "hmt_permit",
)
#: Labels of the table form (``--format table``), one line per key.
CHECK_LABELS = {
    "input": "输入",
    "valid": "核验结果",
    "reason": "原因",
    "id18": "18 位号码",
    "birth_date": "出生日期",
    "sex": "性别",
    "age": "年龄 (周岁)",
    "division_code": "地址码",
    "province": "省级",
    "prefecture": "地级",
    "county": "县级",
    "place": "籍贯 / 出生地",
    "hmt_permit": "港澳台居民居住证",
}
VERIFY_COLUMNS = ("check", "passed", "message")


def parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """A ``YYYY-MM-DD`` option as a date, with a message in Chinese when it is not a calendar date."""
    if value is None:
        return None
    try:
        return datetime.strptime(value.strip(), "%Y-%m-%d").date()
    except ValueError:
        raise click.BadParameter(
            f"日期「{value}」无效, 应为 YYYY-MM-DD, 例如 2024-01-31 (invalid date)", ctx, param
        ) from None


class IdcardGroup(click.Group):
    """A group that runs ``check`` when the first argument is not one of its subcommands.

    So ``gridcore idcard 11010519491231002X --format json`` is ``gridcore idcard check ...``; with no
    argument at all, or with ``--help`` first, the group's help is shown.
    """

    default_command = "check"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


@click.group(cls=IdcardGroup, subcommand_metavar="ID... | COMMAND [ARGS]...")
def idcard() -> None:
    """身份证号核验: gridcore idcard ID... 即 gridcore idcard check ID...。"""


def _check_row(text: str, on: date) -> dict[str, Any]:
    from gridcore.domain.idcard import check_id

    result = check_id(text, today=on)
    row: dict[str, Any] = dict.fromkeys(CHECK_COLUMNS)
    row.update(input=text, valid=result.valid, reason=result.reason, hmt_permit=None)
    info = result.info
    if info is None:
        return row
    division = info.division
    row.update(
        id18=info.number18,
        birth_date=info.birth_date.isoformat(),
        sex=info.sex,
        age=info.age(on),
        division_code=info.division_code,
        province=division.province,
        prefecture=division.prefecture,
        county=division.county,
        place=info.place_name,
        hmt_permit=info.is_hmt_permit,
    )
    return row


def _show_check(row: dict[str, Any]) -> None:
    """One small two-column table per number, so a long number or reason is never folded."""
    shown = {
        **row,
        "valid": _mark(row["valid"], "✓ 有效", "✗ 无效"),
        "hmt_permit": _mark(row["hmt_permit"], "是", "否"),
    }
    keys = [k for k in CHECK_LABELS if k not in ("input", "reason")] if row["valid"] else ["valid", "reason"]
    items = [{"项目": CHECK_LABELS[key], "值": shown[key]} for key in keys]
    emit(items, fmt="table", columns=["项目", "值"], title=str(row["input"]))


def _mark(value: object, yes: str, no: str) -> str:
    if value is None:
        return ""
    return yes if value else no


@requires("idcard.check")
@idcard.command()
@click.argument("numbers", metavar="ID...", nargs=-1, required=True)
@click.option(
    "--on", metavar="YYYY-MM-DD", callback=parse_date, help="核验日期 (默认今天): 计算年龄, 出生日期不得晚于该日"
)
@format_option
def check(numbers: Sequence[str], on: date | None, fmt: str) -> None:
    """核验身份证号 (18 位或 15 位旧号码), 显示出生日期、性别、年龄与籍贯地址码。

    table 每个号码一个小表, json/csv 每个号码一行; 有任一号码无效时仍全部显示, 退出码为 5。
    港澳台居民居住证 (810000/820000/830000) 标在 hmt_permit (港澳台居民居住证) 一项。
    """
    day = on or date.today()
    rows = [_check_row(text, day) for text in numbers]
    if fmt == "table":
        for row in rows:
            _show_check(row)
    else:
        emit(rows, fmt=fmt, columns=CHECK_COLUMNS)
    if not all(row["valid"] for row in rows):
        raise click.exceptions.Exit(INVALID_EXIT)


@requires("idcard.check")
@idcard.command()
@click.argument("number", metavar="ID")
@click.option("--name", required=True, help="登记的姓名")
@click.option("--sex", type=click.Choice(["男", "女"]), help="登记的性别")
@click.option("--birth-date", metavar="YYYY-MM-DD", callback=parse_date, help="登记的出生日期")
@click.option("--on", metavar="YYYY-MM-DD", callback=parse_date, help="核验日期 (默认今天), 出生日期不得晚于该日")
@format_option
def verify(number: str, name: str, sex: str | None, birth_date: date | None, on: date | None, fmt: str) -> None:
    """暂住人员身份验证: 逐项核对号码格式、校验码、出生日期、地址码, 以及登记的姓名、性别、出生日期。

    只在本机核对, 不调用任何外部服务。全部通过时退出码为 0, 否则为 5。
    """
    from gridcore.domain.idcard import verify_person

    checks = verify_person(number, name=name, sex=sex, birth_date=birth_date, on=on or date.today())
    rows = [{"check": c.name, "passed": c.passed, "message": c.message} for c in checks]
    failed = sum(not c.passed for c in checks)
    if fmt == "table":
        emit([{**row, "passed": _mark(row["passed"], "✓", "✗")} for row in rows], fmt=fmt, columns=VERIFY_COLUMNS)
        summary = (
            f"未通过: {failed} 项 ({failed} of {len(checks)} checks failed)" if failed else "全部通过 (all passed)"
        )
        click.echo(summary)
    else:
        emit(rows, fmt=fmt, columns=VERIFY_COLUMNS)
    if failed:
        raise click.exceptions.Exit(INVALID_EXIT)
