"""The use cases of the photo store: attach a photo to a record, show a record's photos, detach them.

Every face (CLI, web) calls these inside a unit of work. Permissions follow the record the photo
belongs to: adding or removing a resident's photo changes that resident, so it needs ``resident.edit``;
seeing it needs ``resident.view`` (and the path, which holds 姓名 and 身份证号, is sensitive: masked for
operators without ``pii.view``). A record outside the operator's region is "not found", as everywhere.

A photo is re-encoded as JPEG before it is stored (never the bytes as given: no EXIF, no GPS), named by
its entity's rule (:mod:`gridcore_camera.naming`), and written to the store only when the record
commits (:mod:`gridcore_camera.transaction_files`). For an entity with one photo per record (residents,
households) a new photo replaces the old one, and the record's own 照片 field follows the store.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import attrs
from PIL import Image
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from gridcore.entities import entity_fields, resolve_field
from gridcore.errors import ConflictError, ValidationError
from gridcore.services import records
from gridcore.services.presentation import present_value
from gridcore.services.unit import UnitOfWork, operation
from gridcore_camera.faces import default_face_finder
from gridcore_camera.files import temporary_copy
from gridcore_camera.images import encode_jpeg
from gridcore_camera.models import SOURCES, CameraPhoto
from gridcore_camera.naming import PhotoNaming, rule_for, safe_stem, with_suffix_number
from gridcore_camera.standardize import preset, standardize
from gridcore_camera.store import absolute, name_taken, photo_root, relative_path
from gridcore_camera.transaction_files import place_on_commit, remove_on_commit

ENTITY = "camera_photo"
PLUGIN = "camera"
SUFFIX = ".jpg"
#: ``size`` for a photo kept as it was taken.
KEEP = "none"


@attrs.frozen
class Owner:
    """The record a photo belongs to, its entity's naming rule and the key people know it by."""

    entity_id: str
    rule: PhotoNaming
    record: Any
    key: str


def find_owner(uow: UnitOfWork, entity_id: str, key: str) -> Owner:
    """The record of ``entity_id`` named by ``key`` (natural key or ``#id``), inside the operator's scope."""
    rule = rule_for(uow.app, entity_id)
    record = records.find(uow, rule.entity, key)
    return Owner(entity_id=rule.entity, rule=rule, record=record, key=records.key_of(uow, rule.entity, record))


def require_filled(uow: UnitOfWork, owner: Owner) -> None:
    """Refuse while a field the file name is made of is blank (R-F04: 姓名 and 身份证号; R-D10: 户主姓名)."""
    entity = uow.app.registry.entities[owner.entity_id]
    blank = [
        resolve_field(entity.model, name).label
        for name in owner.rule.required
        if not str(getattr(owner.record, name, None) or "").strip()
    ]
    if blank:
        labels = "、".join(f"「{label}」" for label in blank)
        raise ValidationError(
            f"{entity.title} {owner.key} 的{labels}为空: 请先填写, 再拍照或添加照片 (照片以这些字段命名)",
            field=blank[0],
        )


@operation("{entity}.view")
def ready_for_photo(uow: UnitOfWork, entity_id: str, key: str) -> str:
    """Check, before a camera is opened, that the record exists and can be photographed; return its key."""
    owner = find_owner(uow, entity_id, key)
    require_filled(uow, owner)
    return owner.key


def photos_of(session: Session, entity_id: str, owner_id: int) -> list[CameraPhoto]:
    statement = (
        select(CameraPhoto)
        .where(CameraPhoto.entity == entity_id, CameraPhoto.owner_id == owner_id)
        .order_by(CameraPhoto.id)
    )
    return list(session.scalars(statement))


