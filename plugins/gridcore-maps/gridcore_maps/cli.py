"""``gridcore map``: map images and markers, distribution maps, the house-state chart, GeoJSON.

Imported only when a ``map`` command runs. Commands parse options, call the services in one unit of
work, then write files and print; every rule lives in the services.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.output import emit, format_option
from gridcore.cli.permissions import requires
from gridcore.errors import NotFoundError
from gridcore_maps.plugin import EDIT, VIEW

if TYPE_CHECKING:
    from gridcore.services.unit import UnitOfWork

R = TypeVar("R")
UNPLACED_COLUMNS = ("类型", "编号", "名称")


@click.group(name="map")
def map_group() -> None:
    """地图标注: 地图图片、标注位置、坐标复原、未标注、分布图、居民房态图、GeoJSON。"""


def _say(warnings: list[str]) -> None:
    for warning in warnings:
        click.echo(f"提示: {warning}", err=True)


def _write(context: CliContext, body: Callable[[UnitOfWork], R]) -> R:
    """Run ``body`` in one committed unit of work as the operator; print its warnings."""
    from gridcore.services.unit import unit_of_work

    with unit_of_work(context.data_app(), context.actor) as uow:
        result = body(uow)
    _say(uow.warnings)
    return result


def _read(context: CliContext, body: Callable[[UnitOfWork], R]) -> R:
    """Run ``body`` in a read-only unit of work as the operator; print its warnings."""
    from gridcore.services.unit import read_unit

    with read_unit(context.data_app(), context.actor) as uow:
        result = body(uow)
    _say(uow.warnings)
    return result


@requires(VIEW)
@map_group.command()
@click.argument("region")
@format_option
@pass_context
def show(context: CliContext, region: str, fmt: str) -> None:
    """显示辖区 REGION (编码) 的地图: 图片、尺寸、标注大小。"""
    from gridcore_maps.markers import show_map

    emit(_read(context, lambda uow: show_map(uow, region).as_dict()), fmt=fmt)


@requires(EDIT)
@map_group.command("set-image")
@click.argument("region")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@format_option
@pass_context
def set_image(context: CliContext, region: str, file: Path, fmt: str) -> None:
    """设置辖区 REGION 的地图图片 FILE (任意尺寸, 建议 800×600); 社区地图标注小区, 小区地图标注住户与场所。"""
    from gridcore_maps.markers import set_image as set_map_image

    emit(_write(context, lambda uow: set_map_image(uow, region, file).as_dict()), fmt=fmt)


@requires(EDIT)
@map_group.command("marker-size")
@click.argument("region")
@click.argument("width", type=int)
@click.argument("height", type=int)
@format_option
@pass_context
def marker_size(context: CliContext, region: str, width: int, height: int, fmt: str) -> None:
    """设置辖区 REGION 地图上标注的宽度与高度 (像素, 8–200)。"""
    from gridcore_maps.markers import set_marker_size

    emit(_write(context, lambda uow: set_marker_size(uow, region, width, height).as_dict()), fmt=fmt)


@requires(EDIT)
@map_group.command()
@click.argument("kind")
@click.argument("key")
@click.argument("x", type=int)
@click.argument("y", type=int)
@click.option("--longitude", "--lon", type=float, default=None, help="经度 (可选)")
@click.option("--latitude", "--lat", type=float, default=None, help="纬度 (可选)")
@format_option
@pass_context
def place(
    context: CliContext,
    kind: str,
    key: str,
    x: int,
    y: int,
    longitude: float | None,
    latitude: float | None,
    fmt: str,
) -> None:
    """把 KIND (compound 小区 / household 住户 / premises 营业场所 ...) KEY 标注在其地图的 X, Y 像素处。"""
    from gridcore_maps.markers import place as place_marker

    placement = _write(
        context, lambda uow: place_marker(uow, kind, key, x, y, longitude=longitude, latitude=latitude).as_dict()
    )
    emit(placement, fmt=fmt)


@requires(EDIT)
@map_group.command()
@click.argument("kind")
@click.argument("key")
@format_option
@pass_context
def reset(context: CliContext, kind: str, key: str, fmt: str) -> None:
    """坐标复原: 把 KIND KEY 的标注移到地图左上角 (0, 0) 并保存。"""
    from gridcore_maps.markers import reset as reset_marker

    emit(_write(context, lambda uow: reset_marker(uow, kind, key).as_dict()), fmt=fmt)


def _kinds_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--kind", "kinds", multiple=True, metavar="KIND", help="只看这些对象类型 (可重复; 默认为该地图标注的全部)"
    )(func)


@requires(VIEW)
@map_group.command()
@click.argument("region")
@_kinds_option
@format_option
@pass_context
def unplaced(context: CliContext, region: str, kinds: tuple[str, ...], fmt: str) -> None:
    """未标注: 列出辖区 REGION 的地图上还没有位置的小区、住户、营业场所。"""
    from gridcore_maps import record_views
    from gridcore_maps.markers import unplaced as find_unplaced

    def body(uow: UnitOfWork) -> list[dict[str, Any]]:
        rows = []
        for item in find_unplaced(uow, region, kinds):
            field = record_views.label_field(item.kind)
            name, _ = record_views.present(uow, item.kind, item.record, field, item.key)
            rows.append({"类型": item.kind.title, "编号": item.key, "名称": name})
        return rows

    rows = _read(context, body)
    emit(rows, fmt=fmt, columns=UNPLACED_COLUMNS, title=f"未标注: {len(rows)} 个")


@requires(VIEW)
@map_group.command()
@click.argument("region")
@click.argument("keyword")
@_kinds_option
@format_option
@pass_context
def locate(context: CliContext, region: str, keyword: str, kinds: tuple[str, ...], fmt: str) -> None:
    """定位: 辖区 REGION 地图上第一个包含 KEYWORD (户主姓名、场所名称、门牌号) 的对象及其位置。"""
    from gridcore_maps.markers import locate as find

    def body(uow: UnitOfWork) -> dict[str, Any] | None:
        item = find(uow, region, keyword, kinds)
        if item is None:
            return None
        marker = item.marker if item.placed else None
        return {
            "类型": item.kind.title,
            "编号": item.key,
            "左起点": marker.left if marker is not None else None,
            "上起点": marker.top if marker is not None else None,
            "状态": "已标注" if marker is not None else "未标注",
        }

    found = _read(context, body)
    if found is None:
        raise NotFoundError(f"辖区 {region} 的地图上没有包含「{keyword}」的对象")
    emit(found, fmt=fmt)


@requires(VIEW)
@map_group.command()
@click.argument("region")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@_kinds_option
@click.option("--deep", is_flag=True, help="包括下级辖区的地图 (社区 → 小区 → 住户)")
@pass_context
def geojson(context: CliContext, region: str, out: Path, kinds: tuple[str, ...], deep: bool) -> None:
    """导出辖区 REGION 地图上的标注为 GeoJSON 文件 OUT (有经纬度的为点, 其余只有像素位置)。"""
    from gridcore_maps.geojson import geojson as collect
    from gridcore_maps.outputs import write_geojson

    collection = _read(context, lambda uow: collect(uow, region, kinds, deep=deep))
    write_geojson(collection, out)
    click.echo(f"已导出 {len(collection['features'])} 个标注到 {out}")


@requires(VIEW)
@map_group.command()
@click.argument("region")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@_kinds_option
@click.option("--label", metavar="字段", help="标注文字所用的字段 (默认: 小区名称、门牌号、场所名称)")
@click.option("--children", is_flag=True, help="同时绘制下级辖区的分布图, 点击上级地图的标注可打开")
@pass_context
def distribution(
    context: CliContext, region: str, folder: Path, kinds: tuple[str, ...], label: str | None, children: bool
) -> None:
    """住户居民分布图 / 营业场所分布图: 把辖区 REGION 的分布图写成 PNG 与网页 (HTML) 到 FOLDER。"""
    from gridcore_maps.distribution import distribution as gather
    from gridcore_maps.outputs import distribution_stem, write_distribution
    from gridcore_maps.render_map import marker_id

    def body(uow: UnitOfWork) -> tuple[Any, list[Any]]:
        top = gather(uow, region, kinds, label=label)
        below = [gather(uow, child, kinds, label=label) for child in _children_with_maps(uow, top)] if children else []
        return top, below

    top, below = _read(context, body)
    app = context.data_app()
    links = {}
    for child in below:
        write_distribution(app, child, folder)
        links[marker_id("region", child.region_code)] = f"{distribution_stem(child)}.html"
    written = write_distribution(app, top, folder, links=links)
    click.echo(f"已写出 {written.png} 与 {written.html}" + (f", 及 {len(below)} 张下级分布图" if below else ""))


def _children_with_maps(uow: UnitOfWork, top: Any) -> list[str]:
    from gridcore.services import regions

    codes = []
    for marker in top.markers:
        if marker.kind == "region":
            child = regions.get(uow, marker.key)
            if child.map_image:
                codes.append(child.code)
    return codes


@requires(VIEW)
@map_group.command("house-state")
@click.argument("region")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--building", metavar="楼号", help="只画这栋楼")
@click.option(
    "--exact", multiple=True, metavar="字段=值", help="精确查询: 加入条件 (与之前的条件同时满足, 直到 --reset)"
)
@click.option("--fuzzy", metavar="关键字", help="模糊查询: 包含关键字的住户 (户主姓名、门牌号 ...)")
@click.option("--reset", "reset_first", is_flag=True, help="条件重置: 先清除之前累积的精确查询条件")
@pass_context
def house_state(
    context: CliContext,
    region: str,
    folder: Path,
    building: str | None,
    exact: tuple[str, ...],
    fuzzy: str | None,
    reset_first: bool,
) -> None:
    """居民房态图: 小区 REGION (或其中一栋楼) 的楼层 × 门牌格, 按房屋状态着色, 写成 PNG 与网页到 FOLDER。"""
    from gridcore.services.fields import parse_assignments
    from gridcore_maps.house_state import house_state_chart
    from gridcore_maps.outputs import write_house_state
    from gridcore_maps.query_conditions import add_conditions, reset_conditions

    given = parse_assignments(list(exact))

    def body(uow: UnitOfWork) -> Any:
        if reset_first:
            reset_conditions(uow)
        if given:
            add_conditions(uow, given)
        return house_state_chart(uow, region, building=building, keyword=fuzzy)

    chart = _write(context, body)
    written = write_house_state(context.data_app(), chart, folder)
    conditions = "、".join(chart.conditions) or "无"
    click.echo(f"精确查询条件: {conditions}; 共 {chart.total} 户, 选中 {chart.selected} 户")
    click.echo(f"已写出 {written.png} 与 {written.html}")


@requires(VIEW)
@map_group.command()
@click.option("--reset", "reset_all", is_flag=True, help="条件重置: 清除累积的精确查询条件")
@format_option
@pass_context
def conditions(context: CliContext, reset_all: bool, fmt: str) -> None:
    """显示 (或用 --reset 清除) 居民房态图累积的精确查询条件。"""
    from gridcore_maps.query_conditions import current_conditions, reset_conditions

    def body(uow: UnitOfWork) -> list[dict[str, str]]:
        if reset_all:
            reset_conditions(uow)
        return [{"字段": c.field, "值": c.value} for c in current_conditions(uow)]

    rows = _write(context, body)
    emit(rows, fmt=fmt, columns=("字段", "值"), title="精确查询条件")
