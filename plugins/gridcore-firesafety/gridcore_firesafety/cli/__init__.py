"""``gridcore fire``: the fire-safety grid's commands, imported only when one of them runs.

``grid`` 大网格, ``cell`` 单元格, ``archive`` 一户一档, ``inspect`` 检查登记, ``hazard`` 隐患, ``case``
抽查与两警一停, ``report`` 月度汇报, ``overdue`` 未按时汇报的单元格, ``briefing`` 简报, ``publicity``
宣传日, ``letter`` 责任书, ``reward`` 奖惩. Every command takes ``--format table|json|csv``.
"""

from __future__ import annotations

import click

from gridcore_firesafety.cli.archive_cmd import archive
from gridcore_firesafety.cli.briefing_cmd import briefing
from gridcore_firesafety.cli.case_cmd import case
from gridcore_firesafety.cli.cell_cmd import cell
from gridcore_firesafety.cli.duty_cmd import letter, publicity, reward
from gridcore_firesafety.cli.grid_cmd import grid
from gridcore_firesafety.cli.hazard_cmd import hazard
from gridcore_firesafety.cli.inspect_cmd import inspect
from gridcore_firesafety.cli.report_cmd import overdue, report


@click.group()
def fire() -> None:
    """消防安全网格化管理: 大网格、单元格、一户一档、检查、隐患、两警一停、汇报、简报。"""


for command in (grid, cell, archive, inspect, hazard, case, report, overdue, briefing, publicity, letter, reward):
    fire.add_command(command)
