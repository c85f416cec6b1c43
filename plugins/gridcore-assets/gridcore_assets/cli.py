"""``gridcore assets``: the kernel's ``list/show/add/edit/delete`` for assets, plus ``of RESIDENT`` (R-I01).

Assets have no number of their own: KEY is ``#id``. The owner is given as ``--field 常住编号=HQDY00101``;
browsing all assets with filters is ``assets list`` (or ``gridcore query asset``), R-I02.
"""

from __future__ import annotations

import click

from gridcore.cli.entity_commands import entity_group
from gridcore.cli.output import format_option
from gridcore.cli.permissions import requires
from gridcore_assets.plugin import ENTITY, VIEW

assets = entity_group(ENTITY, name="assets", help="大宗财产: 新增、查看、修改、删除、列表; of 列出一位居民的财产")


@requires(VIEW)
@assets.command()
@click.argument("resident")
@format_option
@click.pass_context
def of(click_context: click.Context, resident: str, fmt: str) -> None:
    """列出居民 RESIDENT (常住编号) 名下的大宗财产。"""
    list_records = assets.commands["list"]
    click_context.invoke(list_records, where=(f"常住编号={resident}",), fmt=fmt)
