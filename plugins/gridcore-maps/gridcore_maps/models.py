"""The plugin's tables: one generic marker per placed record, and the accumulated exact-query conditions.

A marker names its record by entity id and record id, so any registered entity with a region (小区,
住户, 营业场所, 楼栋 ...) can be placed without this plugin knowing it. The map a marker sits on is a
region (its map image, size and marker size are the region's own columns 图片, 图片宽度 ...).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Float, ForeignKey, Integer, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from gridcore import Base
from gridcore.entities import Sensitivity, field

PI = Sensitivity.PI


class MapMarker(Base):
    """Where one record sits on a region's map: pixels from the top-left corner, and optionally on the earth.

    ``left``/``top`` ``None`` means "not placed yet" (未标注); 坐标复原 sets them to 0, 0.
    """

    __tablename__ = "maps_marker"
    __table_args__ = (UniqueConstraint("entity", "record_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity: Mapped[str] = field("对象类型", String(40), required=True)
    record_id: Mapped[int] = field("记录", Integer, required=True)
    map_region_id: Mapped[int] = mapped_column(ForeignKey("core_region.id", ondelete="CASCADE"), index=True)
    left: Mapped[int | None] = field("左起点", Integer, sensitivity=PI)
    top: Mapped[int | None] = field("上起点", Integer, sensitivity=PI)
    longitude: Mapped[float | None] = field("经度", Float, sensitivity=PI)
    latitude: Mapped[float | None] = field("纬度", Float, sensitivity=PI)
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class HouseQueryCondition(Base):
    """One exact-query condition (精确查询) of the house-state chart, kept per operator until reset (R-N06)."""

    __tablename__ = "maps_house_query"
    __table_args__ = (UniqueConstraint("operator", "field", "value"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    operator: Mapped[str] = mapped_column(String(64), index=True)
    field: Mapped[str] = mapped_column(String(60))
    value: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
