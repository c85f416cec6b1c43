"""The web's part of the demo (``make demo``): the unit's signing key, so that 数据备份 and 数据上报 work
in the browser at once, and a note on how to open the web face.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from gridcore.domain.regions import Region
from gridcore.services import keys
from gridcore.services.unit import unit_of_work

if TYPE_CHECKING:
    from gridcore import GridApp

NOTE = "网页版.txt"


def ensure_unit_key(app: GridApp) -> Path:
    """Create the unit's key file (named after the top region) unless there is one; return its path."""
    path = keys.key_path(app)
    if path.exists():
        return path
    with unit_of_work(app) as uow:
        top = (
            uow.session.execute(select(Region).where(Region.parent_id.is_(None)).order_by(Region.id)).scalars().first()
        )
        code, name = (top.code, top.name) if top is not None else ("DEMO", "演示单位")
        keys.init_key(uow, path=path, code=code, name=name)
    return path


def populate(app: GridApp, folder: Path) -> None:
    key = ensure_unit_key(app)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / NOTE).write_text(
        "网页版 (gridcore-web)\n"
        f"启动: gridcore --db {app.db.display} serve   (登录后在浏览器打开 http://127.0.0.1:8000)\n"
        "make demo 结束时会自动启动; 加 NO_SERVE=1 则不启动。\n"
        f"本单位密钥 (数据备份、数据上报用): {key}\n",
        encoding="utf-8",
    )
