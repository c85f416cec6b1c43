"""File changes that follow a database transaction: done when it commits, undone when it rolls back.

A photo is written to a temporary file inside the store before the transaction commits; only when the
record is committed does the file take its name (and an old photo it replaces go away), and if the
transaction rolls back the temporary file is removed. So the store and the database never disagree
about a photo, whichever of them fails.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.orm import Session

from gridcore.errors import GridcoreError
from gridcore_camera.files import place, remove_quietly

log = logging.getLogger("gridcore_camera")


def when_committed(session: Session, action: Callable[[], None]) -> None:
    event.listen(session, "after_commit", lambda _session: action(), once=True)


def when_rolled_back(session: Session, action: Callable[[], None]) -> None:
    event.listen(session, "after_rollback", lambda _session: action(), once=True)


def place_on_commit(session: Session, temporary: Path, target: Path) -> None:
    """Move ``temporary`` to ``target`` when ``session`` commits; remove it if it rolls back."""

    def commit() -> None:
        try:
            place(temporary, target, overwrite=True)
        except OSError as error:
            raise GridcoreError(f"照片记录已保存, 但文件 {target} 写入失败: {error}; 请重新添加照片") from error

    when_committed(session, commit)
    when_rolled_back(session, lambda: remove_quietly(temporary))


def remove_on_commit(session: Session, paths: list[Path]) -> None:
    """Delete ``paths`` once ``session`` commits (a file already gone is no error)."""

    def commit() -> None:
        for path in paths:
            try:
                remove_quietly(path)
            except OSError as error:  # the record is gone; a stray file is logged, not fatal
                log.warning("could not remove photo file %s: %s", path, error)

    if paths:
        when_committed(session, commit)
