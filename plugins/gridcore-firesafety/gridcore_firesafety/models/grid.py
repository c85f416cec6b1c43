"""Big grids (大网格), their responsible person's terms, cells (单元格), cell posts and shared duties."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from gridcore import Base
from gridcore.entities import Sensitivity, field
from gridcore_firesafety.models.columns import community_column, parent_column
from gridcore_firesafety.names import BUNDLE_ROLE_DICTIONARY, POST_DICTIONARY

PI = Sensitivity.PI


class FireBigGrid(Base):
    """A big grid (大网格) of a community, with its named responsible person (消防监管员) [P4 三(一)1]."""

    __tablename__ = "firesafety_grid"
    __table_args__ = (UniqueConstraint("community_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    grid_no: Mapped[str] = field("网格编号", String(20), required=True, unique=True, generated=True)
    name: Mapped[str] = field("网格名称", String(50), required=True, searchable=True, aliases=("大网格",))
    community_name: Mapped[str | None] = field("社区名称", String(50), derived=True)
    coverage: Mapped[str | None] = field("负责范围", String(200))
    department: Mapped[str | None] = field("所属部门", String(50), aliases=("居民小组", "所属部门/居民小组"))
    supervisor: Mapped[str] = field(
        "消防监管员", String(30), required=True, sensitivity=PI, mask="name", aliases=("负责人",)
    )
    supervisor_phone: Mapped[str | None] = field("联系电话", String(20), sensitivity=PI, mask="phone")
    supervisor_since: Mapped[dt.date | None] = field("任职日期", Date)
    community_id: Mapped[int] = community_column()

    cells: Mapped[list[FireCell]] = relationship(back_populates="grid", order_by="FireCell.cell_no")


class GridTerm(Base):
    """One term of a big grid's responsible person: who, from when, until when, and who took over."""

    __tablename__ = "firesafety_grid_term"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    grid_id: Mapped[int] = parent_column("firesafety_grid", cascade=True)
    person: Mapped[str] = field("负责人", String(30), required=True, sensitivity=PI, mask="name")
    phone: Mapped[str | None] = field("联系电话", String(20), sensitivity=PI, mask="phone")
    start_date: Mapped[dt.date] = field("起始日期", Date, required=True)
    end_date: Mapped[dt.date | None] = field("结束日期", Date)
    successor: Mapped[str | None] = field("接任人", String(30), sensitivity=PI, mask="name")
    note: Mapped[str | None] = field("备注", Text)
    community_id: Mapped[int] = community_column()


class FireCell(Base):
    """A cell (单元格) of a big grid: a 片 or a property (物业), optionally one compound of the core."""

    __tablename__ = "firesafety_cell"
    __table_args__ = (UniqueConstraint("community_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cell_no: Mapped[str] = field("单元格编号", String(24), required=True, unique=True, generated=True)
    name: Mapped[str] = field("单元格名称", String(50), required=True, searchable=True, aliases=("片区", "单元格"))
    grid_name: Mapped[str | None] = field("所属大网格", String(50), derived=True)
    compound_name: Mapped[str | None] = field("物业小区", String(50), derived=True)
    note: Mapped[str | None] = field("备注", Text)
    grid_id: Mapped[int] = parent_column("firesafety_grid")
    compound_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("core_region.id", ondelete="RESTRICT"), unique=True
    )
    community_id: Mapped[int] = community_column()

    grid: Mapped[FireBigGrid] = relationship(back_populates="cells")


class CellPost(Base):
    """A post held in a cell: 消防安全监管员, 消防巡查员, or for an enterprise 消防监督员 / 企业巡查员.

    A post ends (``end_date``) instead of being deleted, so that the cell's staffing history stays.
    """

    __tablename__ = "firesafety_post"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cell_name: Mapped[str | None] = field("单元格", String(50), derived=True)
    post: Mapped[str] = field("岗位", String(10), required=True, dictionary=POST_DICTIONARY)
    person: Mapped[str] = field("姓名", String(30), required=True, sensitivity=PI, mask="name")
    phone: Mapped[str | None] = field("联系电话", String(20), sensitivity=PI, mask="phone")
    premises_no: Mapped[str | None] = field("企业场所编号", String(20), aliases=("企业/公共场所",))
    affiliation: Mapped[str | None] = field("所在单位", String(100))
    start_date: Mapped[dt.date] = field("任职日期", Date, required=True)
    end_date: Mapped[dt.date | None] = field("离任日期", Date)
    cell_id: Mapped[int] = parent_column("firesafety_cell")
    community_id: Mapped[int] = community_column()


class CellBundle(Base):
    """One party of a cell's shared responsibility (捆绑式管理) [P4 三(二)3]."""

    __tablename__ = "firesafety_bundle"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cell_name: Mapped[str | None] = field("单元格", String(50), derived=True)
    role: Mapped[str] = field("责任类别", String(10), required=True, dictionary=BUNDLE_ROLE_DICTIONARY)
    person: Mapped[str] = field("责任人", String(50), required=True, sensitivity=PI, mask="name")
    note: Mapped[str | None] = field("备注", Text)
    cell_id: Mapped[int] = parent_column("firesafety_cell")
    community_id: Mapped[int] = community_column()
