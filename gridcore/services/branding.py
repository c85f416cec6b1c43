"""Software information (软件信息) and user information (用户信息): what every face shows.

Three sources, each overriding the one before key by key: a branding plugin (the ``branding`` hook), the
edition's ``[branding]`` table, then what an administrator set with ``gridcore brand set`` (stored in
``core_branding``). Software information (name, company, logo ...) needs ``system.brand`` (a reseller or
the system administrator); user information (用户名称, background) needs ``system.user_info``. Every
change is audited. Images (logo, background) must be image files; their paths are stored.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from gridcore.contributions import Branding
from gridcore.domain.branding import BrandingValue
from gridcore.errors import PermissionDeniedError, ValidationError
from gridcore.services import audit
from gridcore.services.unit import UnitOfWork, operation

if TYPE_CHECKING:
    from gridcore.app import GridApp

BRAND_PERMISSION = "system.brand"
USER_INFO_PERMISSION = "system.user_info"

#: Every branding key with its Chinese label, in the order people see them.
LABELS: dict[str, str] = {
    "name": "软件名称",
    "version_label": "版本标签",
    "company": "开发单位",
    "contact": "联系方式",
    "copyright": "版权信息",
    "logo": "标志图片",
    "about": "软件说明",
    "user_name": "用户名称",
    "background": "背景图片",
}
USER_KEYS = frozenset({"user_name", "background"})
IMAGE_KEYS = frozenset({"logo", "background"})
MAX_LENGTH = 2000


def resolve_key(name: str) -> str:
    """The branding key of ``name`` (an attribute such as ``company`` or its label such as 开发单位)."""
    text = name.strip()
    for key, label in LABELS.items():
        if text in (key, label):
            return key
    known = "、".join(f"{label}({key})" for key, label in LABELS.items())
    raise ValidationError(f"没有软件信息项「{text}」: 可用 {known}", field="软件信息", value=text)


def permission_for(key: str) -> str:
    return USER_INFO_PERMISSION if key in USER_KEYS else BRAND_PERMISSION


def stored(app: GridApp) -> dict[str, str]:
    """What administrators set (empty before ``gridcore init`` or on a database without the table)."""
    if not app.db.is_initialized():
        return {}
    with contextlib.suppress(SQLAlchemyError), app.db.read_session() as session:
        return {row.key: row.value for row in session.scalars(select(BrandingValue))}
    return {}


def current(app: GridApp) -> Branding:
    """The branding every face shows: plugin, then edition, then what administrators set."""
    return attrs.evolve(app.branding, **stored(app))


def _checked(key: str, value: str) -> str:
    text = value.strip()
    label = LABELS[key]
    if len(text) > MAX_LENGTH:
        raise ValidationError(f"「{label}」最多 {MAX_LENGTH} 个字符", field=label, value=text[:20])
    if key in IMAGE_KEYS and text:
        _require_image(Path(text).expanduser(), label)
        return str(Path(text).expanduser().resolve())
    return text


def _require_image(path: Path, label: str) -> None:
    from PIL import Image, UnidentifiedImageError

    if not path.is_file():
        raise ValidationError(f"「{label}」文件 {path} 不存在: 请给出图片文件的路径", field=label, value=str(path))
    try:
        with Image.open(path) as image:
            image.verify()
    except (UnidentifiedImageError, OSError):
        raise ValidationError(
            f"「{label}」{path} 不是图片文件: 请使用 PNG 或 JPEG", field=label, value=str(path)
        ) from None


@operation(USER_INFO_PERMISSION)
def set_values(uow: UnitOfWork, given: Mapping[str, str]) -> dict[str, str]:
    """Set branding keys (a blank value removes the override); return ``{key: value}`` as stored.

    Software information also needs ``system.brand``: checked per key before anything is written.
    """
    changes = {resolve_key(name): value for name, value in given.items()}
    for key in changes:
        needed = permission_for(key)
        if not uow.actor.can(needed):
            raise PermissionDeniedError(f"操作员 {uow.actor.login} 没有权限「{needed}」, 不能修改「{LABELS[key]}」")
    checked = {key: _checked(key, value) for key, value in changes.items()}
    now = uow.app.clock()
    for key, value in checked.items():
        row = uow.session.get(BrandingValue, key)
        if not value:
            if row is not None:
                uow.session.delete(row)
        elif row is None:
            uow.session.add(BrandingValue(key=key, value=value, changed_at=now, changed_by=uow.actor.login))
        else:
            row.value, row.changed_at, row.changed_by = value, now, uow.actor.login
    audit.record(uow, "branding.set", entity="branding", object_key=",".join(checked), detail=checked)
    return checked


def shown(branding: Branding) -> dict[str, str]:
    """``{label: value}`` of every branding field, for people."""
    return {label: str(getattr(branding, key)) for key, label in LABELS.items()}
