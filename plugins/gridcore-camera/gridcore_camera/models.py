"""The photo records (domain.md §1.2.9): the database keeps where each photo is, never its bytes (R-F01).

A record belongs to one record of a registered entity (``entity`` + ``owner_id``, its surrogate id,
which stays when a 常住编号 is given later); ``owner_key`` is the key people knew it by when the photo
was added. ``path`` is relative to the photo root (``[settings.camera] photo_root``), in ``/`` form, so
that every client of a network edition finds the file under its own mount of the shared storage.

The table is not a register (no generic import or export: a path typed into a spreadsheet would point
anywhere); it is declared to the kernel through ``Migrations(models=...)``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from gridcore import Base
from gridcore.entities import Sensitivity, field

#: Where a photo came from: a file given by hand, a capture source, or the demo.
SOURCES = {"file": "文件", "camera": "摄像头", "folder": "文件夹", "video": "视频", "demo": "演示"}


class CameraPhoto(Base):
    """One photo file of one record (a resident, a household, a party activity ...)."""

    __tablename__ = "camera_photo"
    __table_args__ = (Index("ix_camera_photo_entity_owner", "entity", "owner_id"),)

    id: Mapped[int] = field("照片编号", Integer, primary_key=True, generated=True)
    entity: Mapped[str] = field("对象类型", String(40), required=True, aliases=("所属对象类型",))
    owner_id: Mapped[int] = mapped_column(Integer, nullable=False)
    owner_key: Mapped[str] = field("对象编号", String(40), required=True, aliases=("所属对象编号",))
    # The file name of a resident's photo holds 姓名 and 身份证号 (the manual's rule): sensitive.
    path: Mapped[str] = field("照片路径", String(255), required=True, unique=True, sensitivity=Sensitivity.SPI)
    sha256: Mapped[str] = field("SHA-256", String(64), required=True)
    width: Mapped[int] = field("宽", Integer, required=True)
    height: Mapped[int] = field("高", Integer, required=True)
    source: Mapped[str] = field("来源", String(10), required=True)
    taken_at: Mapped[dt.datetime | None] = field("拍摄时间", DateTime(timezone=True))
    created_at: Mapped[dt.datetime] = field("添加时间", DateTime(timezone=True), required=True)
    created_by: Mapped[str] = field("操作员", String(64), required=True)
