"""Jurisdiction (辖区): streets, communities and compounds (or 乡镇, 村, 组) in one adjacency table.

The level names come from the edition (``[hierarchy] levels``); ``level`` is the index into them. The
last level is where households belong (小区 by default). Codes are stored once, upper-case, unique
across every region, and never change when a region is renamed.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from gridcore.db.metadata import Base
from gridcore.entities import field


class Region(Base):
    """One node of the jurisdiction tree (街道, 社区, 小区 ...)."""

    __tablename__ = "core_region"
    __table_args__ = (UniqueConstraint("parent_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    level: Mapped[int] = field("层级", Integer, required=True)
    code: Mapped[str] = field(
        "编码", String(12), required=True, unique=True, aliases=("社区编码", "小区编码", "街道编码")
    )
    name: Mapped[str] = field(
        "名称", String(50), required=True, searchable=True, aliases=("社区名称", "小区名称", "街道名称")
    )
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("core_region.id", ondelete="RESTRICT"), index=True)
    map_image: Mapped[str | None] = field("图片", String(255), advanced=True)
    map_width: Mapped[int | None] = field("图片宽度", Integer, derived=True)
    map_height: Mapped[int | None] = field("图片高度", Integer, derived=True)
    map_left: Mapped[int | None] = field("左起点", Integer, advanced=True)
    map_top: Mapped[int | None] = field("上起点", Integer, advanced=True)
    marker_width: Mapped[int | None] = field("标注宽度", Integer, advanced=True)
    marker_height: Mapped[int | None] = field("标注高度", Integer, advanced=True)
    longitude: Mapped[float | None] = field("经度", derived=False)
    latitude: Mapped[float | None] = field("纬度", derived=False)
    office_address: Mapped[str | None] = field("办公地址", String(200))
    phone: Mapped[str | None] = field("联系电话", String(20))
    property_company: Mapped[str | None] = field("物业公司", String(100))
    remark: Mapped[str | None] = field("备注", Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    parent: Mapped[Region | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Region]] = relationship(back_populates="parent", order_by="Region.code")

    def __repr__(self) -> str:
        return f"<Region {self.level}:{self.code} {self.name}>"
