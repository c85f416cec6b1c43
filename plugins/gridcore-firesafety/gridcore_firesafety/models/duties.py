"""Publicity days, responsibility letters and rewards and penalties [P4 四.3; 四.5]."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from gridcore import Base
from gridcore.entities import Sensitivity, field
from gridcore_firesafety.models.columns import community_column
from gridcore_firesafety.names import LETTER_LEVEL_DICTIONARY, REWARD_KIND_DICTIONARY


class Publicity(Base):
    """The month's fire-safety publicity day (消防安全宣传日): one working day per month."""

    __tablename__ = "firesafety_publicity"
    __table_args__ = (UniqueConstraint("community_id", "month"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[str] = field("月份", String(7), required=True)
    day: Mapped[dt.date] = field("宣传日期", Date, required=True)
    forms: Mapped[str] = field("宣传形式", String(200), required=True)
    audience: Mapped[str | None] = field("宣传对象", String(100))
    note: Mapped[str | None] = field("备注", Text)
    community_id: Mapped[int] = community_column()


class ResponsibilityLetter(Base):
    """A 消防工作责任书 signed between a unit and the level above it (层层签订)."""

    __tablename__ = "firesafety_letter"
    __table_args__ = (UniqueConstraint("community_id", "year", "signer"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = field("年度", Integer, required=True)
    level: Mapped[str] = field("层级", String(10), required=True, dictionary=LETTER_LEVEL_DICTIONARY)
    signer: Mapped[str] = field("签订单位", String(100), required=True)
    counterpart: Mapped[str] = field("上级单位", String(100), required=True)
    signed_date: Mapped[dt.date] = field("签订日期", Date, required=True)
    community_id: Mapped[int] = community_column()


class RewardPenalty(Base):
    """A reward or a penalty of a person or a unit (奖惩记录) [P4 四.5]."""

    __tablename__ = "firesafety_reward"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_date: Mapped[dt.date] = field("日期", Date, required=True)
    year: Mapped[int] = field("年度", Integer, required=True, index=True)
    subject_kind: Mapped[str] = field("对象类别", String(4), required=True)
    subject: Mapped[str] = field("对象", String(100), required=True, sensitivity=Sensitivity.PI, index=True)
    kind: Mapped[str] = field("奖惩类别", String(10), required=True, dictionary=REWARD_KIND_DICTIONARY)
    reason: Mapped[str] = field("事由", Text, required=True)
    community_id: Mapped[int] = community_column()
