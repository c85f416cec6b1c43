"""What an import did: counts, and every skipped or rejected row with its reason (R-G08)."""

from __future__ import annotations

from typing import Any

import attrs


@attrs.frozen(kw_only=True)
class RowOutcome:
    """One row that was not imported: its Excel row number, its cells as read, and why."""

    row: int
    cells: tuple[Any, ...]
    reason: str


@attrs.define(kw_only=True)
class ImportReport:
    entity: str
    path: str
    sheet: str
    header: list[str] = attrs.field(factory=list)
    total: int = 0
    imported: int = 0
    skipped: list[RowOutcome] = attrs.field(factory=list)
    rejected: list[RowOutcome] = attrs.field(factory=list)
    warnings: list[str] = attrs.field(factory=list)
    dry_run: bool = False
    valid_rows_only: bool = False
    committed: bool = False

    @property
    def summary(self) -> str:
        state = "已导入" if self.committed else ("试导入 (未写入)" if self.dry_run else "未导入 (全部回滚)")
        # nothing written: the good rows are what *could* be imported (with 只导入正确的行, or once corrected)
        good = "导入" if self.committed else "可导入"
        return (
            f"{state}: 共 {self.total} 行, {good} {self.imported} 行, 跳过重复 {len(self.skipped)} 行, "
            f"拒绝 {len(self.rejected)} 行"
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "path": self.path,
            "sheet": self.sheet,
            "total": self.total,
            "imported": self.imported,
            "skipped": len(self.skipped),
            "rejected": len(self.rejected),
            "committed": self.committed,
            "dry_run": self.dry_run,
            "problems": [
                {"row": o.row, "reason": o.reason, "kind": kind}
                for kind, outcomes in (("rejected", self.rejected), ("skipped", self.skipped))
                for o in outcomes
            ],
            "warnings": self.warnings,
        }
