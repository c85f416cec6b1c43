"""``gridcore template ENTITY OUT.xlsx``: the import template (导出住户采集表 / 导出人员采集表, R-G04).

Headers are the Chinese labels on the manual's sheet (户籍表, 常住人口信息表); generated columns are
marked; dictionary columns offer today's dictionary entries as drop-down lists.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.permissions import requires
from gridcore.cli.service_runner import read_in_unit

if TYPE_CHECKING:
    from gridcore.contributions import Entity
    from gridcore.services.unit import UnitOfWork


@requires("{entity}.view")
@click.command()
@click.argument("entity")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@pass_context
def template(context: CliContext, entity: str, out: Path) -> None:
    """写出导入模板: 表头为中文字段名, 词典列带下拉列表 (household 户籍表, resident 常住人口信息表)。"""
    from gridcore.services.templates import write_entity_template

    def body(uow: UnitOfWork) -> Entity:
        return write_entity_template(uow, entity, out)

    written = read_in_unit(context, body)
    click.echo(f"已写出{written.title}导入模板 {out} (工作表「{written.sheet or written.title}」)")
