"""The table of the plugin: one entity, its Chinese labels declared next to its columns."""

from __future__ import annotations

import datetime as dt

from gridcore import Base
from gridcore.entities import field
from sqlalchemy import Date, Integer, String, Text
from sqlalchemy.orm import Mapped


class NotebookEntry(Base):
    """One entry of a grid worker's 民情日记: what was seen or heard on a visit, and when."""

    __tablename__ = "notebook_entry"  # starts with the plugin name and "_"

    id: Mapped[int] = field("编号", Integer, primary_key=True, generated=True)
    entry_date: Mapped[dt.date] = field("日期", Date, required=True, aliases=("记录日期",), index=True)
    title: Mapped[str] = field("标题", String(100), required=True, searchable=True)
    content: Mapped[str] = field("内容", Text, required=True, default="", searchable=True, aliases=("正文",))
    author: Mapped[str | None] = field("记录人", String(30), aliases=("网格员",))
