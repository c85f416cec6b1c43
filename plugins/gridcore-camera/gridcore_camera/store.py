"""The photo store: a folder (``[settings.camera] photo_root``) that holds the files the database names.

With no ``photo_root`` the store of a SQLite edition is the ``photos`` folder next to the database file
(the single-user edition keeps everything in one folder); a PostgreSQL (network) edition must name it,
because only the edition knows the server storage that every client mounts (R-F05). Inside the store a
photo lives at ``<entity>/<file name>`` (``resident/张三110105194912310021.jpg``), and the database
keeps that relative path, so that the store can move without touching a record.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from sqlalchemy import select

from gridcore.errors import ConfigError, ValidationError
from gridcore_camera.models import CameraPhoto

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from gridcore import GridApp

PLUGIN = "camera"
ROOT_SETTING = "photo_root"
DEFAULT_FOLDER = "photos"


def photo_root(app: GridApp) -> Path:
    """The folder of the photo store (not created here)."""
    configured = str(app.setting(PLUGIN, ROOT_SETTING) or "").strip()
    if configured:
        return Path(configured).expanduser().resolve()
    database = app.db.sqlite_path
    if database is None:
        raise ConfigError(
            "请在版本文件的 [settings.camera] 中设置 photo_root (照片根目录): "
            "网络版的照片存放在每台客户端都能访问的服务器存储上"
        )
    return (database.resolve().parent / DEFAULT_FOLDER).resolve()


def relative_path(entity: str, file_name: str) -> str:
    return str(PurePosixPath(entity) / file_name)


def absolute(root: Path, relative: str) -> Path:
    """The file a stored relative path names; one that would lead out of the store is refused."""
    target = (root / PurePosixPath(relative)).resolve()
    if target != root and root not in target.parents:
        raise ValidationError(f"照片路径 {relative} 不在照片根目录 {root} 之内", field="照片路径", value=relative)
    return target


def name_taken(session: Session, root: Path, relative: str, *, besides: str | None = None) -> bool:
    """Whether ``relative`` is used by a record or by a file in the store (``besides`` is free to reuse)."""
    if besides is not None and relative.casefold() == besides.casefold():
        return False
    if (root / PurePosixPath(relative)).exists():
        return True
    found = session.execute(select(CameraPhoto.id).where(CameraPhoto.path == relative)).first()
    return found is not None
