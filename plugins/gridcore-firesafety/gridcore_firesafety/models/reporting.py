"""Monthly check reports to 社区安全办 (due on the 26th) and the two-monthly briefings (简报)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from gridcore import Base
from gridcore.entities import Sensitivity, field
from gridcore_firesafety.models.columns import community_column, parent_column


class MonthlyReport(Base):
    """A cell's report of its month's checks (月度检查汇报) [P4 四.1]; one per cell and month."""

    __tablename__ = "firesafety_report"
    __table_args__ = (UniqueConstraint("cell_id", "month"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[str] = field("月份", String(7), required=True, index=True)
    cell_name: Mapped[str | None] = field("汇报单元格", String(50), derived=True)
    reporter: Mapped[str] = field("汇报人", String(30), required=True, sensitivity=Sensitivity.PI, mask="name")
    report_date: Mapped[dt.date] = field("汇报日期", Date, required=True)
    due_date: Mapped[dt.date] = field("应报日期", Date, required=True, derived=True)
    late: Mapped[bool] = field("逾期", Boolean, required=True, derived=True, default=False)
    checks: Mapped[int] = field("检查户次", Integer, required=True, default=0)
    hazards_found: Mapped[int] = field("发现隐患", Integer, required=True, default=0)
    summary: Mapped[str | None] = field("检查情况", Text)
    cell_id: Mapped[int] = parent_column("firesafety_cell")
    community_id: Mapped[int] = community_column()


class Briefing(Base):
    """A two-monthly 简报 on hazard rectification for the superiors [P4 五(三)]; one per period."""

    __tablename__ = "firesafety_briefing"
    __table_args__ = (UniqueConstraint("community_id", "period"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period: Mapped[str] = field("期次", String(20), required=True)
    start_date: Mapped[dt.date] = field("起始日期", Date, required=True)
    end_date: Mapped[dt.date] = field("截止日期", Date, required=True)
    issued_date: Mapped[dt.date] = field("报送日期", Date, required=True)
    found: Mapped[int] = field("发现隐患", Integer, required=True, default=0)
    rectified: Mapped[int] = field("已整改", Integer, required=True, default=0)
    overdue: Mapped[int] = field("逾期未改", Integer, required=True, default=0)
    escalated: Mapped[int] = field("上报处置", Integer, required=True, default=0)
    text: Mapped[str] = field("简报正文", Text, required=True, default="")
    community_id: Mapped[int] = community_column()
