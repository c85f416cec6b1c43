"""Reading a picture safely and writing it back clean.

A file is an image only if Pillow recognises its *content* as one of :data:`ACCEPTED_FORMATS` (the file
name's suffix proves nothing); Pillow's other decoders (EPS runs Ghostscript, for one) are never tried.
What is kept is the picture alone: it is turned upright by its EXIF orientation, converted to RGB, and
copied into a new image, so that EXIF (GPS position, camera serial number), XMP, ICC profiles and
comments never reach the photo store. Every refusal is one line naming the file.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import attrs
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

from gridcore.errors import ValidationError

#: The formats accepted as input, by Pillow's format name (JPEG includes the MPO files of some cameras).
ACCEPTED_FORMATS = ("JPEG", "PNG", "BMP", "GIF", "TIFF", "WEBP")
#: What people are told they may give.
ACCEPTED_LABEL = "JPG、PNG、BMP、GIF、TIFF、WEBP"
#: Larger pictures are refused before they are decoded (a decompression bomb is tiny on disk).
MAX_PIXELS = 60_000_000
#: Larger files are refused before they are read.
MAX_BYTES = 64 * 1024 * 1024
#: Suffixes that :func:`save_image` writes, and the format it writes for each.
OUTPUT_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}
WHITE = (255, 255, 255)
_DATETIME_ORIGINAL = 0x9003


@attrs.frozen(kw_only=True)
class LoadedImage:
    """A picture read from a file: upright, RGB, without any metadata, plus what was learnt on the way."""

    image: Image.Image
    source_format: str
    taken_at: dt.datetime | None = None  # EXIF DateTimeOriginal, read before the EXIF was dropped


def not_an_image(name: str, reason: str = "") -> ValidationError:
    detail = f" ({reason})" if reason else ""
    return ValidationError(
        f"{name}: 不是可识别的图片{detail}; 请使用 {ACCEPTED_LABEL} 格式的图片文件", field="照片", value=name
    )


def load_image(path: Path) -> LoadedImage:
    """Read ``path`` as an image, checked by its content; a missing, huge or broken file is refused."""
    name = path.name or str(path)
    if not path.is_file():
        raise ValidationError(f"{path}: 文件不存在或不是普通文件", field="照片", value=str(path))
    if path.stat().st_size > MAX_BYTES:
        raise ValidationError(
            f"{name}: 文件超过 {MAX_BYTES // (1024 * 1024)} MB, 请先缩小图片", field="照片", value=name
        )
    return read_image(path.read_bytes(), name)


def read_image(data: bytes, name: str) -> LoadedImage:
    """Decode ``data`` (the bytes of a file called ``name``) into a clean :class:`LoadedImage`."""
    if not data:
        raise not_an_image(name, "空文件")
    try:
        with Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS) as probe:
            _check_size(probe, name)
            probe.verify()
        with Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS) as opened:
            _check_size(opened, name)
            opened.load()
            source_format = str(opened.format)
            taken_at = _taken_at(opened)
            image = clean(opened)
    except ValidationError:
        raise
    except UnidentifiedImageError:
        raise not_an_image(name) from None
    except (OSError, SyntaxError, ValueError, TypeError, Image.DecompressionBombError) as error:
        raise not_an_image(name, f"文件已损坏: {type(error).__name__}") from None
    return LoadedImage(image=image, source_format=source_format, taken_at=taken_at)


def _check_size(image: Image.Image, name: str) -> None:
    width, height = image.size
    if width < 1 or height < 1:
        raise not_an_image(name, "尺寸为零")
    if width * height > MAX_PIXELS:
        raise ValidationError(
            f"{name}: 图片 {width}×{height} 像素过大 (上限 {MAX_PIXELS:,} 像素), 请先缩小", field="照片", value=name
        )


def _taken_at(image: Image.Image) -> dt.datetime | None:
    """When the photo was taken, from EXIF DateTimeOriginal (camera local time), if it says so."""
    try:
        value = image.getexif().get_ifd(ExifTags.IFD.Exif).get(_DATETIME_ORIGINAL)
        if not isinstance(value, str):
            return None
        return dt.datetime.strptime(value.strip("\x00 "), "%Y:%m:%d %H:%M:%S").astimezone()
    except (ValueError, TypeError, KeyError, SyntaxError, OSError):
        return None


def clean(image: Image.Image) -> Image.Image:
    """``image`` upright, in RGB on white, as a new image that carries no metadata at all."""
    upright = ImageOps.exif_transpose(image) or image
    if upright.mode in ("RGBA", "LA") or (upright.mode == "P" and "transparency" in upright.info):
        rgba = upright.convert("RGBA")
        flat = Image.new("RGB", rgba.size, WHITE)
        flat.paste(rgba, mask=rgba.getchannel("A"))
    else:
        flat = upright.convert("RGB")
    fresh = Image.new("RGB", flat.size, WHITE)
    fresh.paste(flat)
    return fresh


def encode_jpeg(image: Image.Image, *, quality: int, dpi: int | None = None) -> bytes:
    """The JPEG bytes of ``image`` (nothing but the picture, and the dpi when given)."""
    buffer = io.BytesIO()
    options: dict[str, object] = {"quality": quality, "optimize": True}
    if dpi is not None:
        options["dpi"] = (dpi, dpi)
    clean(image).save(buffer, "JPEG", **options)
    return buffer.getvalue()


def output_format(path: Path) -> str:
    """The format written for ``path``, by its suffix; anything but .jpg, .jpeg or .png is refused."""
    found = OUTPUT_FORMATS.get(path.suffix.lower())
    if found is None:
        raise ValidationError(
            f"{path.name}: 输出文件的扩展名应为 .jpg 或 .png (照片统一保存为 JPG)", field="输出文件", value=str(path)
        )
    return found


def image_bytes(image: Image.Image, path: Path, *, quality: int, dpi: int | None = None) -> bytes:
    """The bytes of ``image`` in the format ``path``'s suffix names (JPEG or PNG), without metadata."""
    if output_format(path) == "JPEG":
        return encode_jpeg(image, quality=quality, dpi=dpi)
    buffer = io.BytesIO()
    options: dict[str, object] = {"optimize": True}
    if dpi is not None:
        options["dpi"] = (dpi, dpi)
    clean(image).save(buffer, "PNG", **options)
    return buffer.getvalue()
