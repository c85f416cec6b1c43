"""``gridcore query ENTITY``: the manual's three query methods over any registered entity.

``--where 标签=值`` (精确查询), ``--contains 关键字`` (模糊查询, pinyin initials too), ``--filter`` (组合查询),
``--region`` (a subtree), ``--sort``, ``--limit``/``--offset`` and ``--facets`` (分类过滤 counts).
"""

from __future__ import annotations

from typing import Any

import click

from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.output import emit, format_option
from gridcore.cli.permissions import requires


def list_labels(entity: Any) -> list[str]:
    """The labels of the entity's list columns (:func:`gridcore.entities.list_fields`)."""
    from gridcore.entities import list_fields

    return [field.label for field in list_fields(entity)]


def build_spec(
    where: tuple[str, ...],
    contains: str | None,
    filters: tuple[str, ...],
    region: str | None,
    sort: tuple[str, ...],
    limit: int | None,
    offset: int,
) -> Any:
    """The :class:`~gridcore.query.QuerySpec` of the command-line options (several --filter are ANDed)."""
    from gridcore.query import And, Condition, QuerySpec, Sort, parse_filter
    from gridcore.services.fields import parse_assignments

    exact = tuple(Condition(field=k, op="=", value=v) for k, v in parse_assignments(list(where)).items())
    parsed = [parse_filter(text) for text in filters]
    combined = None if not parsed else parsed[0] if len(parsed) == 1 else And(parts=tuple(parsed))
    return QuerySpec(
        where=exact,
        contains=contains,
        filter=combined,
        region=region,
        sort=tuple(Sort.parse(s) for s in sort),
        limit=limit,
        offset=offset,
    )


@requires("{entity}.view")
@click.command()
@click.argument("entity")
@click.option("--where", multiple=True, metavar="标签=值", help="精确查询 (可重复, 同时满足)")
@click.option("--contains", metavar="关键字", help="模糊查询: 在文本字段中查找, 支持拼音与首字母 (zs 找到 张三)")
@click.option(
    "--filter", "filters", multiple=True, metavar="条件", help="组合查询, 如 '性别 = 女 AND 出生日期 < 1966-01-01'"
)
@click.option("--region", metavar="CODE", help="只查该辖区及其下级")
@click.option("--sort", multiple=True, metavar="字段", help="排序字段, 前加 - 为降序")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="每页条数")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="跳过的条数")
@click.option("--facets", is_flag=True, help="显示各词典字段的分类计数 (分类过滤)")
@click.option("--columns", metavar="标签,标签", help="只显示这些列")
@format_option
@pass_context
def query(
    context: CliContext,
    entity: str,
    where: tuple[str, ...],
    contains: str | None,
    filters: tuple[str, ...],
    region: str | None,
    sort: tuple[str, ...],
    limit: int,
    offset: int,
    facets: bool,
    columns: str | None,
    fmt: str,
) -> None:
    """查询任一实体 (居民 resident、住户 household、辖区 region ...)。"""
    from gridcore.entities import resolve_field
    from gridcore.services.presentation import KEY, record_view
    from gridcore.services.query import run_query
    from gridcore.services.unit import read_unit

    app = context.data_app()
    spec = build_spec(where, contains, filters, region, sort, limit, offset)
    with read_unit(app, context.actor) as uow:
        result = run_query(uow, entity, spec, facets=facets)
        rows = [record_view(uow, entity, record) for record in result.records]
        if columns:
            chosen = [
                resolve_field(result.entity.model, c.strip(), entity_title=result.entity.title).label
                for c in columns.replace("，", ",").split(",")
                if c.strip()
            ]
        elif fmt == "table":
            chosen = list_labels(result.entity)
        else:
            chosen = list(rows[0].keys())[1:] if rows else []
    shown = [KEY, *chosen]
    if fmt == "json":
        emit(
            {
                "entity": entity,
                "total": result.total,
                "offset": offset,
                "records": [{k: row[k] for k in shown} for row in rows],
                **({"facets": result.facets} if facets else {}),
            },
            fmt="json",
        )
        return
    emit(rows, fmt=fmt, columns=shown, title=f"{result.entity.title}: 共 {result.total} 条, 显示 {len(rows)} 条")
    if facets and fmt == "table":
        for label, counts in result.facets.items():
            click.echo(f"{label}: " + "  ".join(f"{k} {v}" for k, v in counts.items()))
