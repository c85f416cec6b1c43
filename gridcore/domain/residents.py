"""Residents (常住人口, Excel sheet 常住人口信息表), domain.md §1.1.7.

老年人 and 少数民族 are derived, never stored: :func:`is_elderly` and :func:`is_minority`.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from gridcore.db.metadata import Base
from gridcore.domain.households import Household
from gridcore.entities import Sensitivity, field

PI = Sensitivity.PI
SPI = Sensitivity.SPI
ELDERLY_AGE = 60
HAN_CODE = "01"


class Resident(Base):
    """A resident (居民). ``resident_no`` is 户籍编号 + two digits, given when linked to a household."""

    __tablename__ = "core_resident"
    __table_args__ = (
        Index("ix_core_resident_community_sex", "community_name", "sex"),
        # statistics: who was born in a date range, in which household, living alone (covering)
        Index("ix_core_resident_birth_household", "birth_date", "household_id", "lives_alone"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    resident_no: Mapped[str | None] = field("常住编号", String(24), unique=True, generated=True)
    household_id: Mapped[int | None] = mapped_column(ForeignKey("core_household.id", ondelete="RESTRICT"), index=True)
    household_no: Mapped[str | None] = field("户籍编号", String(20), derived=True, aliases=("户籍编码",))
    community_name: Mapped[str | None] = field("社区名称", String(50), derived=True)
    compound_name: Mapped[str | None] = field("小区", String(50), derived=True, aliases=("小区名称",))
    building_no: Mapped[str | None] = field("楼号", String(20), derived=True, sensitivity=PI)
    door_no: Mapped[str | None] = field("门牌号", String(30), derived=True, sensitivity=PI)
    head_name: Mapped[str | None] = field("户主姓名", String(30), derived=True, sensitivity=PI, mask="name")
    name: Mapped[str] = field("姓名", String(30), required=True, sensitivity=PI, searchable=True, mask="name")
    relation_to_head: Mapped[str | None] = field(
        "与户主关系", String(10), dictionary="relation_to_head", sensitivity=PI
    )
    id_number: Mapped[str | None] = field(
        "身份证号", String(18), unique=True, sensitivity=SPI, mask="id_number", aliases=("公民身份号码", "身份证号码")
    )
    birth_date: Mapped[dt.date | None] = field("出生日期", Date, sensitivity=PI, index=True)
    birth_year: Mapped[int | None] = mapped_column(Integer, index=True)
    sex: Mapped[str | None] = field("性别", String(2), dictionary="sex", sensitivity=PI)
    native_place: Mapped[str | None] = field("籍贯", String(100), sensitivity=PI)
    birth_place: Mapped[str | None] = field("出生地", String(100), sensitivity=PI)
    ethnicity: Mapped[str | None] = field("民族", String(4), dictionary="ethnicity", sensitivity=SPI)
    political_status: Mapped[str | None] = field("政治面貌", String(4), dictionary="political_status", sensitivity=SPI)
    photo_path: Mapped[str | None] = field("照片", String(255), sensitivity=SPI)
    premises_no: Mapped[str | None] = field("场所编号", String(20), derived=True, sensitivity=PI)
    population_type: Mapped[str | None] = field("人口类型", String(4), dictionary="population_type", sensitivity=PI)
    hukou_type: Mapped[str | None] = field("户口类型", String(10), dictionary="hukou_type", sensitivity=PI)
    education: Mapped[str | None] = field("文化程度", String(4), dictionary="education", sensitivity=PI)
    marital_status: Mapped[str | None] = field("婚姻状况", String(4), dictionary="marital_status", sensitivity=SPI)
    religion: Mapped[str | None] = field("宗教信仰", String(4), dictionary="religion", sensitivity=SPI)
    military_service: Mapped[str | None] = field("兵役状况", String(4), dictionary="military_service", sensitivity=PI)
    health_status: Mapped[str | None] = field("健康状况", String(4), dictionary="health_status", sensitivity=SPI)
    occupation: Mapped[str | None] = field("职业", String(50), sensitivity=PI)
    employer: Mapped[str | None] = field("工作单位", String(100), sensitivity=PI)
    phone: Mapped[str | None] = field("联系电话", String(20), sensitivity=PI, mask="phone")
    former_name: Mapped[str | None] = field("曾用名", String(30), sensitivity=PI)
    hukou_address: Mapped[str | None] = field("户籍地址", String(200), sensitivity=PI)
    arrival_date: Mapped[dt.date | None] = field("来本地日期", Date, sensitivity=PI)
    residence_permit_no: Mapped[str | None] = field("居住证号", String(30), sensitivity=PI)
    is_disabled: Mapped[bool] = field("残疾人", Boolean, sensitivity=SPI, default=False)
    is_dibao: Mapped[bool] = field("低保人员", Boolean, sensitivity=SPI, default=False)
    special_group: Mapped[str | None] = field(
        "特殊人群", String(40), dictionary="special_group", sensitivity=SPI, aliases=("特殊人群类型",)
    )
    lives_alone: Mapped[bool] = field("独居", Boolean, sensitivity=PI, default=False)
    remark: Mapped[str | None] = field("备注", Text, sensitivity=PI)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    household: Mapped[Household | None] = relationship()

    def age(self, on: dt.date) -> int | None:
        if self.birth_date is None:
            return None
        birthday_passed = (on.month, on.day) >= (self.birth_date.month, self.birth_date.day)
        return on.year - self.birth_date.year - (0 if birthday_passed else 1)


def is_elderly(resident: Resident, on: dt.date) -> bool:
    """老年人: 60 or older on ``on`` (老年人权益保障法 第二条); derived, never stored."""
    age = resident.age(on)
    return age is not None and age >= ELDERLY_AGE


def is_minority(resident: Resident) -> bool:
    """少数民族: any recorded ethnicity other than 汉族 (code 01); derived, never stored."""
    return resident.ethnicity is not None and resident.ethnicity != HAN_CODE
