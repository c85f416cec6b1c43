"""The import pipeline: stream rows, judge each, skip duplicates, insert in chunks, all in one transaction."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from gridcore.errors import GridcoreError
from gridcore.exchange import open_records
from gridcore.services import audit
from gridcore.services.imports.base import Accepted, EntityImporter, ImportOptions, Key
from gridcore.services.imports.report import ImportReport, RowOutcome
from gridcore.services.query import entity as find_entity
from gridcore.services.unit import UnitOfWork, operation

CHUNK = 2000
Progress = Callable[[int], None]


class ImportAbandoned(Exception):  # noqa: N818 - it carries the report of an import that wrote nothing
    """Raised to roll the import back (a rejected row in all-or-nothing mode, or a dry run)."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__(report.summary)
        self.report = report


def _importer(uow: UnitOfWork, entity_id: str, options: ImportOptions) -> EntityImporter:
    entity = find_entity(uow, entity_id)
    factory: Any = entity.importer or EntityImporter
    importer: EntityImporter = factory(uow, entity, options)
    return importer


def compact_key(key: Key) -> str:
    """A duplicate key as one string: a 100,000-row file keeps 100,000 of them, so the smaller the better."""
    return repr(key)  # the tuple's repr: one C call, and two keys with equal reprs are equal


@operation("{entity}.edit")
def import_file(
    uow: UnitOfWork,
    entity_id: str,
    path: str | os.PathLike[str],
    *,
    compound: str | None = None,
    valid_rows_only: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    engine: str | None = None,
) -> ImportReport:
    """Import a workbook into ``entity_id``; raises :class:`ImportAbandoned` when nothing may be kept."""
    importer = _importer(uow, entity_id, ImportOptions(compound=compound))
    importer.prepare()
    entity = importer.entity
    report = ImportReport(
        entity=entity_id, path=str(path), sheet=entity.sheet, dry_run=dry_run, valid_rows_only=valid_rows_only
    )
    seen: dict[str, int] = {}  # every key of the file so far (compact_key), with the row it came from
    pending: list[Accepted] = []

    def flush() -> None:
        keys = [row.key for row in pending if row.key is not None]
        existing = importer.existing(keys) if keys else set()
        fresh = []
        for row in pending:
            if row.key is not None and row.key in existing:
                report.skipped.append(RowOutcome(row=row.row, cells=row.cells, reason="重复: 数据库中已有该记录"))
            else:
                fresh.append(row)
        importer.insert(fresh)
        report.imported += len(fresh)
        pending.clear()

    with open_records(Path(path), entity, engine=engine) as records:  # type: ignore[arg-type]
        report.header = list(records.header)
        for record in records:
            report.total += 1
            if progress is not None and report.total % 500 == 0:
                progress(report.total)
            if record.problems:
                report.rejected.append(RowOutcome(row=record.row, cells=record.cells, reason=record.reason))
                continue
            try:
                built = importer.build(record.values)
                key = importer.key(record.values, built)
            except GridcoreError as error:
                report.rejected.append(RowOutcome(row=record.row, cells=record.cells, reason=str(error)))
                continue
            compact = compact_key(key) if key is not None else None
            if compact is not None and compact in seen:
                reason = f"重复: 与第 {seen[compact]} 行相同"
                report.skipped.append(RowOutcome(row=record.row, cells=record.cells, reason=reason))
                continue
            if compact is not None:
                seen[compact] = record.row
            report.warnings.extend(f"第 {record.row} 行: {w}" for w in importer.warnings(built))
            pending.append(Accepted(row=record.row, cells=record.cells, record=built, key=key))
            if len(pending) >= CHUNK:
                flush()
        flush()
    if progress is not None:
        progress(report.total)
    if dry_run or (report.rejected and not valid_rows_only):
        raise ImportAbandoned(report)
    audit.record(
        uow,
        "import",
        entity=entity_id,
        object_key=str(path),
        detail={"rows": report.total, "imported": report.imported, "skipped": len(report.skipped)},
    )
    report.committed = True
    return report
