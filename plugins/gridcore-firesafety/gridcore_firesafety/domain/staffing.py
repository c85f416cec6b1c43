"""The staffing rule of a cell (R-X02): exactly one 消防安全监管员 and two 消防巡查员."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

import attrs

from gridcore_firesafety.names import CELL_STAFFING, PATROLLER, SUPERVISOR

POST_TITLES = {SUPERVISOR: "消防安全监管员", PATROLLER: "消防巡查员"}


@attrs.frozen(kw_only=True)
class Staffing:
    """How a cell is staffed now; ``problems`` says in words what is missing or too many."""

    supervisors: int
    patrollers: int
    problems: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return not self.problems

    @property
    def label(self) -> str:
        return "齐全" if self.complete else "不全: " + "; ".join(self.problems)


def staffing_of(active_posts: Iterable[str], required: Mapping[str, int] = CELL_STAFFING) -> Staffing:
    """The staffing of a cell from the post codes of its active posts."""
    counts = Counter(active_posts)
    problems = []
    for post, wanted in required.items():
        have = counts.get(post, 0)
        if have < wanted:
            problems.append(f"缺{POST_TITLES[post]} {wanted - have} 名")
        elif have > wanted:
            problems.append(f"{POST_TITLES[post]}多 {have - wanted} 名 (应为 {wanted} 名)")
    return Staffing(
        supervisors=counts.get(SUPERVISOR, 0), patrollers=counts.get(PATROLLER, 0), problems=tuple(problems)
    )
