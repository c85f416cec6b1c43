"""The house-state chart as a standalone HTML page: one table per building, a cell per door."""

from __future__ import annotations

import html
from typing import Any

from gridcore_maps import palette
from gridcore_maps.chart_legend import header_lines, legend_items
from gridcore_maps.house_grid import BuildingPlan, DoorPosition, door_label
from gridcore_maps.house_state import MARKS, Cell, HouseStateChart
from gridcore_maps.html_page import entry, page, style_attribute


def _building(chart: HouseStateChart, building: BuildingPlan[Cell], items: list[dict[str, Any]]) -> str:
    name = f"{building.building}号楼" if building.building else "(未填楼号)"
    units = "".join(
        f'<th colspan="{unit.doors}">{html.escape(unit.unit + "单元" if unit.unit else "(未填单元)")}</th>'
        for unit in building.units
    )
    rows = [f"<tr><th></th>{units}</tr>"]
    for floor in range(building.floors, 0, -1):
        cells = [f"<th>{floor}层</th>"]
        for unit in building.units:
            for door in range(1, unit.doors + 1):
                position = DoorPosition(floor=floor, door=door)
                cell = unit.flats.get(position)
                if cell is None:
                    style = style_attribute(background=palette.NO_RECORD, color=palette.MUTED)
                    cells.append(f'<td class="cell" style="{style}">{door_label(position)}</td>')
                    continue
                index = len(items)
                title = f"{name} {unit.unit}单元 {cell.door} ({cell.state_label})"
                items.append(entry(title, cell.info, cell.members))
                style = style_attribute(background=chart.colour(cell))
                marks = f'<span class="marks">{html.escape(cell.marks)}</span>' if cell.marks else ""
                shown = html.escape(cell.door)
                cells.append(f'<td class="cell" style="{style}" data-i="{index}" tabindex="0">{shown}{marks}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f'<section class="grid"><h2>{html.escape(name)}</h2><table>{"".join(rows)}</table></section>'


def _side(chart: HouseStateChart) -> str:
    legend = "".join(
        f'<div><span class="swatch" style="{style_attribute(background=colour)}"></span>{html.escape(label)}</div>'
        for _, label, colour in legend_items(chart)
    )
    marks = "".join(f"<div><strong>{mark}</strong> {html.escape(meaning)}</div>" for mark, meaning in MARKS)
    left_out = "".join(f"<li>{html.escape(f'{cell.key} {cell.door}: {why}')}</li>" for cell, why in chart.plan.left_out)
    listed = f"<h2>未排入楼层格 ({len(chart.plan.left_out)})</h2><ul>{left_out}</ul>" if left_out else ""
    return f'<section class="legend"><h2>图例</h2>{legend}<h2>标记</h2>{marks}</section>{listed}'


def house_state_page(chart: HouseStateChart) -> str:
    items: list[dict[str, Any]] = []
    header = "".join(f'<p class="muted">{html.escape(line)}</p>' for line in header_lines(chart, picture=False))
    body = header + "".join(_building(chart, building, items) for building in chart.plan.buildings)
    if not chart.plan.buildings:
        body += '<p class="muted">没有住户。</p>'
    return page(
        title=chart.title,
        body=body,
        side=_side(chart),
        items=items,
        member_columns=chart.member_columns,
        members_title="居民",
        members_note="" if chart.member_columns else "无「查看居民」权限, 不列出居民",
    )