@operation("{entity}.edit")
def attach(
    uow: UnitOfWork,
    entity_id: str,
    key: str,
    image: Image.Image,
    *,
    source: str = "file",
    taken_at: dt.datetime | None = None,
    size: str | None = None,
) -> CameraPhoto:
    """Store ``image`` as the photo of the record ``key`` of ``entity_id``; return the photo record.

    ``size`` names a preset (``one-inch``, ``id-card``) the picture is brought to, or :data:`KEEP` for
    the picture as it is; by default the entity's rule decides (a resident's photo is a one-inch photo,
    R-F03). For an entity with one photo per record, the current photo is replaced (its file removed
    after the commit); otherwise the photo is added, named with a ``-2``, ``-3`` … suffix when the name
    is taken.
    """
    if source not in SOURCES:
        raise ValidationError(f"照片来源「{source}」无效; 可用: {'、'.join(SOURCES)}", field="来源", value=source)
    owner = find_owner(uow, entity_id, key)
    require_filled(uow, owner)
    image, dpi = sized(image, size if size is not None else owner.rule.preset)
    root = photo_root(uow.app)
    current = photos_of(uow.session, owner.entity_id, owner.record.id)
    replaced = None if owner.rule.multiple or not current else current[0]
    stem = safe_stem(owner.rule.name(owner.record))
    file_name = with_suffix_number(
        stem,
        SUFFIX,
        lambda name: name_taken(
            uow.session,
            root,
            relative_path(owner.entity_id, name),
            besides=replaced.path if replaced is not None else None,
        ),
    )
    path = relative_path(owner.entity_id, file_name)
    data = encode_jpeg(image, quality=int(uow.app.setting(PLUGIN, "jpeg_quality")), dpi=dpi)
    target = absolute(root, path)
    place_on_commit(uow.session, temporary_copy(target.parent, data), target)
    extras = current[1:] if replaced is not None else []  # more than one photo where one is kept
    stale = [p.path for p in extras]
    if replaced is not None and replaced.path != path:
        stale.append(replaced.path)
    photo = replaced or CameraPhoto(entity=owner.entity_id, owner_id=owner.record.id)
    photo.owner_key = owner.key
    photo.path = path
    photo.sha256 = hashlib.sha256(data).hexdigest()
    photo.width, photo.height = image.size
    photo.source = source
    photo.taken_at = taken_at
    photo.created_at = uow.app.clock()
    photo.created_by = uow.actor.login
    for extra in extras:
        uow.write(ENTITY, "delete", extra, key=owner.key)
    _write(uow, photo, "update" if replaced is not None else "create")
    _point_owner_at(uow, owner, path)
    remove_on_commit(uow.session, [absolute(root, p) for p in stale])
    return photo


def sized(image: Image.Image, size: str | None) -> tuple[Image.Image, int | None]:
    """``image`` brought to the preset ``size`` (face-centred when OpenCV is installed) and its dpi."""
    if size is None or size == KEEP:
        return image, None
    target = preset(size)
    return standardize(image, target, faces=default_face_finder()).image, target.dpi


def _write(uow: UnitOfWork, photo: CameraPhoto, action: str) -> None:
    uow.write(ENTITY, action, photo, key=photo.owner_key)
    try:
        uow.session.flush()
    except IntegrityError:
        raise ConflictError(f"照片文件名 {Path(photo.path).name} 刚被其他操作占用, 请重试") from None


def _point_owner_at(uow: UnitOfWork, owner: Owner, path: str | None) -> None:
    """Keep the record's own 照片 field (if its entity has one) equal to its current photo."""
    field = owner.rule.field
    if field is None or owner.rule.multiple or getattr(owner.record, field, None) == path:
        return
    setattr(owner.record, field, path)
    uow.write(owner.entity_id, "update", owner.record, key=owner.key)


@operation("{entity}.edit")
def detach(uow: UnitOfWork, entity_id: str, key: str, *, photo_id: int | None = None) -> int:
    """Remove the photos of a record (or only photo ``photo_id``); their files go after the commit."""
    owner = find_owner(uow, entity_id, key)
    photos = photos_of(uow.session, owner.entity_id, owner.record.id)
    if photo_id is not None:
        photos = [p for p in photos if p.id == photo_id]
        if not photos:
            raise ValidationError(f"{owner.key} 没有编号为 {photo_id} 的照片", field="照片编号", value=photo_id)
    root = photo_root(uow.app)
    for photo in photos:
        uow.write(ENTITY, "delete", photo, key=owner.key)
    field = owner.rule.field
    if field is not None and getattr(owner.record, field, None) in {p.path for p in photos}:
        _point_owner_at(uow, owner, None)
    remove_on_commit(uow.session, [absolute(root, p.path) for p in photos])
    return len(photos)


@operation("{entity}.view")
def show(uow: UnitOfWork, entity_id: str, key: str) -> list[dict[str, Any]]:
    """The photos of a record as people see them (the path masked without ``pii.view``), oldest first."""
    owner = find_owner(uow, entity_id, key)
    root = photo_root(uow.app)
    return [photo_view(uow, photo, root) for photo in photos_of(uow.session, owner.entity_id, owner.record.id)]


def photo_view(uow: UnitOfWork, photo: CameraPhoto, root: Path) -> dict[str, Any]:
    """``{label: shown value}`` of a photo record, plus 文件, the absolute path (when the path is shown)."""
    view = {f.label: present_value(uow, f, getattr(photo, f.name)) for f in entity_fields(CameraPhoto)}
    view["来源"] = SOURCES.get(photo.source, photo.source)
    shown = view["照片路径"] == photo.path
    view["文件"] = str(absolute(root, photo.path)) if shown else view["照片路径"]
    return view


def forget_owner(session: Session, root: Path | None, entity_id: str, owner_id: int) -> None:
    """Delete the photo records of a record being deleted; their files go when the deletion commits."""
    photos = photos_of(session, entity_id, owner_id)
    for photo in photos:
        session.delete(photo)
    if root is not None:
        remove_on_commit(session, [absolute(root, p.path) for p in photos])
