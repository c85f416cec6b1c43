"""Validate a resident ID number (GB 11643-1999) and read what it says.

:func:`check_id` never raises and reports the first failed check; :func:`parse_id` raises
:class:`gridcore.errors.ValidationError` instead. Checks run in this order: format (length and
characters), check character, birth date, address code. A legacy 15-digit number is upgraded to 18.
"""

from __future__ import annotations

from datetime import date
from typing import cast

from gridcore.domain.idcard import rules
from gridcore.domain.idcard.divisions import likely_issue_year
from gridcore.domain.idcard.model import IdCheck, IdInfo, Sex, SexCode
from gridcore.errors import ValidationError

SEX_NAMES: dict[SexCode, Sex] = {"1": "男", "2": "女"}


def check_id(text: str, *, today: date | None = None) -> IdCheck:
    """Check ``text`` as an ID number; ``today`` (default: the system date) bounds the birth date."""
    if isinstance(text, int) and not isinstance(text, bool):
        text = str(text)
    if not isinstance(text, str):
        return _fail(rules.CHECK_FORMAT, f"身份证号应为文本,收到 {type(text).__name__} (not a string)")
    number = rules.normalise_id(text)
    problem = rules.format_problem(number)
    if problem:
        return _fail(rules.CHECK_FORMAT, problem)
    problem = rules.check_digit_problem(number)
    if problem:
        return _fail(rules.CHECK_DIGIT, problem)
    problem = rules.birth_problem(number, today or date.today())
    if problem:
        return _fail(rules.CHECK_BIRTH, problem)
    number18 = rules.to_number18(number)
    born = rules.birth_date_of(number18)
    assert born is not None  # birth_problem() returned None
    division = rules.division_of(number18, born)
    if division is None:
        return _fail(rules.CHECK_DIVISION, rules.division_problem(number18))
    sex_code = cast(SexCode, rules.sex_code_of(number18))
    info = IdInfo(
        number18=number18,
        legacy15=number if len(number) == 15 else None,
        birth_date=born,
        sex=SEX_NAMES[sex_code],
        sex_code=sex_code,
        division=division,
        issue_year=likely_issue_year(born),
    )
    return IdCheck(valid=True, info=info)


def parse_id(text: str, *, today: date | None = None) -> IdInfo:
    """Parse ``text`` as an ID number, or raise ``ValidationError(field="身份证号", value=text)``."""
    result = check_id(text, today=today)
    if result.info is None:
        raise ValidationError(result.reason or "身份证号无效 (invalid ID number)", field=rules.FIELD, value=text)
    return result.info


def _fail(check: str, reason: str) -> IdCheck:
    return IdCheck(valid=False, reason=reason, failed_check=check)
