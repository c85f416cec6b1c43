"""Buildings (楼栋) and households (住户 / 户籍, Excel sheet 户籍表), domain.md §1.1.5 and §1.1.6."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import DateTime, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from gridcore.db.metadata import Base
from gridcore.domain.regions import Region
from gridcore.entities import Sensitivity, field

PI = Sensitivity.PI
SPI = Sensitivity.SPI


class Building(Base):
    """A building of a compound, made on first use from a household's 楼号."""

    __tablename__ = "core_building"
    __table_args__ = (UniqueConstraint("compound_id", "building_no"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    compound_id: Mapped[int] = mapped_column(ForeignKey("core_region.id", ondelete="RESTRICT"), index=True)
    building_no: Mapped[str] = field("楼号", String(20), required=True)
    unit_count: Mapped[int | None] = field("单元数", Integer)
    floor_count: Mapped[int | None] = field("层数", Integer)
    leader: Mapped[str | None] = field("楼栋长", String(30), sensitivity=PI)
    map_left: Mapped[int | None] = field("楼栋左起点", Integer, advanced=True)
    map_top: Mapped[int | None] = field("楼栋上起点", Integer, advanced=True)

    compound: Mapped[Region] = relationship()


class Household(Base):
    """A household (住户). ``household_no`` is generated from the compound code when it is linked."""

    __tablename__ = "core_household"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    household_no: Mapped[str | None] = field(
        "户籍编号", String(20), unique=True, generated=True, aliases=("户籍编码", "房屋编号")
    )
    compound_id: Mapped[int | None] = mapped_column(ForeignKey("core_region.id", ondelete="RESTRICT"), index=True)
    community_name: Mapped[str | None] = field("社区名称", String(50), derived=True)
    compound_name: Mapped[str | None] = field("小区", String(50), derived=True, aliases=("小区名称",))
    building_no: Mapped[str | None] = field("楼号", String(20), sensitivity=PI)
    unit_no: Mapped[str | None] = field("单元", String(10), sensitivity=PI)
    door_no: Mapped[str | None] = field("门牌号", String(30), sensitivity=PI, searchable=True)
    head_name: Mapped[str] = field("户主姓名", String(30), required=True, sensitivity=PI, searchable=True, mask="name")
    map_left: Mapped[int | None] = field("房屋左起点", Integer, sensitivity=PI, derived=True)
    map_top: Mapped[int | None] = field("房屋上起点", Integer, sensitivity=PI, derived=True)
    photo_path: Mapped[str | None] = field("照片", String(255), sensitivity=PI)
    hukou_type: Mapped[str | None] = field("户口类型", String(10), dictionary="hukou_type", sensitivity=PI)
    housing_nature: Mapped[str | None] = field("住房性质", String(10), dictionary="housing_nature", sensitivity=PI)
    house_state: Mapped[str | None] = field("房屋状态", String(10), dictionary="house_state", sensitivity=PI)
    floor_area: Mapped[Decimal | None] = field("建筑面积", Numeric(10, 2), sensitivity=SPI, mask="full")
    phone: Mapped[str | None] = field("联系电话", String(20), sensitivity=PI, mask="phone")
    hukou_book_no: Mapped[str | None] = field("户号", String(20), sensitivity=PI)
    remark: Mapped[str | None] = field("备注", Text, sensitivity=PI)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    compound: Mapped[Region | None] = relationship()
