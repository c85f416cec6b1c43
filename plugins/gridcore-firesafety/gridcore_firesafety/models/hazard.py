"""Fire hazards (火灾隐患) and the history of every workflow step (hazards and 两警一停 cases)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from gridcore import Base
from gridcore.entities import Sensitivity, field
from gridcore_firesafety.models.columns import community_column, parent_column
from gridcore_firesafety.names import HAZARD_TYPE_DICTIONARY


class Hazard(Base):
    """A hazard found in a shop: 待整改 with a deadline, then rectified or escalated (R-X05)."""

    __tablename__ = "firesafety_hazard"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    hazard_no: Mapped[str] = field("隐患编号", String(20), required=True, unique=True, generated=True)
    premises_no: Mapped[str | None] = field("场所编号", String(20), derived=True)
    shop_name: Mapped[str | None] = field("商铺名称", String(100), derived=True)
    hazard_type: Mapped[str] = field("隐患类型", String(10), required=True, dictionary=HAZARD_TYPE_DICTIONARY)
    description: Mapped[str] = field("隐患描述", Text, required=True, searchable=True)
    found_date: Mapped[dt.date] = field("发现日期", Date, required=True, index=True)
    deadline: Mapped[dt.date] = field("整改期限", Date, required=True, index=True)
    state: Mapped[str] = field("状态", String(10), required=True, derived=True, index=True)
    state_date: Mapped[dt.date] = field("状态日期", Date, required=True, derived=True)
    measures: Mapped[str | None] = field("处置措施", Text)
    archive_id: Mapped[int] = parent_column("firesafety_archive")
    inspection_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("firesafety_inspection.id", ondelete="SET NULL"), index=True
    )
    community_id: Mapped[int] = community_column()


class WorkflowStep(Base):
    """One step of a hazard or a case: when (the date people give), who, why, and who recorded it."""

    __tablename__ = "firesafety_step"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workflow: Mapped[str] = mapped_column(String(40), nullable=False)
    record_id: Mapped[int] = mapped_column(Integer, nullable=False, index=True)
    from_state: Mapped[str | None] = field("原状态", String(10))
    to_state: Mapped[str] = field("新状态", String(10), required=True)
    action: Mapped[str] = field("处置", String(60), required=True)
    step_date: Mapped[dt.date] = field("日期", Date, required=True)
    actor: Mapped[str] = field("经办人", String(30), required=True, sensitivity=Sensitivity.PI, mask="name")
    note: Mapped[str | None] = field("说明", Text)
    operator: Mapped[str] = field("录入操作员", String(64), required=True)
    recorded_at: Mapped[dt.datetime] = field("录入时间", DateTime(timezone=True), required=True)
    community_id: Mapped[int] = community_column()
