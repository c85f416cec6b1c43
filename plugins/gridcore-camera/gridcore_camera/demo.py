"""The camera's part of ``make demo``: sample photos, standardised, and photos for a few demo residents.

The samples are drawn by :mod:`gridcore_camera.samples` (synthetic, CC0). ``DIR/photos/`` gets the
sample portrait, its one-inch and ID-card versions; the first :data:`DEMO_RESIDENTS` residents with a
name and an ID number get a one-inch photo in the photo store. Running the demo again rewrites the
samples (they are the same for the same seed) and adds photos only to residents that have none.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from gridcore_camera.faces import default_face_finder
from gridcore_camera.files import write_file
from gridcore_camera.images import encode_jpeg
from gridcore_camera.models import CameraPhoto
from gridcore_camera.samples import synthetic_portrait
from gridcore_camera.standardize import PRESETS, QUALITY, standardize

if TYPE_CHECKING:
    from gridcore import GridApp

DEMO_RESIDENTS = 5
SAMPLE_SIZE = (900, 1200)


def write_samples(folder: Path, seed: int) -> list[Path]:
    """The sample portrait and its standardised versions under ``folder/photos``; return the files."""
    target = folder / "photos"
    portrait = synthetic_portrait(seed, size=SAMPLE_SIZE, centre=(0.42, 0.36), face_height=0.28)
    written = [target / "sample-portrait.jpg"]
    write_file(written[0], encode_jpeg(portrait.image, quality=QUALITY), overwrite=True)
    faces = default_face_finder()
    for preset in PRESETS.values():
        path = target / f"sample-{preset.id}.jpg"
        done = standardize(portrait.image, preset, faces=faces)
        write_file(path, encode_jpeg(done.image, quality=QUALITY, dpi=preset.dpi), overwrite=True)
        written.append(path)
    return written


def residents_without_photo(app: GridApp, limit: int) -> list[str]:
    """Keys of the first ``limit`` residents (by id) with 姓名 and 身份证号 and no photo yet."""
    resident: Any = app.registry.entities["resident"].model
    has_photo = select(CameraPhoto.owner_id).where(CameraPhoto.entity == "resident")
    statement = (
        select(resident.id, resident.resident_no)
        .where(resident.id_number.is_not(None), resident.name != "", resident.id.not_in(has_photo))
        .order_by(resident.id)
        .limit(limit)
    )
    with app.db.read_session() as session:
        return [number or f"#{rid}" for rid, number in session.execute(statement)]


def populate(app: GridApp, folder: Path, seed: int) -> None:
    from gridcore.services.unit import unit_of_work
    from gridcore_camera import photos

    samples = write_samples(folder, seed)
    with app.db.read_session() as session:
        done = session.execute(select(func.count()).where(CameraPhoto.entity == "resident")).scalar_one()
    missing = max(DEMO_RESIDENTS - done, 0)
    keys = residents_without_photo(app, missing) if missing else []
    for offset, key in enumerate(keys):
        portrait = synthetic_portrait(seed + offset + 1)
        with unit_of_work(app) as uow:  # the resident rule makes it a one-inch photo
            photos.attach(uow, "resident", key, portrait.image, source="demo")
    print(f"照片: 样例照片 {len(samples)} 张写入 {samples[0].parent}; 为 {len(keys)} 名居民添加了一寸照", flush=True)
