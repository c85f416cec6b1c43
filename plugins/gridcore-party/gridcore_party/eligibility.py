"""Who may be a party member (R-P03): residents whose 政治面貌 is 党员, 预备党员 or 积极分子.

The three entries are protected in the 政治面貌 dictionary and found by their semantic tags, so a
renamed label does not change who is eligible (R-O03, domain.md §4.3).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gridcore import GridApp

POLITICAL_STATUS = "political_status"
FULL, PROBATIONARY, ACTIVIST = "CPC_FULL", "CPC_PROBATIONARY", "CPC_ACTIVIST"
SEMANTICS = (FULL, PROBATIONARY, ACTIVIST)


def eligible_codes(app: GridApp) -> dict[str, str]:
    """The 政治面貌 codes that make a resident eligible, to their semantic tag (``CPC_FULL`` ...)."""
    dictionary = app.registry.dictionaries[POLITICAL_STATUS]
    return {entry.code: entry.semantic for entry in dictionary.entries if entry.semantic in SEMANTICS}


def full_member_code(app: GridApp) -> str:
    return next(code for code, semantic in eligible_codes(app).items() if semantic == FULL)


def status_label(app: GridApp, code: str | None) -> str:
    """The declared label of a 政治面貌 code (群众, 团员 ...), or 未填写."""
    if not code:
        return "未填写"
    for entry in app.registry.dictionaries[POLITICAL_STATUS].entries:
        if entry.code == code:
            return entry.label
    return code
