"""The use cases of the notebook: add an entry, list entries. Every face (CLI, web) calls these.

A write follows the kernel's one path: validate -> ``uow.write`` inside one unit of work (it runs the
``entity_write`` hook, so other plugins' wrappers can check or refuse it, indexes the record for search
and writes the audit record) -> notify ``on_event`` after commit. The unit of work runs as ``actor``:
the operator the command resolved (``context.actor``), or the system itself in tests and scripts.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from gridcore import Event
from gridcore.errors import ValidationError
from gridcore.services.unit import SYSTEM, Actor, unit_of_work
from sqlalchemy import select

from gridcore_notebook.models import NotebookEntry
from gridcore_notebook.plugin import ENTITY, ENTRY_ADDED, PLUGIN

if TYPE_CHECKING:
    from gridcore import GridApp

TITLE_MAX = 100


def add_entry(
    app: GridApp,
    *,
    title: str,
    content: str = "",
    author: str | None = None,
    entry_date: dt.date | None = None,
    actor: Actor = SYSTEM,
) -> NotebookEntry:
    """Record one entry and return it with its number; a blank or too long title is refused."""
    title = title.strip()
    if not title:
        raise ValidationError("标题不能为空: 请用 --title 写明这篇日记的标题", field="标题", value=title)
    if len(title) > TITLE_MAX:
        raise ValidationError(f"标题最多 {TITLE_MAX} 个字, 现有 {len(title)} 个字", field="标题", value=title)
    if author is None:
        author = str(app.setting(PLUGIN.name, "default_author")) or None
    entry = NotebookEntry(
        entry_date=entry_date or dt.date.today(),
        title=title,
        content=content.strip(),
        author=author.strip() if author else None,
    )
    with unit_of_work(app, actor) as uow:
        uow.write(ENTITY, "create", entry)
    event = Event(
        type=ENTRY_ADDED, entity=ENTITY, key=str(entry.id), action="create", payload={"title": title}
    )
    app.plugins.notify(app, event)
    return entry


def list_entries(app: GridApp, *, month: str | None = None) -> list[NotebookEntry]:
    """Entries, newest first; ``month`` (``YYYY-MM``) keeps one month only."""
    statement = select(NotebookEntry).order_by(NotebookEntry.entry_date.desc(), NotebookEntry.id.desc())
    if month is not None:
        first = _month_start(month)
        after = (first + dt.timedelta(days=32)).replace(day=1)
        statement = statement.where(NotebookEntry.entry_date >= first, NotebookEntry.entry_date < after)
    with app.db.read_session() as session:
        entries = list(session.scalars(statement))
        session.expunge_all()  # read_session() ends with a rollback, which would expire loaded rows
    return entries


def _month_start(month: str) -> dt.date:
    try:
        return dt.datetime.strptime(month, "%Y-%m").date()
    except ValueError:
        message = f"月份 {month!r} 的格式应为 YYYY-MM, 例如 2026-11"
        raise ValidationError(message, field="月份", value=month) from None
