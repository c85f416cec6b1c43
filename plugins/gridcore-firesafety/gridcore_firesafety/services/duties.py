"""Publicity days, responsibility letters, rewards and penalties (R-X09, R-X10).

- One fire-safety publicity day per month, on a working day (每月确定一个工作日) [P4 四.3].
- Responsibility letters are signed level by level (层层签订): a letter below the community level needs
  the level above to have signed its own letter that year [P4 四.5].
- Rewards and penalties per person or unit: 通报表彰, 评先评奖; 取消评先并扣发奖金 (no 评先 that year
  afterwards); 停工并追责 after a 较大以上 fire, for persons [P4 四.5].
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from gridcore.errors import ConflictError, ValidationError
from gridcore.services import dictionaries
from gridcore.services.unit import UnitOfWork, operation
from gridcore_firesafety.domain.calendar import SATURDAY, month_label, month_of
from gridcore_firesafety.models import Publicity, ResponsibilityLetter, RewardPenalty
from gridcore_firesafety.names import (
    LETTER,
    LETTER_LEVEL_DICTIONARY,
    MERIT_AWARD,
    MERIT_REVOKED,
    OFFICE,
    PUBLICITY,
    PUBLICITY_FORM_DICTIONARY,
    REWARD,
    REWARD_KIND_DICTIONARY,
    STOP_WORK_PENALTY,
    VIEW,
)
from gridcore_firesafety.services import common, visibility

SUBJECT_KINDS = ("个人", "单位")


@operation(OFFICE)
def add_publicity(
    uow: UnitOfWork,
    *,
    day: object,
    forms: Sequence[str],
    audience: str | None = None,
    note: str | None = None,
    community_code: str | None = None,
) -> Publicity:
    """The month's publicity day: a working day, once a month, with its forms (标语, 一封信, 消防车广播)."""
    community = common.community_or_only(uow, community_code)
    when = common.any_date(day, "宣传日期")
    if when.weekday() >= SATURDAY:
        raise ValidationError(f"宣传日 {when} 是周末: 消防安全宣传日应为工作日", field="宣传日期", value=str(when))
    if not forms:
        raise ValidationError("请写明宣传形式, 例如 --form 消防车广播", field="宣传形式")
    labels = [
        dictionaries.label_of(
            uow, PUBLICITY_FORM_DICTIONARY, dictionaries.to_code(uow, PUBLICITY_FORM_DICTIONARY, form, field="宣传形式")
        )
        for form in forms
    ]
    month = month_of(when)
    taken = uow.session.execute(
        select(Publicity.day).where(Publicity.community_id == community.id, Publicity.month == month)
    ).scalar_one_or_none()
    if taken is not None:
        raise ConflictError(f"{month} 已定 {taken} 为消防安全宣传日 (每月一天)")
    record = Publicity(
        month=month,
        day=when,
        forms="、".join(dict.fromkeys(labels)),
        audience=common.optional_text(audience),
        note=common.optional_text(note),
        community_id=community.id,
    )
    uow.write(PUBLICITY, "create", record, key=month)
    return record


@operation(VIEW)
def months_without_publicity(uow: UnitOfWork, *, year: int, community_code: str | None = None) -> list[str]:
    """The months of ``year`` up to this month that have no publicity day."""
    community = common.community_or_only(uow, community_code)
    today = common.today(uow)
    last = 12 if year < today.year else (today.month if year == today.year else 0)
    held = set(uow.session.execute(select(Publicity.month).where(Publicity.community_id == community.id)).scalars())
    return [month_label(year, m) for m in range(1, last + 1) if month_label(year, m) not in held]


