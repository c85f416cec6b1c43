"""Columns every fire-safety table shares."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ForeignKey, Integer
from sqlalchemy.orm import MappedColumn, mapped_column


def community_column() -> MappedColumn[Any]:
    """The community (社区, a core region) the record belongs to: copied from its big grid, indexed."""
    return mapped_column(Integer, ForeignKey("core_region.id", ondelete="RESTRICT"), nullable=False, index=True)


def parent_column(table: str, *, cascade: bool = False) -> MappedColumn[Any]:
    """A required reference to ``table`` (indexed); ``cascade`` deletes the row with its parent."""
    return mapped_column(
        Integer, ForeignKey(f"{table}.id", ondelete="CASCADE" if cascade else "RESTRICT"), nullable=False, index=True
    )
