"""The large-asset register (大宗财产, Excel sheet 大宗财产信息表), domain.md §1.2.2.

Every asset belongs to one resident, named by 常住编号. Property is personal information of its owner
and is classed sensitive (SPI, inferred in the domain): people without ``pii.view`` see it masked.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import ColumnElement, Date, DateTime, ForeignKey, Integer, Numeric, String, Text, func, select
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from gridcore import Base
from gridcore.domain.households import Household
from gridcore.domain.residents import Resident
from gridcore.entities import Sensitivity, field

PI = Sensitivity.PI
SPI = Sensitivity.SPI


class Asset(Base):
    """One large asset (a car, a computer ...) of a resident."""

    __tablename__ = "assets_asset"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = field(
        "常住编号",
        ForeignKey("core_resident.id", ondelete="CASCADE"),
        ref="resident",
        required=True,
        index=True,
        sensitivity=PI,
        aliases=("所有人常住编号",),
    )
    owner_name: Mapped[str | None] = field("姓名", String(30), derived=True, sensitivity=PI, mask="name")
    name: Mapped[str] = field("财产名称", String(100), required=True, searchable=True, sensitivity=SPI, mask="full")
    asset_type: Mapped[str] = field(
        "财产类型", String(4), dictionary="asset_type", required=True, index=True, sensitivity=SPI, mask="full"
    )
    brand_model: Mapped[str | None] = field(
        "品牌型号", String(100), sensitivity=SPI, mask="full", aliases=("品牌", "型号")
    )
    quantity: Mapped[int | None] = field("数量", Integer, sensitivity=SPI, mask="full")
    value: Mapped[Decimal | None] = field("价值(元)", Numeric(12, 2), sensitivity=SPI, mask="full", aliases=("价值",))
    acquired_date: Mapped[dt.date | None] = field("购置日期", Date, sensitivity=SPI, mask="full", aliases=("购买日期",))
    plate_no: Mapped[str | None] = field(
        "车牌号", String(10), index=True, searchable=True, sensitivity=SPI, mask="full", aliases=("号牌号码",)
    )
    vin: Mapped[str | None] = field("车架号", String(17), sensitivity=SPI, mask="full", aliases=("车辆识别代号",))
    serial_no: Mapped[str | None] = field("序列号", String(50), sensitivity=SPI, mask="full")
    photo_path: Mapped[str | None] = field("照片", String(255), sensitivity=SPI, mask="full")
    remark: Mapped[str | None] = field("备注", Text, sensitivity=PI)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    owner: Mapped[Resident] = relationship()

    @hybrid_property
    def compound_id(self) -> int | None:
        """The owner's compound (through the household): the entity's region path (scope, ``--region``)."""
        household = self.owner.household if self.owner is not None else None
        return household.compound_id if household is not None else None

    @compound_id.inplace.expression
    @classmethod
    def _compound_id_expression(cls) -> ColumnElement[int | None]:
        return (
            select(Household.compound_id)
            .join(Resident, Resident.household_id == Household.id)
            .where(Resident.id == cls.owner_id)
            .scalar_subquery()
        )
