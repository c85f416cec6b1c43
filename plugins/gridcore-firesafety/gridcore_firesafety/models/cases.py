"""安全办 spot checks (抽查) and the 两警一停 cases they open [P4 四.1-2]."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from gridcore import Base
from gridcore.entities import Sensitivity, field
from gridcore_firesafety.models.columns import community_column, parent_column
from gridcore_firesafety.names import SPOT_FINDING_DICTIONARY

PI = Sensitivity.PI


class SpotCheck(Base):
    """One spot check of a cell by 社区安全办: what it found (漏查, 不查, 瞒报 or nothing) and about whom."""

    __tablename__ = "firesafety_spot_check"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    check_date: Mapped[dt.date] = field("抽查日期", Date, required=True, index=True)
    cell_name: Mapped[str | None] = field("抽查单元格", String(50), derived=True)
    checker: Mapped[str] = field("抽查人", String(30), required=True, sensitivity=PI, mask="name")
    finding: Mapped[str] = field("发现", String(10), required=True, dictionary=SPOT_FINDING_DICTIONARY)
    person: Mapped[str | None] = field("责任人", String(30), sensitivity=PI, mask="name")
    unit: Mapped[str | None] = field("责任单位", String(100))
    note: Mapped[str | None] = field("处理", Text, aliases=("说明",))
    cell_id: Mapped[int] = parent_column("firesafety_cell")
    community_id: Mapped[int] = community_column()


class DisciplineCase(Base):
    """A 两警一停 case: from the 两委's vote to the leader's signature, each step dated (R-X08)."""

    __tablename__ = "firesafety_case"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_no: Mapped[str] = field("案件编号", String(20), required=True, unique=True, generated=True)
    person: Mapped[str] = field("对象", String(30), required=True, sensitivity=PI, mask="name", index=True)
    unit: Mapped[str | None] = field("对象单位", String(100))
    finding: Mapped[str] = field("发现", String(10), required=True, dictionary=SPOT_FINDING_DICTIONARY)
    state: Mapped[str] = field("状态", String(10), required=True, derived=True, index=True)
    state_date: Mapped[dt.date] = field("状态日期", Date, required=True, derived=True)
    opened_date: Mapped[dt.date] = field("立案日期", Date, required=True)
    sanction: Mapped[str | None] = field("处分", String(10), aliases=("警告/停工",))
    votes_for: Mapped[int | None] = field("赞成票", Integer)
    votes_against: Mapped[int | None] = field("反对票", Integer)
    votes_abstain: Mapped[int | None] = field("弃权票", Integer)
    document_no: Mapped[str | None] = field("文书编号", String(40))
    issued_date: Mapped[dt.date | None] = field("签发日期", Date)
    stamped_date: Mapped[dt.date | None] = field("盖章日期", Date)
    delivered_to: Mapped[str | None] = field("送达对象", String(200))
    delivered_date: Mapped[dt.date | None] = field("送达日期", Date)
    confirmed_by: Mapped[str | None] = field("签名领导", String(30), sensitivity=PI, mask="name")
    confirmed_date: Mapped[dt.date | None] = field("签名日期", Date)
    spot_check_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("firesafety_spot_check.id", ondelete="SET NULL"), unique=True
    )
    cell_id: Mapped[int] = parent_column("firesafety_cell")
    community_id: Mapped[int] = community_column()