@operation(OFFICE)
def add_letter(
    uow: UnitOfWork,
    *,
    year: int,
    level: str,
    signer: str,
    counterpart: str,
    day: object = None,
    community_code: str | None = None,
) -> ResponsibilityLetter:
    """A responsibility letter; below the first level the counterpart must have signed its own that year."""
    community = common.community_or_only(uow, community_code)
    code = dictionaries.to_code(uow, LETTER_LEVEL_DICTIONARY, common.required_text(level, "层级"), field="层级")
    signer = common.required_text(signer, "签订单位", limit=100)
    counterpart = common.required_text(counterpart, "上级单位", limit=100)
    when = common.given_date(uow, day, "签订日期")
    if when.year != year:
        raise ValidationError(f"签订日期 {when} 不在 {year} 年度", field="签订日期", value=str(when))
    letters = select(ResponsibilityLetter).where(
        ResponsibilityLetter.community_id == community.id, ResponsibilityLetter.year == year
    )
    if uow.session.execute(letters.where(ResponsibilityLetter.signer == signer)).first() is not None:
        raise ConflictError(f"{signer} 已签订 {year} 年度消防工作责任书")
    levels = [entry.code for entry in dictionaries.current(uow, LETTER_LEVEL_DICTIONARY).entries]
    position = levels.index(code)
    if position > 0:
        above = uow.session.execute(
            letters.where(
                ResponsibilityLetter.signer == counterpart, ResponsibilityLetter.level == levels[position - 1]
            )
        ).scalar_one_or_none()
        if above is None:
            upper = dictionaries.label_of(uow, LETTER_LEVEL_DICTIONARY, levels[position - 1])
            raise ValidationError(
                f"层层签订: {counterpart} 还没有签订 {year} 年度{upper}层级的责任书, 请先签上一级",
                field="上级单位",
                value=counterpart,
            )
    letter = ResponsibilityLetter(
        year=year, level=code, signer=signer, counterpart=counterpart, signed_date=when, community_id=community.id
    )
    uow.write(LETTER, "create", letter, key=signer)
    return letter


@operation(OFFICE)
def add_reward(
    uow: UnitOfWork,
    *,
    subject: str,
    subject_kind: str,
    kind: str,
    reason: str,
    day: object = None,
    community_code: str | None = None,
) -> RewardPenalty:
    """A reward or penalty of a person or a unit."""
    community = common.community_or_only(uow, community_code)
    subject = common.required_text(subject, "对象", limit=100)
    if subject_kind not in SUBJECT_KINDS:
        raise ValidationError(f"对象类别「{subject_kind}」应为 个人 或 单位", field="对象类别", value=subject_kind)
    code = dictionaries.to_code(uow, REWARD_KIND_DICTIONARY, common.required_text(kind, "奖惩类别"), field="奖惩类别")
    when = common.given_date(uow, day, "日期")
    earlier = set(
        uow.session.execute(
            select(RewardPenalty.kind).where(
                RewardPenalty.community_id == community.id,
                RewardPenalty.subject == subject,
                RewardPenalty.year == when.year,
            )
        ).scalars()
    )
    if code == MERIT_AWARD and MERIT_REVOKED in earlier:
        raise ValidationError(f"{subject} 已被取消 {when.year} 年评先资格, 不能评先评奖", field="奖惩类别", value=kind)
    if code == MERIT_REVOKED and MERIT_AWARD in earlier:
        uow.warn(f"{subject} 本年已评先评奖, 取消评先后该评先随之作废")
    if code == STOP_WORK_PENALTY and subject_kind != "个人":
        raise ValidationError("停工并追责针对相关人员 (对象类别为个人)", field="对象类别", value=subject_kind)
    record = RewardPenalty(
        record_date=when,
        year=when.year,
        subject_kind=subject_kind,
        subject=subject,
        kind=code,
        reason=common.required_text(reason, "事由"),
        community_id=community.id,
    )
    uow.write(REWARD, "create", record, key=subject)
    return record


@operation(VIEW)
def rewards(uow: UnitOfWork, *, subject: str | None = None, year: int | None = None) -> list[RewardPenalty]:
    query = (
        select(RewardPenalty).where(visibility.where(uow, REWARD)).order_by(RewardPenalty.record_date, RewardPenalty.id)
    )
    if subject:
        query = query.where(RewardPenalty.subject == subject.strip())
    if year:
        query = query.where(RewardPenalty.year == year)
    return list(uow.session.execute(query).scalars())


@operation(VIEW)
def letters(uow: UnitOfWork, *, year: int | None = None) -> list[ResponsibilityLetter]:
    query = (
        select(ResponsibilityLetter)
        .where(visibility.where(uow, LETTER))
        .order_by(ResponsibilityLetter.year, ResponsibilityLetter.level, ResponsibilityLetter.signer)
    )
    if year:
        query = query.where(ResponsibilityLetter.year == year)
    return list(uow.session.execute(query).scalars())
