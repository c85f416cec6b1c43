"""Rules of a resident record that need no database: what an ID number fills in, and birth-date checks.

Shared by the single add (``gridcore.services.residents``) and the bulk import, so a row is judged the
same way whichever way it comes in. ``record`` is anything with the resident's attributes (a model
instance, or a plain namespace during an import).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from gridcore.domain.idcard import IdInfo
from gridcore.errors import ValidationError


def fill_from_id(record: Any, info: IdInfo, *, sex_code: str, sex_label: str | None) -> list[str]:
    """Fill a blank 出生日期, 性别, 籍贯 and 出生地 from the ID; return warnings for given values it contradicts.

    ``sex_code`` is the dictionary code of the ID's sex; ``sex_label`` the label of the recorded sex
    (for the warning).
    """
    record.id_number = info.number18
    place = info.division.full_name if info.division is not None else None
    derived = {"birth_date": info.birth_date, "sex": sex_code, "native_place": place, "birth_place": place}
    warnings = []
    for name, value in derived.items():
        current = getattr(record, name, None)
        if current in (None, ""):
            setattr(record, name, value)
        elif name == "birth_date" and current != value:
            warnings.append(f"「出生日期」{current} 与身份证号不一致 (身份证号显示 {info.birth_date}),请核对")
        elif name == "sex" and current != value:
            warnings.append(f"「性别」{sex_label or current} 与身份证号不一致 (身份证号显示 {info.sex}),请核对")
    return warnings


def check_birth_date(record: Any, today: dt.date) -> None:
    """A birth date must not be in the future; keep the stored birth year (for statistics) in step."""
    birth = getattr(record, "birth_date", None)
    if birth is not None and birth > today:
        raise ValidationError(f"「出生日期」{birth} 在今天之后,请改正", field="出生日期", value=birth)
    record.birth_year = birth.year if birth is not None else None
