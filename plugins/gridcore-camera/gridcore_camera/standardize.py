"""One-inch photos (单张照片处理, R-R01): crop a portrait to the preset's shape and size, set its dpi.

The presets are the one-inch photo, 25×35 mm = 295×413 px at 300 dpi, and the ID-card photo of the
second-generation 居民身份证, 26×32 mm = 358×441 px at 350 dpi. The crop keeps the face in the upper
middle when a face finder finds one (the face box then fills :data:`FACE_SHARE` of the height, its
centre at :data:`FACE_LINE` from the top), and is the largest centred box of the right shape otherwise.
"""

from __future__ import annotations

from pathlib import Path

import attrs
from PIL import Image

from gridcore.errors import ValidationError
from gridcore_camera.faces import FaceBox, FaceFinder
from gridcore_camera.files import refuse_same_file, write_file
from gridcore_camera.images import image_bytes, load_image

#: The height of the face box as a share of the photo's height.
FACE_SHARE = 0.5
#: Where the face's centre sits, as a share of the photo's height from the top.
FACE_LINE = 0.45
#: JPEG quality of standardised photos (they are small; keep them sharp).
QUALITY = 95


@attrs.frozen
class Preset:
    """A target photo: size in pixels and resolution in dots per inch."""

    id: str
    title: str
    width: int
    height: int
    dpi: int


PRESETS: dict[str, Preset] = {
    "one-inch": Preset("one-inch", "一寸照", 295, 413, 300),
    "id-card": Preset("id-card", "身份证照", 358, 441, 350),
}


def preset(name: str) -> Preset:
    found = PRESETS.get(name)
    if found is None:
        raise ValidationError(f"没有照片规格「{name}」; 可用: {'、'.join(PRESETS)}", field="规格", value=name)
    return found


@attrs.frozen
class Standardized:
    """A standardised photo and the face it was centred on (``None``: centre crop)."""

    image: Image.Image
    face: FaceBox | None
    box: tuple[int, int, int, int]


def crop_box(size: tuple[int, int], target: tuple[int, int], face: FaceBox | None) -> tuple[int, int, int, int]:
    """The (left, top, right, bottom) box of ``target``'s shape to cut from a picture of ``size``."""
    width, height = size
    aspect = target[0] / target[1]
    fit_height = min(height, width / aspect)  # the tallest box of the right shape that fits
    if face is None:
        box_height = fit_height
        centre_x, top = width / 2, (height - box_height) / 2
    else:
        box_height = min(fit_height, face.height / FACE_SHARE)
        centre_x, centre_y = face.centre
        top = centre_y - box_height * FACE_LINE
    box_width = box_height * aspect
    left = min(max(centre_x - box_width / 2, 0.0), width - box_width)
    top = min(max(top, 0.0), height - box_height)
    right, bottom = round(left + box_width), round(top + box_height)
    return (round(left), round(top), max(right, round(left) + 1), max(bottom, round(top) + 1))


def standardize(image: Image.Image, target: Preset, *, faces: FaceFinder | None = None) -> Standardized:
    """``image`` cut to ``target``'s shape (around the face, if ``faces`` finds one) and resized to it."""
    face = faces(image) if faces is not None else None
    box = crop_box(image.size, (target.width, target.height), face)
    resized = image.crop(box).resize((target.width, target.height), Image.Resampling.LANCZOS)
    return Standardized(image=resized, face=face, box=box)


def standardize_file(
    source: Path, output: Path, target: Preset, *, faces: FaceFinder | None = None, overwrite: bool = False
) -> Standardized:
    """Read ``source``, standardise it, and write ``output`` (JPG or PNG) with the preset's dpi.

    ``source`` is never overwritten, and an existing ``output`` only with ``overwrite``.
    """
    refuse_same_file(source, output)
    done = standardize(load_image(source).image, target, faces=faces)
    data = image_bytes(done.image, output, quality=QUALITY, dpi=target.dpi)
    write_file(output, data, overwrite=overwrite)
    return done
