"""Options several fire-safety commands share: the step's date, actor and note."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def step_options(func: F) -> F:
    """``--date`` (default today), ``--actor`` (who acted; default the operator) and ``--note``."""
    func = click.option("--note", default=None, help="说明")(func)
    func = click.option("--actor", default=None, metavar="NAME", help="经办人 (默认为当前操作员)")(func)
    return click.option("--date", "day", default=None, metavar="YYYY-MM-DD", help="日期, 默认今天")(func)
