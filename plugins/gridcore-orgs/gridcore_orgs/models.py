"""The tables of the orgs plugin: organizations and their members (组织机构), and regulations (规章制度).

The Chinese labels live next to the columns (domain.md §1.2.3, §1.2.4). References (``ref=``) store
an id and show the key people type: a member's 机构名称, and its optional link to a resident by
常住编号.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from gridcore import Base
from gridcore.entities import Sensitivity, field

PI = Sensitivity.PI
SPI = Sensitivity.SPI


class Organization(Base):
    """An organization (组织机构): its name is the big title of its chart unless 图表标题 is given."""

    __tablename__ = "orgs_organization"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = field(
        "机构名称", String(100), required=True, unique=True, searchable=True, aliases=("组织机构", "名称")
    )
    chart_title: Mapped[str | None] = field("图表标题", String(100), aliases=("标题",))
    sort_order: Mapped[int | None] = field("排序", Integer, default=0)
    remark: Mapped[str | None] = field("说明", Text, aliases=("备注",))


class OrgMember(Base):
    """A member of an organization at one level (层级: 最高层 主任/书记, 最低层 委员, or more levels)."""

    __tablename__ = "orgs_member"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organization_id: Mapped[int] = field(
        "机构名称",
        Integer,
        ForeignKey("orgs_organization.id", ondelete="RESTRICT"),
        ref="organization",
        required=True,
        index=True,
        aliases=("组织机构",),
    )
    level: Mapped[str] = field("层级", String(4), required=True, dictionary="org_member_level")
    post: Mapped[str] = field("职务", String(30), required=True, searchable=True)
    name: Mapped[str] = field("姓名", String(30), required=True, searchable=True, sensitivity=PI, mask="name")
    resident_id: Mapped[int | None] = field(
        "常住编号", Integer, ForeignKey("core_resident.id", ondelete="SET NULL"), ref="resident", sensitivity=PI
    )
    sort_order: Mapped[int | None] = field("排序", Integer, default=0)
    phone: Mapped[str | None] = field("联系电话", String(20), sensitivity=PI, mask="phone")
    photo_path: Mapped[str | None] = field("照片", String(255), sensitivity=SPI, mask="full")


class Regulation(Base):
    """A regulation (规章制度): a law, policy, rule or system of the community, with its full text."""

    __tablename__ = "orgs_regulation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    regulation_no: Mapped[str | None] = field("文号", String(30), unique=True, aliases=("编号", "发文字号", "文件编号"))
    title: Mapped[str] = field("名称", String(200), required=True, searchable=True, aliases=("标题", "规章制度名称"))
    category: Mapped[str] = field(
        "类别", String(4), required=True, dictionary="regulation_category", index=True, aliases=("分类",)
    )
    issuer: Mapped[str | None] = field("发布单位", String(100), searchable=True, aliases=("发文单位", "制定单位"))
    issued_date: Mapped[dt.date | None] = field("发布日期", Date, aliases=("发文日期",))
    effective_date: Mapped[dt.date | None] = field("实施日期", Date, aliases=("生效日期",))
    content: Mapped[str | None] = field("内容", Text, searchable=True, aliases=("正文",))
    attachments: Mapped[str | None] = field("附件", Text, aliases=("附件路径",))
