"""The stored entries (词典内容) of every dictionary, seeded from the declarations and edited by users."""

from __future__ import annotations

from sqlalchemy import Boolean, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from gridcore.db.metadata import Base

ALIAS_SEPARATOR = "|"


class DictionaryEntryRow(Base):
    """One entry of one dictionary. ``code`` is what records store; ``label`` is what people see."""

    __tablename__ = "core_dictionary_entry"
    __table_args__ = (
        UniqueConstraint("dictionary_id", "code"),
        UniqueConstraint("dictionary_id", "label"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dictionary_id: Mapped[str] = mapped_column(String(40), nullable=False, index=True)
    code: Mapped[str] = mapped_column(String(20), nullable=False)
    label: Mapped[str] = mapped_column(String(50), nullable=False)
    sort: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    protected: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    semantic: Mapped[str | None] = mapped_column(String(30))
    aliases: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    enabled: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    verify: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
