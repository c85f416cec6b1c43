"""Statistics of the fire-safety grid for ``gridcore stats``, the workbook and the charts.

Hazards by state, by big grid and by type; the rectification rate per big grid; inspections per
patroller per month; and the staffing of the cells per big grid (the grid dashboard's 配备不全).
Each counts over the chosen region subtree (``scope.where``) and reads the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from gridcore import Statistic, StatTable
from gridcore.services import dictionaries
from gridcore_firesafety.domain.staffing import staffing_of
from gridcore_firesafety.models import CellPost, FireBigGrid, FireCell, Hazard, Inspection, ShopArchive
from gridcore_firesafety.names import GRID, HAZARD, HAZARD_TYPE_DICTIONARY, HAZARD_WORKFLOW, INSPECTION, POST, VIEW
from gridcore_firesafety.workflows import RECTIFIED_STATES

if TYPE_CHECKING:
    from gridcore.services.unit import UnitOfWork
    from gridcore.stats.scope import Scope


def hazards_by_state(uow: UnitOfWork, scope: Scope) -> StatTable:
    """Hazards per state, in the workflow's order of states."""
    query = select(Hazard.state, func.count()).where(scope.where(HAZARD)).group_by(Hazard.state)
    counts = {state: int(count) for state, count in uow.session.execute(query).all()}
    states = uow.app.registry.workflows[HAZARD_WORKFLOW].states
    return StatTable(columns=("状态", "隐患数"), rows=tuple((state, counts.get(state, 0)) for state in states))


def _by_grid(uow: UnitOfWork, scope: Scope) -> dict[str, Counter[str]]:
    rows = uow.session.execute(
        select(FireBigGrid.name, Hazard.state, func.count())
        .select_from(Hazard)
        .join(ShopArchive, ShopArchive.id == Hazard.archive_id)
        .join(FireCell, FireCell.id == ShopArchive.cell_id)
        .join(FireBigGrid, FireBigGrid.id == FireCell.grid_id)
        .where(scope.where(HAZARD))
        .group_by(FireBigGrid.grid_no, FireBigGrid.name, Hazard.state)
        .order_by(FireBigGrid.grid_no)
    ).all()
    grids: dict[str, Counter[str]] = defaultdict(Counter)
    for name, state, count in rows:
        grids[name][state] += int(count)
    return grids


def hazards_by_grid(uow: UnitOfWork, scope: Scope) -> StatTable:
    """Hazards per big grid (only grids that have any)."""
    grids = _by_grid(uow, scope)
    return StatTable(columns=("大网格", "隐患数"), rows=tuple((name, sum(c.values())) for name, c in grids.items()))


def hazards_by_type(uow: UnitOfWork, scope: Scope) -> StatTable:
    """Hazards per type, in the dictionary's order."""
    query = select(Hazard.hazard_type, func.count()).where(scope.where(HAZARD)).group_by(Hazard.hazard_type)
    counts = {code: int(count) for code, count in uow.session.execute(query).all()}
    entries = dictionaries.current(uow, HAZARD_TYPE_DICTIONARY).entries
    rows = [(entry.label, counts.pop(entry.code)) for entry in entries if entry.code in counts]
    rows += list(counts.items())
    return StatTable(columns=("隐患类型", "隐患数"), rows=tuple(rows))


def rectification_rate(uow: UnitOfWork, scope: Scope) -> StatTable:
    """Per big grid and in total: hazards, rectified (已整改 or 关闭) and the rate in percent."""
    grids = _by_grid(uow, scope)
    rows = []
    for name, counter in [*grids.items(), ("合计", sum(grids.values(), Counter()))]:
        total = sum(counter.values())
        done = sum(counter[state] for state in RECTIFIED_STATES)
        rows.append((name, total, done, round(100 * done / total, 1) if total else 0.0))
    return StatTable(columns=("大网格", "隐患数", "已整改", "整改率(%)"), rows=tuple(rows))


def inspections_per_patroller(uow: UnitOfWork, scope: Scope) -> StatTable:
    """Inspections per inspector per month (grouped by day in SQL, folded into months here)."""
    rows = uow.session.execute(
        select(Inspection.inspect_date, Inspection.inspector, func.count())
        .where(scope.where(INSPECTION))
        .group_by(Inspection.inspect_date, Inspection.inspector)
    ).all()
    months: Counter[tuple[str, str]] = Counter()
    for day, inspector, count in rows:
        months[(day.strftime("%Y-%m"), inspector)] += int(count)
    return StatTable(
        columns=("月份", "检查人", "检查次数"), rows=tuple((m, who, n) for (m, who), n in sorted(months.items()))
    )


def cell_staffing(uow: UnitOfWork, scope: Scope) -> StatTable:
    """Per big grid: cells, cells with complete staffing, cells with incomplete staffing."""
    cells = uow.session.execute(
        select(FireBigGrid.grid_no, FireBigGrid.name, FireCell.id)
        .join(FireCell, FireCell.grid_id == FireBigGrid.id, isouter=True)
        .where(scope.where(GRID))
        .order_by(FireBigGrid.grid_no)
    ).all()
    posts: dict[int, list[str]] = defaultdict(list)
    active = select(CellPost.cell_id, CellPost.post).where(CellPost.end_date.is_(None), scope.where(POST))
    for cell_id, post in uow.session.execute(active).all():
        posts[cell_id].append(post)
    table: dict[tuple[str, str], list[int]] = {}
    for grid_no, name, cell_id in cells:
        line = table.setdefault((grid_no, name), [0, 0])
        if cell_id is not None:
            complete = staffing_of(posts[cell_id]).complete
            line[0 if complete else 1] += 1
    rows = tuple((name, ok + bad, ok, bad) for (_, name), (ok, bad) in table.items())
    return StatTable(columns=("大网格", "单元格数", "配备齐全", "配备不全"), rows=rows)


def declared() -> tuple[Statistic, ...]:
    return (
        Statistic(id="firesafety.hazards_by_state", title="火灾隐患按状态", compute=hazards_by_state, permission=VIEW),
        Statistic(id="firesafety.hazards_by_grid", title="火灾隐患按大网格", compute=hazards_by_grid, permission=VIEW),
        Statistic(
            id="firesafety.hazards_by_type",
            title="火灾隐患按类型",
            compute=hazards_by_type,
            charts=("bar", "pie"),
            permission=VIEW,
        ),
        Statistic(id="firesafety.rectification_rate", title="隐患整改率", compute=rectification_rate, permission=VIEW),
        Statistic(
            id="firesafety.inspections_per_patroller",
            title="巡查员每月检查次数",
            compute=inspections_per_patroller,
            permission=VIEW,
        ),
        Statistic(id="firesafety.cell_staffing", title="单元格人员配备", compute=cell_staffing, permission=VIEW),
    )
