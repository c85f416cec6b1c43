"""The org chart layout: every node drawn once, no two boxes overlap, no line crosses a box (R-K02)."""

from __future__ import annotations

import random

import pytest
from gridcore_orgs.chart import HUB, TITLE, ChartNode, ChartStyle, layout_chart, text_width

EPSILON = 0.01


def committee(top: int, bottom: int) -> ChartNode:
    """An organization like the plugin draws it: a title, a top row and a bottom row hung from a hub."""
    tops = [ChartNode(lines=("主任" if i == 0 else "书记", f"负责人{i}")) for i in range(top)]
    bottoms = tuple(ChartNode(lines=("委员", f"成员{i}")) for i in range(bottom))
    if bottoms:
        tops.insert(len(tops) // 2, ChartNode.hub(bottoms))
    return ChartNode(lines=("江畔社区居民委员会",), style=TITLE, children=tuple(tops))


def random_tree(rng: random.Random, depth: int = 0) -> ChartNode:
    count = 0 if depth >= 4 else rng.choice([0, 0, 1, 2, 3, 5, 9])
    children = tuple(random_tree(rng, depth + 1) for _ in range(count))
    label = "单位" * rng.randint(1, 5)
    return ChartNode(lines=(f"{label}{depth}", "书记 某某")[: rng.randint(1, 2)], children=children)


def overlaps(a, b) -> bool:
    return a.x < b.right - EPSILON and b.x < a.right - EPSILON and a.y < b.bottom - EPSILON and b.y < a.bottom - EPSILON


def crosses(segment, box) -> bool:
    """Whether a horizontal or vertical segment passes through the inside of a box (touching is fine)."""
    x_low, x_high = sorted((segment.x1, segment.x2))
    y_low, y_high = sorted((segment.y1, segment.y2))
    inside_x = x_low < box.right - EPSILON and x_high > box.x + EPSILON
    inside_y = y_low < box.bottom - EPSILON and y_high > box.y + EPSILON
    return inside_x and inside_y


def assert_clean(root: ChartNode, style: ChartStyle | None = None) -> None:
    layout = layout_chart(root, style) if style else layout_chart(root)
    drawn = sorted(box.lines for box in layout.boxes)
    expected = sorted(node.lines for node in root.walk() if node.style != HUB)
    assert drawn == expected  # every node once, nothing else
    for i, a in enumerate(layout.boxes):
        assert min(a.x, a.y) >= 0
        assert a.bottom <= layout.height
        assert a.right <= layout.width
        for b in layout.boxes[i + 1 :]:
            assert not overlaps(a, b), (a.lines, b.lines)
    for segment in layout.segments:
        assert segment.x1 == segment.x2 or segment.y1 == segment.y2  # orthogonal connectors
        for box in layout.boxes:
            assert not crosses(segment, box), (segment, box.lines)


@pytest.mark.parametrize(("top", "bottom"), [(0, 0), (1, 0), (2, 1), (2, 5), (2, 6), (2, 7), (3, 14), (5, 40)])
def test_organization_layout_is_clean_for_any_number_of_members(top, bottom):
    assert_clean(committee(top, bottom))


@pytest.mark.parametrize("seed", range(25))
def test_random_trees_of_any_depth_are_clean(seed):
    rng = random.Random(seed)
    root = ChartNode(lines=("社区党委",), style=TITLE, children=tuple(random_tree(rng, 1) for _ in range(3)))
    assert_clean(root)
    assert_clean(root, ChartStyle(max_per_row=3, h_gap=10, v_gap=20))


def test_levels_are_rows_from_top_to_bottom():
    layout = layout_chart(committee(2, 3))
    by_text = {box.lines[-1]: box for box in layout.boxes}
    title = next(box for box in layout.boxes if box.style == TITLE)
    assert title.bottom < by_text["负责人0"].y
    assert by_text["负责人0"].y == by_text["负责人1"].y  # the top row
    assert by_text["负责人0"].bottom < by_text["成员0"].y
    assert {by_text[f"成员{i}"].y for i in range(3)} == {by_text["成员0"].y}  # the bottom row
    xs = [by_text[f"成员{i}"].x for i in range(3)]
    assert xs == sorted(xs)  # members keep their order left to right


def test_many_siblings_wrap_into_rows_of_at_most_max_per_row():
    layout = layout_chart(committee(2, 14))
    rows: dict[float, int] = {}
    for box in layout.boxes:
        if box.lines[0] == "委员":
            rows[box.y] = rows.get(box.y, 0) + 1
    assert sorted(rows.values(), reverse=True) == [6, 6, 2]
    assert layout.width < 14 * 72  # narrower than one long row


def test_each_box_below_the_title_is_reached_by_a_line():
    layout = layout_chart(committee(2, 9))
    ends = {(round(s.x2, 3), round(s.y2, 3)) for s in layout.segments} | {
        (round(s.x1, 3), round(s.y1, 3)) for s in layout.segments
    }
    for box in layout.boxes:
        if box.style != TITLE:
            assert (round(box.center_x, 3), round(box.y, 3)) in ends, box.lines


def test_a_parent_is_centred_over_its_children():
    root = ChartNode(lines=("党委",), style=TITLE, children=(ChartNode(lines=("甲",)), ChartNode(lines=("乙",))))
    layout = layout_chart(root)
    title, first, second = layout.boxes
    assert title.center_x == pytest.approx((first.center_x + second.center_x) / 2)


def test_text_width_counts_chinese_as_full_width():
    assert text_width("委员", 16) == 32
    assert text_width("A1", 10) == pytest.approx(12)


def test_boxes_are_wide_enough_for_their_text():
    layout = layout_chart(committee(1, 1))
    for box in layout.boxes:
        widest = max(text_width(line, box.font_size) for line in box.lines)
        assert box.width >= widest + 2 * layout.style.padding_x
