"""数据导入 (R-G01 to R-G08): upload a workbook, preview its first rows, check or run the import, download
the error workbook (the rows that were not imported, each with its reason).

The import itself is the kernel's (:func:`gridcore.services.imports.import_file`): all or nothing by
default, or only the valid rows, always in one transaction; duplicates are skipped and counted.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, request, send_file, url_for
from werkzeug.wrappers import Response

from gridcore import Entity
from gridcore.entities import EntityField
from gridcore.errors import GridcoreError
from gridcore.exchange import open_records, write_error_workbook
from gridcore.security.masking import mask_value
from gridcore.services import regions
from gridcore.services.imports import ImportAbandoned, ImportReport, import_file
from gridcore_web.context import current_actor, grid_app, reading, render_page, uploads, writing
from gridcore_web.listing import masked_for
from gridcore_web.pages import LOGGED_IN, requires

blueprint = Blueprint("imports", __name__, url_prefix="/import")

EDIT = "{entity}.edit"
SUFFIXES = (".xlsx", ".xls", ".csv")
PREVIEW_ROWS = 10
SHOWN_PROBLEMS = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _entity(entity_id: str) -> Entity:
    found = grid_app().registry.entities.get(entity_id)
    if found is None:
        abort(404)
    return found


def _session() -> int:
    return int(current_actor().session_id or 0)


def _compounds() -> list[tuple[str, str]]:
    with reading() as uow:
        bottom = regions.household_level(uow)
        found: list[tuple[str, str]] = []

        def walk(nodes: Any, community: str) -> None:
            for node in nodes:
                if node.level == regions.levels(uow)[bottom]:
                    found.append((node.code, f"{community}{node.name}"))
                walk(node.children, f"{node.name} / " if node.level != regions.levels(uow)[0] else "")

        walk(regions.tree(uow), "")
    return found


@requires(LOGGED_IN)
@blueprint.get("/")
def index() -> str:
    """The registers this operator may import into."""
    actor = current_actor()
    entities = [e for e in grid_app().registry.entities.values() if actor.can(f"{e.id}.edit")]
    return render_page("web/import_index.html", title="数据导入", entities=entities)


def _page(target: Entity, **context: Any) -> str:
    return render_page(
        "web/import.html",
        title=f"导入{target.title}",
        entity=target,
        compounds=_compounds() if target.id == "household" else [],
        **context,
    )


@requires(EDIT)
@blueprint.get("/<entity>")
def start(entity: str) -> str:
    return _page(_entity(entity))


def _masked_cell(field: EntityField | None, value: Any) -> Any:
    if field is None or value in (None, "") or not masked_for(current_actor(), grid_app().policy, field):
        return value
    return mask_value(field.info.mask, str(value), id_keep=grid_app().policy.id_mask_keep)


@requires(EDIT)
@blueprint.post("/<entity>/upload")
def upload(entity: str) -> Any:
    """Keep the file and show its header and first rows, as read by the import itself."""
    target = _entity(entity)
    try:
        kept = uploads().save(request.files.get("file"), session=_session(), suffixes=SUFFIXES)
        with open_records(kept.path, target) as records:
            header = list(records.header)
            by_index = {column.index: column.field for column in records.columns.columns}
            rows = []
            for record in records:
                rows.append(
                    (record.row, [_masked_cell(by_index.get(i), value) for i, value in enumerate(record.cells)])
                )
                if len(rows) >= PREVIEW_ROWS:
                    break
            matched = [column.field.label for column in records.columns.columns]
    except GridcoreError as failure:
        return _page(target, error=str(failure)), 422
    return _page(
        target, upload=kept, header=header, rows=rows, matched=matched, compound=request.form.get("compound", "")
    )


def _error_workbook(report: ImportReport, path: Any) -> int:
    problems = sorted([*report.rejected, *report.skipped], key=lambda outcome: outcome.row)
    return write_error_workbook(
        path, sheet=report.sheet or "错误", header=report.header, rows=((o.row, o.cells, o.reason) for o in problems)
    )


@requires(EDIT)
@blueprint.post("/<entity>/run")
def run(entity: str) -> Any:
    """试导入 (检查, nothing written) or 导入; the report, and the error workbook when rows were refused."""
    target = _entity(entity)
    kept = uploads().get(request.form.get("upload", ""), session=_session())
    dry_run = request.form.get("action") == "check"
    valid_only = request.form.get("valid_rows_only") == "1"
    compound = request.form.get("compound") or None
    try:
        with writing() as uow:
            report = import_file(
                uow, target.id, kept.path, compound=compound, valid_rows_only=valid_only, dry_run=dry_run
            )
    except ImportAbandoned as abandoned:
        report = abandoned.report
    except GridcoreError as failure:
        return _page(target, upload=kept, error=str(failure), compound=compound or ""), 422
    has_errors = bool(report.rejected or report.skipped)
    if has_errors:
        _error_workbook(report, kept.sibling("-errors.xlsx"))
    problems = sorted([*report.rejected, *report.skipped], key=lambda outcome: outcome.row)
    page = _page(
        target,
        upload=kept,
        report=report,
        problems=problems[:SHOWN_PROBLEMS],
        more=max(len(problems) - SHOWN_PROBLEMS, 0),
        errors_url=url_for(".errors", entity=target.id, upload_id=kept.id) if has_errors else None,
        compound=compound or "",
        dry_run=dry_run,
    )
    return (page, 422) if report.rejected and not report.committed else page


@requires(EDIT)
@blueprint.get("/<entity>/errors/<upload_id>")
def errors(entity: str, upload_id: str) -> Response:
    """The error workbook of an import: the refused and skipped rows with a 错误原因 column."""
    target = _entity(entity)
    kept = uploads().get(upload_id, session=_session())
    path = kept.sibling("-errors.xlsx")
    if not path.exists():
        abort(404)
    stem = kept.name.rsplit(".", 1)[0]
    return send_file(path, as_attachment=True, download_name=f"{stem}-错误{target.title}.xlsx", mimetype=XLSX)
