"""Which fire-safety records the operator may see: the community subtree of their scope (C3)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement

from gridcore.errors import NotFoundError
from gridcore.services import scope
from gridcore.services.unit import UnitOfWork
from gridcore.stats.scope import Scope


def where(uow: UnitOfWork, entity_id: str) -> ColumnElement[bool]:
    """A condition keeping ``entity_id``'s records inside the operator's scope (true without a scope)."""
    return Scope(region_ids=scope.region_ids(uow), entities=uow.app.registry.entities).where(entity_id)


def require(uow: UnitOfWork, entity_id: str, record: Any, missing: str) -> Any:
    """``record`` if it exists and lies in the operator's scope; otherwise "not found" with ``missing``."""
    if record is None:
        raise NotFoundError(missing)
    scope.require_visible(uow, entity_id, record, missing)
    return record
