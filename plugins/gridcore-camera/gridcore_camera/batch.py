"""Batch conversion (批量照片处理, R-R02): every picture of a folder into another folder, by resolution.

The manual's defaults are 110×140 px at JPEG quality 50 ("按分辨率改"). Pictures of any size are
accepted; by default each is centre-cropped to the target's shape first (``fit="stretch"`` resizes
without cropping, as the old program did). A source file is never overwritten: the destination may be
neither the source folder nor inside it. Each file that cannot be converted is reported with the reason,
and the rest go on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import attrs
from PIL import Image

from gridcore.errors import GridcoreError, ValidationError
from gridcore_camera.files import exists, place, same_file, temporary_copy
from gridcore_camera.images import encode_jpeg, load_image
from gridcore_camera.naming import with_suffix_number
from gridcore_camera.standardize import crop_box

FITS = ("crop", "stretch")
CONVERTED, SKIPPED, FAILED = "已转换", "已跳过", "失败"


@attrs.frozen(kw_only=True)
class BatchOptions:
    width: int = 110
    height: int = 140
    quality: int = 50
    fit: str = "crop"
    overwrite: bool = False

    def check(self) -> None:
        for label, value, top in (
            ("宽度", self.width, 10000),
            ("高度", self.height, 10000),
            ("质量", self.quality, 100),
        ):
            if not 1 <= value <= top:
                raise ValidationError(f"{label} {value} 超出范围, 应为 1 到 {top}", field=label, value=value)
        if self.fit not in FITS:
            raise ValidationError(
                f"裁切方式「{self.fit}」无效; 可用: {'、'.join(FITS)}", field="裁切方式", value=self.fit
            )


@attrs.frozen(kw_only=True)
class FileOutcome:
    """What happened to one source file: 已转换, 已跳过 or 失败, the file written, and why."""

    source: str
    status: str
    target: str = ""
    reason: str = ""


@attrs.frozen(kw_only=True)
class BatchReport:
    outcomes: tuple[FileOutcome, ...]

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def summary(self) -> str:
        return (
            f"共 {len(self.outcomes)} 个文件: 已转换 {self.count(CONVERTED)}, "
            f"已跳过 {self.count(SKIPPED)}, 失败 {self.count(FAILED)}"
        )


def check_folders(source: Path, destination: Path) -> None:
    """The source must be a folder; the destination must be neither it nor inside it."""
    if not source.is_dir():
        raise ValidationError(f"{source}: 源文件夹不存在", field="源文件夹", value=str(source))
    if destination.exists() and not destination.is_dir():
        raise ValidationError(f"{destination}: 目标不是文件夹", field="目标文件夹", value=str(destination))
    inner, outer = destination.resolve(), source.resolve()
    if inner == outer or outer in inner.parents:
        raise ValidationError(
            f"{destination}: 目标文件夹不能是源文件夹或其子文件夹 (原图不会被覆盖); 请另选目标文件夹",
            field="目标文件夹",
            value=str(destination),
        )


def source_files(source: Path) -> Iterator[Path]:
    """The regular, not hidden files directly in ``source``, by name (sub-folders are not entered)."""
    for path in sorted(source.iterdir(), key=lambda p: p.name):
        if path.is_file() and not path.name.startswith("."):
            yield path


def resize(image: Image.Image, options: BatchOptions) -> Image.Image:
    size = (options.width, options.height)
    if options.fit == "crop":
        image = image.crop(crop_box(image.size, size, None))
    return image.resize(size, Image.Resampling.LANCZOS)


def convert_folder(
    source: Path,
    destination: Path,
    options: BatchOptions | None = None,
    *,
    progress: Callable[[FileOutcome], None] | None = None,
) -> BatchReport:
    """Convert every picture in ``source`` into ``destination`` (created if missing) as ``<stem>.jpg``."""
    options = options or BatchOptions()
    options.check()
    check_folders(source, destination)
    destination.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    outcomes: list[FileOutcome] = []
    for path in source_files(source):
        outcome = _convert_one(path, destination, options, taken)
        outcomes.append(outcome)
        if progress is not None:
            progress(outcome)
    return BatchReport(outcomes=tuple(outcomes))


def _convert_one(path: Path, destination: Path, options: BatchOptions, taken: set[str]) -> FileOutcome:
    name = with_suffix_number(path.stem, ".jpg", lambda candidate: candidate.casefold() in taken)
    taken.add(name.casefold())
    target = destination / name
    try:
        if target.exists() and same_file(path, target):
            return FileOutcome(source=path.name, status=FAILED, target=name, reason="目标就是原图, 不会覆盖")
        if target.exists() and not options.overwrite:
            return FileOutcome(source=path.name, status=SKIPPED, target=name, reason="目标文件已存在 (加 --force 覆盖)")
        data = encode_jpeg(resize(load_image(path).image, options), quality=options.quality)
        place(temporary_copy(destination, data), target, overwrite=options.overwrite)
    except GridcoreError as error:
        reason = str(error).removeprefix(f"{path.name}: ")
        if str(error) == str(exists(target)):
            return FileOutcome(source=path.name, status=SKIPPED, target=name, reason="目标文件已存在")
        return FileOutcome(source=path.name, status=FAILED, reason=reason)
    except OSError as error:
        return FileOutcome(source=path.name, status=FAILED, reason=f"读写失败: {error.strerror or error}")
    return FileOutcome(source=path.name, status=CONVERTED, target=name)
