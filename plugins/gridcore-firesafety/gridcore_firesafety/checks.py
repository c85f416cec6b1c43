"""The ``Entity.check`` of the fire-safety registers, run by the kernel's generic add, edit and import.

Fire-safety records are made by the plugin's services (numbers, the community, the workflow states and
the staffing rules come from there); a generic write of a record the services did not make is refused
with the command to use.
"""

from __future__ import annotations

from typing import Any

from gridcore.errors import ValidationError

COMMANDS = {
    "firesafety_grid": "gridcore fire grid add",
    "firesafety_cell": "gridcore fire cell add",
    "firesafety_post": "gridcore fire cell assign",
    "firesafety_bundle": "gridcore fire cell duty",
    "firesafety_archive": "gridcore fire archive open",
    "firesafety_inspection": "gridcore fire inspect add",
    "firesafety_hazard": "gridcore fire hazard add",
    "firesafety_spot_check": "gridcore fire case spot-check",
    "firesafety_case": "gridcore fire case spot-check",
    "firesafety_report": "gridcore fire report submit",
    "firesafety_briefing": "gridcore fire briefing make",
    "firesafety_publicity": "gridcore fire publicity add",
    "firesafety_letter": "gridcore fire letter add",
    "firesafety_reward": "gridcore fire reward add",
}


def made_by_services(uow: Any, record: Any) -> None:
    """Refuse a record that no fire-safety service made (it has no community)."""
    if getattr(record, "community_id", None) is None:
        command = COMMANDS.get(getattr(record, "__tablename__", ""), "gridcore fire")
        raise ValidationError(f"消防安全网格的记录请用 {command} 录入 (编号、社区与规则由该命令处理)")
