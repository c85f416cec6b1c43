"""Tables of data exchange: the units whose keys are trusted, and the ledger of received packages.

The unit's own signing key is never stored here: it lives in a key file outside the database
(:mod:`gridcore.packages.keys`). What is stored is public: the keys of subordinate units a superior
unit accepts reports from (``gridcore keys trust``), and one ledger row per received package, so that
receiving a package twice changes nothing (E4) and a gap or a regression in a sender's sequence
numbers is noticed.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from gridcore.db.metadata import Base


class TrustedUnit(Base):
    """A unit whose packages are accepted: its code, name and public keys (signing and encryption)."""

    __tablename__ = "core_trusted_unit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    signing_key: Mapped[str] = mapped_column(String(64), nullable=False)
    encryption_key: Mapped[str] = mapped_column(String(64), nullable=False)
    fingerprint: Mapped[str] = mapped_column(String(64), nullable=False)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class LedgerEntry(Base):
    """One received package: who sent it, its sequence number, and what receiving it did."""

    __tablename__ = "core_exchange_ledger"
    __table_args__ = (Index("ix_core_exchange_ledger_sender_sequence", "sender_code", "sequence"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    package_id: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    sender_code: Mapped[str] = mapped_column(String(40), nullable=False)
    sender_name: Mapped[str] = mapped_column(String(100), nullable=False)
    sequence: Mapped[int] = mapped_column(Integer, nullable=False)
    fingerprint: Mapped[str] = mapped_column(String(64), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    added: Mapped[int] = mapped_column(Integer, nullable=False)
    unchanged: Mapped[int] = mapped_column(Integer, nullable=False)
    conflicts: Mapped[int] = mapped_column(Integer, nullable=False)
