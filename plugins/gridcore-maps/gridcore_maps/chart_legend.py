"""The words and colours a house-state chart explains itself with, shared by the PNG and the HTML page."""

from __future__ import annotations

from gridcore_maps import palette
from gridcore_maps.house_state import MARKS, HouseStateChart

#: Legend keys of the fills that are not house states.
BLANK, NOT_SELECTED, NO_RECORD = "(未填写)", "(未选中)", "(无住户记录)"


def legend_items(chart: HouseStateChart) -> list[tuple[str, str, str]]:
    """``(key, label, colour)`` of every fill the chart may use: the states, then the special fills."""
    items = [(entry.code, entry.label, entry.colour) for entry in chart.states]
    items += [(BLANK, "未填写", palette.STATE_BLANK), (NO_RECORD, "无住户记录", palette.NO_RECORD)]
    if chart.selected < chart.total:
        items.append((NOT_SELECTED, "未选中 (不符合查询)", palette.NOT_SELECTED))
    return items


def header_lines(chart: HouseStateChart, *, picture: bool) -> list[str]:
    """The query, the counts, the marks and the notes; the picture also says where left-out households are."""
    query = "、".join(chart.conditions) if chart.conditions else "无"
    lines = [f"精确查询条件 (累积, 条件重置后清除): {query}"]
    if chart.keyword:
        lines.append(f"模糊查询 (包含): {chart.keyword}")
    lines.append(f"共 {chart.total} 户, 选中 {chart.selected} 户")
    if picture:
        lines.append("标记: " + "  ".join(f"{mark} {meaning}" for mark, meaning in MARKS))
    lines.extend(chart.notes)
    left_out = len(chart.plan.left_out)
    if picture and left_out:
        lines.append(f"{left_out} 户的门牌号无法排入楼层格, 见网页版列表")
    return lines
