"""Regulations (规章制度): the one rule beyond the declaration, and finding regulations by their text.

Everything else (add, edit, delete, list by category, import, export, query) is the kernel's generic
register; the title, issuer and body are indexed for contains-search by every write (R-J01 to R-J03).
"""

from __future__ import annotations

import re

import attrs

from gridcore.errors import ValidationError
from gridcore.query import QuerySpec
from gridcore.services.query import run_query
from gridcore.services.unit import UnitOfWork
from gridcore_orgs.models import Regulation
from gridcore_orgs.plugin import REGULATION

ATTACHMENT_SEPARATOR = "; "
EXCERPT_WIDTH = 30


def split_attachments(text: str | None) -> list[str]:
    """The attachment paths of 附件: one per line or separated by ``;`` / ``；``, duplicates dropped."""
    paths = (part.strip() for part in re.split(r"[;；\n]", text or ""))
    return list(dict.fromkeys(path for path in paths if path))


def check_regulation(uow: UnitOfWork, regulation: Regulation) -> None:
    """实施日期 is not before 发布日期; 附件 is kept as a clean list of paths."""
    issued, effective = regulation.issued_date, regulation.effective_date
    if issued is not None and effective is not None and effective < issued:
        raise ValidationError(
            f"「实施日期」{effective} 早于「发布日期」{issued}: 实施日期应不早于发布日期",
            field="实施日期",
            value=str(effective),
        )
    regulation.attachments = ATTACHMENT_SEPARATOR.join(split_attachments(regulation.attachments)) or None


@attrs.frozen(kw_only=True)
class Found:
    regulation: Regulation
    excerpt: str


def excerpt(text: str | None, keyword: str, width: int = EXCERPT_WIDTH) -> str:
    """The part of ``text`` around the first ``keyword`` (case-insensitive), or its beginning."""
    body = " ".join((text or "").split())
    at = body.casefold().find(keyword.casefold())
    if at < 0:
        return body[: 2 * width] + ("…" if len(body) > 2 * width else "")
    start, end = max(at - width, 0), min(at + len(keyword) + width, len(body))
    return ("…" if start else "") + body[start:end] + ("…" if end < len(body) else "")


def search(uow: UnitOfWork, keyword: str, *, limit: int = 50) -> list[Found]:
    """Regulations whose 名称, 发布单位 or 内容 contain ``keyword`` (pinyin initials too), with an excerpt."""
    if not keyword.strip():
        raise ValidationError("检索关键字不能为空", field="关键字", value=keyword)
    result = run_query(uow, REGULATION, QuerySpec(contains=keyword.strip(), limit=limit))
    return [Found(regulation=r, excerpt=excerpt(r.content, keyword.strip())) for r in result.records]
