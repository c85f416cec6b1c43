"""Map image files: checked by their content, stored under the configured root, opened for drawing.

An image is whatever Pillow can decode (PNG, JPEG, GIF, BMP, WebP ...), of any size, in a file of at most
:data:`MAX_BYTES`, whether it comes from a path (the CLI) or an upload (the web form); it is stored
re-encoded as PNG (which also drops EXIF and GPS data) under a name made of the region's code and a
digest of the content, so replacing a map never overwrites a file another record may still name. The
database keeps only that name (图片) and the size (图片宽度, 图片高度).
"""

from __future__ import annotations

import hashlib
import io
import os
import secrets
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from gridcore.errors import ConfigError, NotFoundError, ValidationError

if TYPE_CHECKING:
    from PIL import Image

    from gridcore import GridApp

RECOMMENDED_SIZE = (800, 600)
DEFAULT_FOLDER = "map-images"
#: The largest image file accepted (an 800×600 map is a few hundred KB).
MAX_BYTES = 10 * 1024 * 1024


@attrs.frozen(kw_only=True)
class StoredImage:
    """A map image as stored: its file name under the root, and its size in pixels."""

    name: str
    width: int
    height: int

    @property
    def recommended(self) -> bool:
        return (self.width, self.height) == RECOMMENDED_SIZE


def image_root(app: GridApp) -> Path:
    """The folder map images live in: the ``image_root`` setting, else ``map-images`` beside a SQLite file."""
    configured = str(app.setting("maps", "image_root")).strip()
    if configured:
        return Path(configured)
    database = app.db.sqlite_path
    if database is None:
        raise ConfigError("网络版须在版本配置 [settings.maps] image_root 指定地图图片目录 (各客户端都能访问的共享目录)")
    return database.resolve().parent / DEFAULT_FOLDER


def decode(data: bytes, *, source: str) -> Image.Image:
    """The image in ``data``, fully decoded; anything that is not an image is one clear line."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            image.load()
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            f"文件 {source} 不是可识别的图片 (或尺寸过大): 请选择 PNG、JPEG、GIF 或 BMP 图片",
            field="图片",
            value=source,
        ) from None
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(f"图片 {source} 已损坏, 无法读取: {error}", field="图片", value=source) from None
    return image


def as_png(image: Image.Image) -> bytes:
    """``image`` re-encoded as PNG (RGB, or RGBA when it has transparency), without any metadata."""
    has_alpha = image.mode in {"RGBA", "LA", "PA"} or (image.mode == "P" and "transparency" in image.info)
    plain = image.convert("RGBA" if has_alpha else "RGB")
    buffer = io.BytesIO()
    plain.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def store(app: GridApp, source: Path, *, region_code: str) -> StoredImage:
    """Check the file ``source`` is an image and store it under the root; nothing is written for a bad file."""
    try:
        if source.stat().st_size > MAX_BYTES:
            raise too_large(source.name)
        data = source.read_bytes()
    except FileNotFoundError:
        raise NotFoundError(f"图片文件不存在: {source}") from None
    except OSError as error:
        raise ValidationError(f"无法读取图片文件 {source}: {error.strerror}", field="图片", value=str(source)) from None
    return store_data(app, data, source=source.name, region_code=region_code)


def too_large(source: str, limit: int = MAX_BYTES) -> ValidationError:
    """The refusal of a file over ``limit`` bytes (:data:`MAX_BYTES`, or a face's own smaller limit)."""
    megabytes = f"{limit / (1024 * 1024):g}"
    return ValidationError(f"图片文件 {source} 超过 {megabytes} MB: 请先缩小图片", field="图片", value=source)


def store_data(app: GridApp, data: bytes, *, source: str, region_code: str) -> StoredImage:
    """Check ``data`` (the content of the file ``source``, e.g. an upload) is an image and store it.

    Nothing is written for a bad file.
    """
    if len(data) > MAX_BYTES:
        raise too_large(source)
    image = decode(data, source=source)
    encoded = as_png(image)
    digest = hashlib.sha256(encoded).hexdigest()[:16]
    name = f"{region_code}-{digest}.png"
    root = image_root(app)
    try:
        root.mkdir(parents=True, exist_ok=True)
        target = root / name
        if not target.exists():
            temporary = root / f".{name}.{secrets.token_hex(4)}.tmp"
            temporary.write_bytes(encoded)
            os.replace(temporary, target)
    except OSError as error:
        raise ConfigError(f"地图图片目录 {root} 不可写: {error.strerror}") from None
    return StoredImage(name=name, width=image.width, height=image.height)


def stored_path(app: GridApp, name: str) -> Path:
    """The file of a stored image name; a name that is not a plain file name is refused."""
    if not name or Path(name).name != name or name.startswith("."):
        raise ValidationError(f"地图图片名 {name!r} 无效: 请重新设置地图图片", field="图片", value=name)
    path = image_root(app) / name
    if not path.is_file():
        raise NotFoundError(f"地图图片文件 {path} 不存在: 请检查 [settings.maps] image_root 或重新设置地图图片")
    return path


def open_stored(app: GridApp, name: str) -> Image.Image:
    """A stored map image, decoded, in RGB."""
    path = stored_path(app, name)
    return decode(path.read_bytes(), source=path.name).convert("RGB")
