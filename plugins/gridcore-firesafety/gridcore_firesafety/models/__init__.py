"""The tables of the fire-safety grid; every one carries ``community_id``, the community it belongs to,
which bounds what an operator bound to a region sees (C3)."""

from __future__ import annotations

from gridcore_firesafety.models.archive import Inspection, InspectionItem, ShopArchive
from gridcore_firesafety.models.cases import DisciplineCase, SpotCheck
from gridcore_firesafety.models.duties import Publicity, ResponsibilityLetter, RewardPenalty
from gridcore_firesafety.models.grid import CellBundle, CellPost, FireBigGrid, FireCell, GridTerm
from gridcore_firesafety.models.hazard import Hazard, WorkflowStep
from gridcore_firesafety.models.reporting import Briefing, MonthlyReport

__all__ = [
    "Briefing",
    "CellBundle",
    "CellPost",
    "DisciplineCase",
    "FireBigGrid",
    "FireCell",
    "GridTerm",
    "Hazard",
    "Inspection",
    "InspectionItem",
    "MonthlyReport",
    "Publicity",
    "ResponsibilityLetter",
    "RewardPenalty",
    "ShopArchive",
    "SpotCheck",
    "WorkflowStep",
]
