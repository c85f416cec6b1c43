"""The region a statistic counts over: every registered entity limited to one subtree, or to nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs
from sqlalchemy import ColumnElement, true

from gridcore.query.build import region_sql

if TYPE_CHECKING:
    from gridcore.contributions import Entity


@attrs.frozen(kw_only=True)
class Scope:
    """``region_ids`` is the subtree (``None`` for the whole database); ``entities`` the registry."""

    region_ids: frozenset[int] | None
    entities: Any

    def entity(self, entity_id: str) -> Entity:
        found: Entity = self.entities[entity_id]
        return found

    def where(self, entity_id: str) -> ColumnElement[bool]:
        """A condition limiting ``entity_id``'s records to the scope (always true for the whole database)."""
        if self.region_ids is None:
            return true()
        return region_sql(self.entity(entity_id), self.region_ids)
