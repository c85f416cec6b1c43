"""The tables of 党建管理 (domain.md §1.2.5 to §1.2.7): party organizations, members, activities, photos.

References (``ref=``) store an id and show the key people type: a party organization by its name, a
resident by 常住编号, an activity by its 编号. A member's 姓名, 性别, 出生日期 and 党员类别 are copied
from the resident and kept in step with it (:mod:`gridcore_party.members`). Everything about a
person's party membership is sensitive (SPI): masked for operators without ``pii.view``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Column, Date, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from gridcore import Base
from gridcore.domain.residents import Resident
from gridcore.entities import Sensitivity, field

SPI = Sensitivity.SPI


class PartyOrg(Base):
    """A party organization (党组织): 党委 > 党总支 > 党支部 > 党小组, a tree through 上级党组织."""

    __tablename__ = "party_org"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = field("党组织名称", String(100), required=True, unique=True, searchable=True, aliases=("名称",))
    org_type: Mapped[str] = field(
        "党组织类型", String(4), required=True, dictionary="party_org_type", aliases=("类型",)
    )
    parent_id: Mapped[int | None] = field(
        "上级党组织", Integer, ForeignKey("party_org.id"), ref="party_org", index=True
    )  # NO ACTION, not RESTRICT: a whole tree can then be cleared in one statement (数据初始, uninstall)
    secretary: Mapped[str | None] = field("书记", String(30), sensitivity=SPI, mask="name")
    founded_date: Mapped[dt.date | None] = field("成立日期", Date)
    sort_order: Mapped[int | None] = field("排序", Integer, default=0)


class PartyMember(Base):
    """A party member (党员), 预备党员 or 入党积极分子: a resident of the register, in one party organization."""

    __tablename__ = "party_member"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    resident_id: Mapped[int] = field(
        "常住编号",
        Integer,
        ForeignKey("core_resident.id", ondelete="RESTRICT"),
        ref="resident",
        required=True,
        unique=True,
        sensitivity=SPI,
        mask="full",
    )
    name: Mapped[str | None] = field("姓名", String(30), derived=True, searchable=True, sensitivity=SPI, mask="name")
    sex: Mapped[str | None] = field("性别", String(2), derived=True, dictionary="sex", sensitivity=SPI)
    birth_date: Mapped[dt.date | None] = field("出生日期", Date, derived=True, sensitivity=SPI)
    category: Mapped[str | None] = field(
        "党员类别", String(4), derived=True, dictionary="political_status", sensitivity=SPI, index=True
    )
    party_org_id: Mapped[int] = field(
        "所属党组织",
        Integer,
        ForeignKey("party_org.id", ondelete="RESTRICT"),
        ref="party_org",
        required=True,
        index=True,
        sensitivity=SPI,
        mask="full",
        aliases=("党支部", "党组织"),
    )
    join_date: Mapped[dt.date | None] = field("入党日期", Date, sensitivity=SPI)
    full_member_date: Mapped[dt.date | None] = field("转正日期", Date, sensitivity=SPI)
    party_post: Mapped[str | None] = field("党内职务", String(30), sensitivity=SPI, mask="full", aliases=("职务",))
    social_post: Mapped[str | None] = field("社会职务", String(50), sensitivity=SPI, mask="full")
    is_floating: Mapped[bool | None] = field("流动党员", Boolean, default=False, sensitivity=SPI)

    #: the resident, for the region scope (``resident.household.compound_id``)
    resident: Mapped[Resident] = relationship(Resident, viewonly=True)


participants = Table(
    "party_participant",
    Base.metadata,
    Column("activity_id", ForeignKey("party_activity.id", ondelete="CASCADE"), primary_key=True),
    Column("member_id", ForeignKey("party_member.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class PartyActivity(Base):
    """An activity (组织活动): numbered HD + date + two digits, with its participants and photos."""

    __tablename__ = "party_activity"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    activity_no: Mapped[str | None] = field("编号", String(20), unique=True, generated=True, aliases=("活动编号",))
    theme: Mapped[str] = field("活动主题", String(200), required=True, searchable=True, aliases=("活动名称", "主题"))
    activity_date: Mapped[dt.date] = field("活动日期", Date, required=True, index=True, aliases=("日期", "活动时间"))
    location: Mapped[str | None] = field("活动地点", String(200), aliases=("地点",))
    party_org_id: Mapped[int | None] = field(
        "组织单位", Integer, ForeignKey("party_org.id", ondelete="RESTRICT"), ref="party_org", index=True
    )
    content: Mapped[str | None] = field("活动内容", Text, searchable=True, aliases=("内容",))
    participant_count: Mapped[int | None] = field("参加人数", Integer, derived=True)
    participant_names: Mapped[str | None] = field("参加人员", Text, derived=True, sensitivity=SPI, mask="full")


class ActivityPhoto(Base):
    """A photo of an activity (活动照片): named by the activity's 编号, later ones with -2, -3 ... (R-P06)."""

    __tablename__ = "party_photo"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    activity_id: Mapped[int] = field(
        "活动编号",
        Integer,
        ForeignKey("party_activity.id", ondelete="RESTRICT"),
        ref="party_activity",
        required=True,
        index=True,
    )
    file_name: Mapped[str | None] = field("照片名称", String(60), unique=True, generated=True)
    path: Mapped[str] = field("照片", String(255), required=True, sensitivity=SPI, mask="full", aliases=("路径",))
    source: Mapped[str | None] = field("来源", String(4), dictionary="party_photo_source")
