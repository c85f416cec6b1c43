"""Running services from a command: one unit of work, its warnings, record output, delete confirmation.

Commands hold no business rules: they parse options, call services inside :func:`run_in_unit` (one
transaction; an error rolls everything back and the root group prints it on one line), show the result,
then print the unit's warnings as ``提示: ...`` lines on stderr.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import click

from gridcore.cli.output import emit
from gridcore.errors import ConfigError

if TYPE_CHECKING:
    from gridcore.cli.context import CliContext
    from gridcore.services.unit import UnitOfWork

R = TypeVar("R")
F = TypeVar("F", bound=Callable[..., Any])

#: Columns of a record shown as a table (one line per field).
FIELD_COLUMNS = ("字段", "值")


def run_in_unit(context: CliContext, body: Callable[[UnitOfWork], R], *, show: Callable[[R], None] | None = None) -> R:
    """Run ``body(uow)`` in one committed unit of work, then ``show(result)``, then print the warnings.

    Build everything to be shown (record views) inside ``body``: records are detached afterwards.
    """
    from gridcore.services.unit import unit_of_work

    app = context.data_app()
    with unit_of_work(app, context.actor) as uow:
        result = body(uow)
    if show is not None:
        show(result)
    print_warnings(uow.warnings)
    return result


def read_in_unit(context: CliContext, body: Callable[[UnitOfWork], R]) -> R:
    """Run ``body(uow)`` in a read-only unit of work (never takes the write lock); nothing is committed.

    Return plain values (record views, keys): records are expired when the unit ends."""
    from gridcore.services.unit import read_unit

    app = context.data_app()
    with read_unit(app, context.actor) as uow:
        result = body(uow)
    print_warnings(uow.warnings)
    return result


def print_warnings(warnings: list[str]) -> None:
    for warning in warnings:
        click.echo(f"提示: {' '.join(warning.split())}", err=True)


def _plain(value: Any) -> Any:
    if isinstance(value, bool):
        return "是" if value else "否"
    return value


def emit_record(view: Mapping[str, Any], *, fmt: str) -> None:
    """One record view (:func:`gridcore.services.presentation.record_view`): JSON/CSV as is, a table of
    its filled fields for people."""
    if fmt != "table":
        emit(view, fmt=fmt)
        return
    from gridcore.services.presentation import KEY

    rows = [
        {"字段": label, "值": _plain(value)}
        for label, value in view.items()
        if label != KEY and value not in (None, "")
    ]
    emit(rows, fmt=fmt, columns=FIELD_COLUMNS, title=str(view.get(KEY, "")))


def show_record(fmt: str) -> Callable[[Mapping[str, Any]], None]:
    """A ``show=`` for :func:`run_in_unit` whose body returns a record view."""
    return lambda view: emit_record(view, fmt=fmt)


def emit_done(message: str, data: Mapping[str, Any], *, fmt: str) -> None:
    """The result of an action with no record to show (a delete): a sentence, or ``data`` for scripts."""
    if fmt == "table":
        click.echo(message)
    else:
        emit(data, fmt=fmt)


def has_terminal() -> bool:
    """Whether a person can be asked (stdin is a terminal); tests replace this."""
    return sys.stdin.isatty()


def confirm_delete(what: str, *, yes: bool) -> None:
    """Ask before deleting ``what`` unless ``--yes``; with no terminal to ask on, refuse in one line."""
    if yes:
        return
    if not has_terminal():
        raise ConfigError(f"删除{what}需要确认: 请加 --yes (no terminal to ask on)")
    if not click.confirm(f"确定删除{what}吗?", default=False):
        click.echo("已取消, 未删除任何数据", err=True)
        raise click.exceptions.Exit(1)


def field_option(func: F) -> F:
    """``--field 标签=值`` (repeatable): a field by its Chinese label or attribute name."""
    return click.option(
        "--field",
        "field_pairs",
        metavar="标签=值",
        multiple=True,
        help="字段 (中文标签或属性名)=值, 可重复, 例如 --field 联系电话=13800000000",
    )(func)


def yes_option(func: F) -> F:
    return click.option("--yes", "-y", is_flag=True, help="不询问, 直接删除")(func)


def assignments(pairs: tuple[str, ...]) -> dict[str, str]:
    """The ``--field`` pairs as a mapping (a malformed pair is a one-line error)."""
    from gridcore.services.fields import parse_assignments

    return parse_assignments(pairs)
