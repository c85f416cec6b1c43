"""Activities (组织活动管理, R-P05, R-P06): numbers, participants and photos.

An activity is numbered ``HD`` + its date + two digits (HD2024061501), on its own sequence per day; the
number is kept for life. Its photos are named by that number, and later ones get ``-2``, ``-3`` ...
so that no two photos share a name (the manual left the renaming to the user).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Sequence
from pathlib import Path, PurePath

from sqlalchemy import delete, insert, select

from gridcore.errors import ValidationError
from gridcore.services import records
from gridcore.services.numbers import allocate_number
from gridcore.services.unit import UnitOfWork, operation
from gridcore_party.members import member_by_key
from gridcore_party.models import ActivityPhoto, PartyActivity, participants
from gridcore_party.plugin import ACTIVITY, PHOTO, PLUGIN

NUMBER_PREFIX = "HD"
NUMBER_WIDTH = 2
NAME_SEPARATOR = "、"
DEFAULT_SUFFIX = ".jpg"


def check_activity(uow: UnitOfWork, activity: PartyActivity) -> None:
    """Number a new activity: HD + 活动日期 (YYYYMMDD) + two digits."""
    if not activity.activity_no:
        activity.activity_no = allocate_number(
            uow,
            kind=ACTIVITY,
            prefix=f"{NUMBER_PREFIX}{activity.activity_date:%Y%m%d}",
            column=PartyActivity.activity_no,
            width=NUMBER_WIDTH,
        )


def photo_name(activity_no: str, suffix: str, taken: Sequence[str]) -> str:
    """``HD2024061501.jpg`` for the first photo, then ``HD2024061501-2.jpg``, ``-3`` ... (R-P06)."""
    pattern = re.compile(rf"{re.escape(activity_no)}(?:-(\d+))?(?:\.\w+)?")
    used = [int(m.group(1) or 1) for m in (pattern.fullmatch(name) for name in taken) if m]
    suffix = (suffix or DEFAULT_SUFFIX).lower()
    number = max(used, default=0) + 1
    return f"{activity_no}{suffix}" if number == 1 else f"{activity_no}-{number}{suffix}"


def check_photo(uow: UnitOfWork, photo: ActivityPhoto) -> None:
    """Give a new photo its name from the activity's number."""
    if photo.file_name:
        return
    activity = uow.session.get(PartyActivity, photo.activity_id)
    if activity is None or not activity.activity_no:
        raise ValidationError("「活动编号」不存在: 请先登记组织活动", field="活动编号")
    taken = uow.session.execute(select(ActivityPhoto.file_name).where(ActivityPhoto.activity_id == activity.id))
    names = [name for name in taken.scalars() if name]
    photo.file_name = photo_name(activity.activity_no, PurePath(photo.path or "").suffix, names)


@operation(f"{ACTIVITY}.edit")
def set_participants(uow: UnitOfWork, activity_key: str, member_keys: Sequence[str]) -> PartyActivity:
    """Replace the activity's participants (members by ``#id`` or 常住编号); 参加人数 and 参加人员 follow."""
    activity: PartyActivity = records.find(uow, ACTIVITY, activity_key)
    members = list({m.id: m for m in (member_by_key(uow, key) for key in member_keys)}.values())
    uow.session.execute(delete(participants).where(participants.c.activity_id == activity.id))
    if members:
        rows = [{"activity_id": activity.id, "member_id": m.id} for m in members]
        uow.session.execute(insert(participants), rows)
    activity.participant_count = len(members)
    activity.participant_names = NAME_SEPARATOR.join(m.name or "" for m in members) or None
    uow.write(ACTIVITY, "update", activity, key=activity.activity_no or "")
    return activity


def participant_ids(uow: UnitOfWork, activity: PartyActivity) -> list[int]:
    query = select(participants.c.member_id).where(participants.c.activity_id == activity.id)
    return sorted(uow.session.execute(query).scalars())


@operation(f"{PHOTO}.edit")
def attach_photo(
    uow: UnitOfWork, activity_key: str, source: Path, *, kind: str = "文件", copy_to: Path | None = None
) -> ActivityPhoto:
    """Record a photo of the activity; with a folder (``copy_to`` or ``[settings.party] photo_dir``) the
    file is copied there under its generated name and that copy is recorded."""
    activity: PartyActivity = records.find(uow, ACTIVITY, activity_key)
    configured = str(uow.app.setting(PLUGIN.name, "photo_dir"))
    folder = copy_to or (Path(configured) if configured else None)
    if folder is not None and not source.is_file():
        raise ValidationError(f"照片文件不存在: {source}", field="照片", value=str(source))
    photo: ActivityPhoto = records.add(
        uow, PHOTO, {"活动编号": activity.activity_no, "照片": str(source), "来源": kind}
    )
    if folder is not None and photo.file_name:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / photo.file_name
        shutil.copyfile(source, target)
        photo.path = str(target)
        uow.write(PHOTO, "update", photo, key=photo.file_name)
    return photo
