"""One archive per shop (一户一档) and its inspections (小商铺检查登记表) [P4 三(二)5; 三(三)]."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, Date, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from gridcore import Base
from gridcore.entities import Sensitivity, field
from gridcore_firesafety.models.columns import community_column, parent_column
from gridcore_firesafety.names import CHECK_ITEM_DICTIONARY, EBIKE_DICTIONARY, POST_DICTIONARY

PI = Sensitivity.PI


class ShopArchive(Base):
    """The fire-safety archive of one premises (场所编号 unique): the shop, its owner and its facilities."""

    __tablename__ = "firesafety_archive"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    premises_no: Mapped[str] = field("场所编号", String(20), required=True, unique=True)
    shop_name: Mapped[str] = field("商铺名称", String(100), required=True, derived=True, searchable=True)
    cell_name: Mapped[str | None] = field("所属单元格", String(50), derived=True)
    owner: Mapped[str | None] = field(
        "店主", String(30), sensitivity=PI, mask="name", aliases=("经营者", "店主/经营者")
    )
    phone: Mapped[str | None] = field("联系电话", String(20), sensitivity=PI, mask="phone")
    address: Mapped[str | None] = field("地址", String(200))
    category: Mapped[str | None] = field("经营类别", String(50))
    area: Mapped[Decimal | None] = field("面积", Numeric(10, 2), aliases=("经营面积",))
    opened_date: Mapped[dt.date] = field("建档日期", Date, required=True)
    extinguishers: Mapped[int | None] = field("灭火器数量", Integer)
    extinguisher_expiry: Mapped[dt.date | None] = field("灭火器有效期至", Date)
    exits_clear: Mapped[bool | None] = field("安全出口畅通", Boolean)
    three_in_one: Mapped[bool | None] = field("三合一场所", Boolean)
    ebike: Mapped[str | None] = field("电动车停放充电", String(10), dictionary=EBIKE_DICTIONARY)
    note: Mapped[str | None] = field("备注", Text)
    cell_id: Mapped[int] = parent_column("firesafety_cell")
    community_id: Mapped[int] = community_column()


class Inspection(Base):
    """One check of a shop by its cell's 监管员 or 巡查员, as on the paper 小商铺检查登记表."""

    __tablename__ = "firesafety_inspection"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    inspection_no: Mapped[str] = field("检查编号", String(20), required=True, unique=True, generated=True)
    premises_no: Mapped[str | None] = field("场所编号", String(20), derived=True)
    shop_name: Mapped[str | None] = field("商铺名称", String(100), derived=True)
    inspect_date: Mapped[dt.date] = field("检查日期", Date, required=True, index=True)
    inspector: Mapped[str] = field("检查人", String(30), required=True, sensitivity=PI, mask="name")
    inspector_post: Mapped[str | None] = field("检查人岗位", String(10), dictionary=POST_DICTIONARY)
    conclusion: Mapped[str] = field("检查结论", String(10), required=True)
    findings: Mapped[str | None] = field("发现隐患", Text)
    requirement: Mapped[str | None] = field("整改要求", Text)
    signature: Mapped[str | None] = field("店主签字", String(30), sensitivity=PI, mask="name")
    archive_id: Mapped[int] = parent_column("firesafety_archive")
    community_id: Mapped[int] = community_column()

    items: Mapped[list[InspectionItem]] = relationship(
        order_by="InspectionItem.item", cascade="all, delete-orphan", passive_deletes=True
    )


class InspectionItem(Base):
    """The result of one checklist item (合格 / 不合格 / 不适用) in one inspection."""

    __tablename__ = "firesafety_inspection_item"
    __table_args__ = (UniqueConstraint("inspection_id", "item"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item: Mapped[str] = field("检查项目", String(10), required=True, dictionary=CHECK_ITEM_DICTIONARY)
    result: Mapped[str] = field("结果", String(10), required=True)
    note: Mapped[str | None] = field("说明", String(200))
    inspection_id: Mapped[int] = parent_column("firesafety_inspection", cascade=True)
