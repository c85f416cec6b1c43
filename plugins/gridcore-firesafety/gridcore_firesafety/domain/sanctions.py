"""两警一停 (R-X08): after two warnings without effect, the next sanction must be 停工."""

from __future__ import annotations

from collections.abc import Sequence

from gridcore.errors import ValidationError
from gridcore_firesafety.workflows import SANCTIONS, STOP_WORK, WARNING


def warnings_in_force(issued: Sequence[str]) -> int:
    """Warnings issued since the last 停工 (``issued`` is the person's earlier sanctions, oldest first)."""
    count = 0
    for sanction in issued:
        count = 0 if sanction == STOP_WORK else count + (sanction == WARNING)
    return count


def due_sanction(issued: Sequence[str], *, limit: int = 2) -> str:
    """The sanction this case calls for: 停工 once ``limit`` warnings had no effect, else 警告."""
    return STOP_WORK if warnings_in_force(issued) >= limit else WARNING


def check_sanction(chosen: str, issued: Sequence[str], *, person: str, limit: int = 2) -> str:
    """``chosen`` if the rule allows it; a 警告 after ``limit`` ineffective warnings is refused."""
    if chosen not in SANCTIONS:
        raise ValidationError(f"处分「{chosen}」应为 警告 或 停工", field="处分", value=chosen)
    if chosen == WARNING and due_sanction(issued, limit=limit) == STOP_WORK:
        raise ValidationError(
            f"「{person}」已有 {warnings_in_force(issued)} 次警告无效, 按两警一停本次处分必须为停工",
            field="处分",
            value=chosen,
        )
    return chosen
