"""The premises register (营业场所 / 企事业单位, Excel sheet 营业场所信息表), domain.md §1.2.1.

Employees (从业人员) are not a table of this plugin: the link is the resident's own 场所编号
(``core_resident.premises_no``), so a resident works at one premises at most (R-H04).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import DateTime, ForeignKey, Integer, Numeric, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from gridcore import Base
from gridcore.domain.regions import Region
from gridcore.entities import Sensitivity, field


class Premises(Base):
    """A business premises or organisation (营业场所 / 企事业单位) in a compound.

    ``premises_no`` (场所编号) is the compound code plus three digits, on the premises' own sequence
    (§2.3): the first premises of 红旗社区/第一小区 is HQDY001 whatever its households are numbered.
    """

    __tablename__ = "premises_premises"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    premises_no: Mapped[str | None] = field("场所编号", String(20), unique=True, generated=True, aliases=("场所编码",))
    name: Mapped[str] = field("场所名称", String(100), required=True, searchable=True, aliases=("单位名称",))
    compound_id: Mapped[int] = field(
        "小区编码",
        ForeignKey("core_region.id", ondelete="RESTRICT"),
        ref="region",
        required=True,
        index=True,
        aliases=("小区代码",),
    )
    community_name: Mapped[str | None] = field("社区名称", String(50), derived=True)
    compound_name: Mapped[str | None] = field("小区", String(50), derived=True, aliases=("小区名称",))
    premises_type: Mapped[str | None] = field(
        "场所类型", String(4), dictionary="premises_type", index=True, aliases=("营业场所类型",)
    )
    industry: Mapped[str | None] = field("行业", String(2), dictionary="industry", aliases=("行业门类",))
    credit_code: Mapped[str | None] = field(
        "统一社会信用代码", String(18), index=True, aliases=("信用代码", "社会信用代码")
    )
    person_in_charge: Mapped[str | None] = field(
        "负责人", String(30), sensitivity=Sensitivity.PI, mask="name", searchable=True, aliases=("法定代表人",)
    )
    phone: Mapped[str | None] = field("联系电话", String(20), sensitivity=Sensitivity.PI, mask="phone")
    address: Mapped[str | None] = field("地址", String(200), searchable=True, aliases=("经营地址",))
    area: Mapped[Decimal | None] = field("经营面积", Numeric(10, 2), aliases=("面积",))
    map_left: Mapped[int | None] = field("场所左起点", Integer, derived=True)
    map_top: Mapped[int | None] = field("场所上起点", Integer, derived=True)
    photo_path: Mapped[str | None] = field("照片", String(255))
    remark: Mapped[str | None] = field("备注", Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    compound: Mapped[Region] = relationship()
