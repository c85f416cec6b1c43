"""What the faces show: records as ``{中文标签: 值}`` through the kernel's presenter (labels, dictionary
names, masking of personal data), plus what each view adds (staffing, history, next steps).

Every function runs inside the face's unit of work and returns plain values, so that the CLI and the
web show the same thing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from gridcore.entities import entity_fields
from gridcore.services.presentation import present_value, record_view
from gridcore.services.unit import UnitOfWork, operation
from gridcore_firesafety.exports.inspection_form import FormItem, InspectionForm
from gridcore_firesafety.models import FireCell, Hazard, Inspection, ShopArchive
from gridcore_firesafety.names import (
    ARCHIVE,
    CASE,
    CASE_WORKFLOW,
    CELL,
    CHECK_ITEM_DICTIONARY,
    GRID,
    HAZARD,
    HAZARD_WORKFLOW,
    INSPECTION,
    VIEW,
)
from gridcore_firesafety.services import archives, cases, cells, common, grids, hazards, inspections, steps
from gridcore_firesafety.workflows import OPEN_HAZARD_STATES

KEY = "key"


def labelled(uow: UnitOfWork, record: Any) -> dict[str, Any]:
    """Every labelled field of any fire-safety row (registered or not), as people see it."""
    return {
        field.label: present_value(uow, field, getattr(record, field.name)) for field in entity_fields(type(record))
    }


def _history(uow: UnitOfWork, workflow_id: str, record_id: int) -> list[dict[str, Any]]:
    return [labelled(uow, step) for step in steps.history(uow, workflow_id, record_id)]


def _next(uow: UnitOfWork, workflow_id: str, state: str) -> list[str]:
    return [step.target for step in steps.workflow(uow, workflow_id).allowed(state)]


@operation(VIEW)
def grid_rows(uow: UnitOfWork) -> list[dict[str, Any]]:
    """The grid dashboard: per big grid its person, cells, incomplete cells, archives, open and overdue hazards."""
    today = common.today(uow)
    rows = []
    for grid in grids.visible_grids(uow):
        cell_list = list(uow.session.execute(select(FireCell).where(FireCell.grid_id == grid.id)).scalars())
        archive_ids = (
            select(ShopArchive.id).join(FireCell, FireCell.id == ShopArchive.cell_id).where(FireCell.grid_id == grid.id)
        )
        hazard_count = select(func.count()).select_from(Hazard).where(Hazard.archive_id.in_(archive_ids))
        view = record_view(uow, GRID, grid)
        rows.append(
            {
                "网格编号": grid.grid_no,
                "网格名称": grid.name,
                "消防监管员": view["消防监管员"],
                "单元格": len(cell_list),
                "配备不全": sum(not cells.staffing(uow, cell).complete for cell in cell_list),
                "档案": int(uow.session.execute(select(func.count()).select_from(archive_ids.subquery())).scalar_one()),
                "未整改隐患": int(
                    uow.session.execute(hazard_count.where(Hazard.state.in_(OPEN_HAZARD_STATES))).scalar_one()
                ),
                "逾期隐患": int(uow.session.execute(hazard_count.where(hazards.overdue_condition(today))).scalar_one()),
            }
        )
    return rows


@operation(VIEW)
def grid_detail(uow: UnitOfWork, key: str) -> dict[str, Any]:
    grid = grids.get(uow, key)
    view = record_view(uow, GRID, grid)
    view["任职记录"] = [labelled(uow, term) for term in grids.terms(uow, grid)]
    view["单元格"] = [cell_row(uow, cell) for cell in cells.cells_of(uow, grid.grid_no)]
    return view


def cell_row(uow: UnitOfWork, cell: FireCell) -> dict[str, Any]:
    staffing = cells.staffing(uow, cell)
    return {
        "单元格编号": cell.cell_no,
        "单元格名称": cell.name,
        "所属大网格": cell.grid_name,
        "监管员": staffing.supervisors,
        "巡查员": staffing.patrollers,
        "配备": "齐全" if staffing.complete else "不全",
    }


@operation(VIEW)
def cell_rows(uow: UnitOfWork, *, grid_key: str | None = None, incomplete: bool = False) -> list[dict[str, Any]]:
    rows = [cell_row(uow, cell) for cell in cells.cells_of(uow, grid_key)]
    return [row for row in rows if row["配备"] == "不全"] if incomplete else rows


@operation(VIEW)
def cell_detail(uow: UnitOfWork, key: str) -> dict[str, Any]:
    """A cell with its staffing status, its posts now and the whole 捆绑式管理 listing."""
    cell = cells.get(uow, key)
    view = record_view(uow, CELL, cell)
    view["人员配备"] = cells.staffing(uow, cell).label
    view["在任岗位"] = [labelled(uow, post) for post in cells.active_posts(uow, cell)]
    view["捆绑式管理"] = cells.shared_responsibility(uow, cell)
    return view


@operation(VIEW)
def archive_rows(uow: UnitOfWork, *, cell_key: str | None = None) -> list[dict[str, Any]]:
    return [record_view(uow, ARCHIVE, archive) for archive in archives.listing(uow, cell_key=cell_key)]


@operation(VIEW)
def archive_detail(uow: UnitOfWork, key: str) -> dict[str, Any]:
    """One archive (一户一档): the shop, its facilities, its inspections and its hazards."""
    archive = archives.get(uow, key)
    view = record_view(uow, ARCHIVE, archive)
    view["检查记录"] = [
        record_view(uow, INSPECTION, inspection) for inspection in inspections.listing(uow, archive_key=key)
    ]
    view["火灾隐患"] = [hazard_row(uow, hazard) for hazard in hazards.listing(uow, archive_key=key)]
    return view


def hazard_row(uow: UnitOfWork, hazard: Hazard) -> dict[str, Any]:
    view = record_view(uow, HAZARD, hazard)
    view["逾期"] = hazards.is_overdue(hazard, common.today(uow))
    return view


@operation(VIEW)
def hazard_detail(uow: UnitOfWork, key: str) -> dict[str, Any]:
    hazard = hazards.get(uow, key)
    view = hazard_row(uow, hazard)
    view["处置记录"] = _history(uow, HAZARD_WORKFLOW, hazard.id)
    view["下一步"] = _next(uow, HAZARD_WORKFLOW, hazard.state)
    return view


@operation(VIEW)
def case_detail(uow: UnitOfWork, key: str) -> dict[str, Any]:
    case = cases.get(uow, key)
    view = record_view(uow, CASE, case)
    view["按两警一停应给处分"] = case.sanction or cases.required_sanction(uow, case)
    view["处置记录"] = _history(uow, CASE_WORKFLOW, case.id)
    view["下一步"] = _next(uow, CASE_WORKFLOW, case.state)
    return view


@operation(VIEW)
def inspection_detail(uow: UnitOfWork, key: str) -> dict[str, Any]:
    inspection = inspections.get(uow, key)
    view = record_view(uow, INSPECTION, inspection)
    view["检查项目"] = [labelled(uow, item) for item in inspection.items]
    return view


@operation(VIEW)
def inspection_form(uow: UnitOfWork, key: str) -> InspectionForm:
    """The paper form's content: every item of the current checklist, marked where it was checked."""
    from gridcore.services import dictionaries

    inspection: Inspection = inspections.get(uow, key)
    archive = record_view(uow, ARCHIVE, inspections.archive_of(uow, inspection))
    shown = record_view(uow, INSPECTION, inspection)
    results = {item.item: item for item in inspection.items}
    entries = [e for e in dictionaries.current(uow, CHECK_ITEM_DICTIONARY).entries if e.enabled or e.code in results]
    items = [
        FormItem(
            number=index,
            label=entry.label,
            result=results[entry.code].result if entry.code in results else None,
            note=results[entry.code].note if entry.code in results else None,
        )
        for index, entry in enumerate(entries, start=1)
    ]
    return InspectionForm(
        header={**archive, "检查编号": inspection.inspection_no},
        items=items,
        findings=inspection.findings,
        requirement=inspection.requirement,
        inspector=str(shown["检查人"]),
        signature=shown["店主签字"],
        inspect_date=str(shown["检查日期"]),
    )
