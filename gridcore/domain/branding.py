"""The software and user information set with ``gridcore brand set`` (软件信息, 用户信息), one row per key.

What is stored here overrides, key by key, the branding plugin's answer and the edition's
``[branding]`` table (see :mod:`gridcore.services.branding`).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from gridcore.db.metadata import Base


class BrandingValue(Base):
    """One branding field (``name``, ``company``, ``user_name`` ...) set by an administrator."""

    __tablename__ = "core_branding"

    key: Mapped[str] = mapped_column(String(30), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    changed_by: Mapped[str] = mapped_column(String(60), nullable=False)
