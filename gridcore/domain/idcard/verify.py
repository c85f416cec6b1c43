"""暂住人员身份验证 (R-R03): check a temporary resident's ID number against what was recorded.

Offline only (no external service is ever called): the number's format, check character, birth
date and address code, then whether the recorded 姓名 looks like a name and whether the recorded
性别 and 出生日期 agree with the number. Every check is reported, pass or fail.
"""

from __future__ import annotations

import unicodedata
from datetime import date

import attrs

from gridcore.domain.idcard import rules
from gridcore.domain.idcard.division_table import LAST_DATA_YEAR
from gridcore.domain.idcard.divisions import likely_issue_year, resolve_division

CHECK_NAME = "姓名"
CHECK_SEX = "性别"
CHECK_SAME_BIRTH = "出生日期一致"
NAME_MIN, NAME_MAX = 2, 30
_NAME_DOTS = frozenset("·•・")
_SEX_CODES = {"男": "1", "男性": "1", "1": "1", "女": "2", "女性": "2", "2": "2"}
_SEX_NAMES = {"1": "男", "2": "女"}
_MALFORMED = "号码格式错误,无法核对 (not checked: malformed number)"


@attrs.frozen(kw_only=True)
class Check:
    """One line of a verification report."""

    name: str
    passed: bool
    message: str


def verify_person(id_text: str, *, name: str, sex: str | None, birth_date: date | None, on: date) -> list[Check]:
    """Run every check for one person; ``on`` is the verification date (bounds the birth date)."""
    number = rules.normalise_id(id_text)
    problem = rules.format_problem(number)
    checks = [Check(name=rules.CHECK_FORMAT, passed=problem is None, message=problem or _format_ok(number))]
    if problem is None:
        checks += _number_checks(number, on)
    else:
        checks += [
            Check(name=n, passed=False, message=_MALFORMED)
            for n in (rules.CHECK_DIGIT, rules.CHECK_BIRTH, rules.CHECK_DIVISION)
        ]
    checks.append(_name_check(name))
    number18 = rules.to_number18(number) if problem is None else None
    checks.append(_sex_check(number18, sex))
    checks.append(_birth_match_check(number18, birth_date))
    return checks


def _format_ok(number: str) -> str:
    if len(number) == 15:
        return "15 位旧号码,已按 GB 11643-1999 升级为 18 位 (legacy number upgraded)"
    return "18 位,格式正确 (well-formed)"


def _number_checks(number: str, on: date) -> list[Check]:
    digit_problem = rules.check_digit_problem(number)
    digit_ok = "15 位旧号码没有校验码 (no check digit)" if len(number) == 15 else "校验码正确 (check digit ok)"
    birth_problem = rules.birth_problem(number, on)
    number18 = rules.to_number18(number)
    born = rules.birth_date_of(number18)
    year = likely_issue_year(born) if born is not None else LAST_DATA_YEAR
    division = resolve_division(number18[:6], year)
    return [
        Check(name=rules.CHECK_DIGIT, passed=digit_problem is None, message=digit_problem or digit_ok),
        Check(
            name=rules.CHECK_BIRTH,
            passed=birth_problem is None,
            message=birth_problem or "出生日期有效 (valid birth date)",
        ),
        Check(
            name=rules.CHECK_DIVISION,
            passed=division is not None,
            message=(
                f"地址码 {number18[:6]}:{division.full_name}"
                if division is not None
                else rules.division_problem(number18)
            ),
        ),
    ]


def _name_check(name: str) -> Check:
    text = unicodedata.normalize("NFKC", name).strip()
    if not text:
        return Check(name=CHECK_NAME, passed=False, message="未登记姓名 (name missing)")
    if not NAME_MIN <= len(text) <= NAME_MAX:
        return Check(
            name=CHECK_NAME,
            passed=False,
            message=f"姓名应为 {NAME_MIN}-{NAME_MAX} 个字,登记了 {len(text)} 个 (name length)",
        )
    bad = sorted({ch for ch in text if not _name_char(ch)})
    if bad or text[0] in _NAME_DOTS or text[-1] in _NAME_DOTS:
        shown = "、".join(ch if ch.isprintable() else repr(ch) for ch in bad) or "·"
        return Check(name=CHECK_NAME, passed=False, message=f"姓名含不应有的字符:{shown} (invalid characters)")
    return Check(
        name=CHECK_NAME,
        passed=True,
        message="姓名格式正确;号码不含姓名,须与证件人工核对 (format only)",
    )


def _name_char(ch: str) -> bool:
    category = unicodedata.category(ch)
    return category.startswith("L") or category == "Co" or ch in _NAME_DOTS or ch == " "


def _sex_check(number18: str | None, sex: str | None) -> Check:
    if number18 is None:
        return Check(name=CHECK_SEX, passed=False, message=_MALFORMED)
    recorded = _SEX_CODES.get(unicodedata.normalize("NFKC", sex).strip()) if sex is not None else None
    if recorded is None:
        return Check(name=CHECK_SEX, passed=False, message="未登记男或女,无法核对 (sex not recorded)")
    from_number = rules.sex_code_of(number18)
    if recorded != from_number:
        return Check(
            name=CHECK_SEX,
            passed=False,
            message=f"登记为{_SEX_NAMES[recorded]},号码为{_SEX_NAMES[from_number]} (sex mismatch)",
        )
    return Check(name=CHECK_SEX, passed=True, message=f"与号码一致:{_SEX_NAMES[recorded]} (sex matches)")


def _birth_match_check(number18: str | None, birth_date: date | None) -> Check:
    if number18 is None:
        return Check(name=CHECK_SAME_BIRTH, passed=False, message=_MALFORMED)
    from_number = rules.birth_date_of(number18)
    if from_number is None:
        return Check(
            name=CHECK_SAME_BIRTH,
            passed=False,
            message="号码中的出生日期无效,无法核对 (not checked: invalid birth date)",
        )
    if birth_date is None:
        return Check(name=CHECK_SAME_BIRTH, passed=False, message="未登记出生日期 (birth date not recorded)")
    if birth_date != from_number:
        return Check(
            name=CHECK_SAME_BIRTH,
            passed=False,
            message="登记的出生日期与号码中的不一致 (birth date mismatch)",
        )
    return Check(name=CHECK_SAME_BIRTH, passed=True, message="与号码一致 (birth date matches)")
