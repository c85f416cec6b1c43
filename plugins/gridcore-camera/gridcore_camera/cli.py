"""``gridcore photo``: attach, show, detach, capture, standardize, batch, kinds.

KIND is an entity with a photo naming rule, by id or title (``resident``/``居民``, ``household``/``住户``,
and what other plugins register); KEY is the record's key (常住编号, 户籍编号 …) or ``#id``. Adding or
removing a photo needs the record's ``<entity>.edit``, seeing it ``<entity>.view``; the file tools
(standardize, batch, kinds) need ``photo.tools``. The rules live in :mod:`gridcore_camera.photos`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.output import emit, format_option
from gridcore.cli.permissions import requires
from gridcore.cli.service_runner import confirm_delete, emit_done, emit_record, read_in_unit, run_in_unit, yes_option
from gridcore_camera.plugin import TOOLS
from gridcore_camera.standardize import PRESETS

if TYPE_CHECKING:
    from PIL import Image

    from gridcore.services.unit import UnitOfWork
    from gridcore_camera.batch import FileOutcome

PRESET_CHOICE = click.Choice(sorted(PRESETS))
#: ``--preset`` of attach and capture: a size, ``none`` (as taken), or by default the rule's own.
OWNER_PRESET = click.option(
    "--preset",
    "size",
    type=click.Choice([*sorted(PRESETS), "none"]),
    default=None,
    help="照片规格: one-inch 一寸照、id-card 身份证照、none 保持原样; 默认按对象类型 (居民为一寸照)",
)
SHOWN_COLUMNS = ("照片编号", "对象编号", "文件", "宽", "高", "来源", "拍摄时间", "添加时间", "操作员")


@click.group()
def photo() -> None:
    """照片: 按手册命名存入照片库, 一寸照, 批量处理, 拍照。KIND 为 resident/居民、household/住户 等。"""


def _entity_id(context: CliContext, kind: str) -> str:
    from gridcore_camera.naming import rule_for

    return rule_for(context.app, kind).entity


def _store(
    context: CliContext,
    entity_id: str,
    key: str,
    image: Image.Image,
    *,
    source: str,
    size: str | None,
    taken_at: Any = None,
) -> dict[str, Any]:
    from gridcore_camera import photos
    from gridcore_camera.store import photo_root

    def body(uow: UnitOfWork) -> dict[str, Any]:
        record = photos.attach(uow, entity_id, key, image, source=source, taken_at=taken_at, size=size)
        return photos.photo_view(uow, record, photo_root(uow.app))

    return run_in_unit(context, body)


@requires("{entity}.edit")
@photo.command()
@click.argument("entity", metavar="KIND")
@click.argument("key")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@OWNER_PRESET
@format_option
@pass_context
def attach(context: CliContext, entity: str, key: str, file: Path, size: str | None, fmt: str) -> None:
    """把图片 FILE 存为一条记录的照片 (按手册命名, 转为 JPG 并去除 EXIF/GPS; 居民照片处理为一寸照)。"""
    from gridcore_camera.images import load_image

    entity_id = _entity_id(context, entity)
    loaded = load_image(file)
    view = _store(context, entity_id, key, loaded.image, source="file", size=size, taken_at=loaded.taken_at)
    emit_record(view, fmt=fmt)


@requires("{entity}.view")
@photo.command()
@click.argument("entity", metavar="KIND")
@click.argument("key")
@format_option
@pass_context
def show(context: CliContext, entity: str, key: str, fmt: str) -> None:
    """列出一条记录的照片及其文件路径。"""
    from gridcore_camera import photos

    entity_id = _entity_id(context, entity)
    views = read_in_unit(context, lambda uow: photos.show(uow, entity_id, key))
    if not views and fmt == "table":
        click.echo(f"{key} 还没有照片")
        return
    emit(views, fmt=fmt, columns=SHOWN_COLUMNS if fmt != "json" else None, title=f"{key} 的照片")


@requires("{entity}.edit")
@photo.command()
@click.argument("entity", metavar="KIND")
@click.argument("key")
@click.option("--photo", "photo_id", type=int, default=None, help="只移除这个照片编号 (默认移除全部)")
@yes_option
@format_option
@pass_context
def detach(context: CliContext, entity: str, key: str, photo_id: int | None, yes: bool, fmt: str) -> None:
    """移除一条记录的照片 (记录与文件一起删除)。"""
    from gridcore_camera import photos

    entity_id = _entity_id(context, entity)
    confirm_delete(f" {key} 的照片", yes=yes)
    removed = run_in_unit(context, lambda uow: photos.detach(uow, entity_id, key, photo_id=photo_id))
    emit_done(f"已移除 {key} 的 {removed} 张照片", {"key": key, "removed": removed}, fmt=fmt)


def _owner_option(flag: str, entity_id: str, help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--resident NO``: the key; it also names the entity (``entity``) for the permission check."""

    def remember(click_context: click.Context, _param: click.Parameter, value: str | None) -> str | None:
        if value is not None:
            if click_context.params.get("entity") not in (None, entity_id):
                raise click.UsageError("--resident 与 --household 只能给一个")
            click_context.params["entity"] = entity_id
        return value

    return click.option(flag, metavar="NO", default=None, callback=remember, help=help_text)


def _source_kind(source: str | None) -> str:
    """What the photo record says the photo came from (来源)."""
    from gridcore_camera.capture import CameraSource, FileSource, FolderSource, open_source

    opened = open_source(source)
    if isinstance(opened, CameraSource):
        return "camera"
    if isinstance(opened, FolderSource):
        return "folder"
    return "file" if isinstance(opened, FileSource) else "video"


@requires("{entity}.edit")
@photo.command()
@_owner_option("--resident", "resident", "居民的常住编号 (或 #id): 拍照前须已填写姓名和身份证号")
@_owner_option("--household", "household", "住户的户籍编号 (或 #id): 拍照前须已填写户主姓名")
@click.option("--source", default=None, metavar="PATH", help="图片文件、文件夹 (取最新的图片)、视频文件或 camera:N")
@click.option("--frame", type=click.IntRange(min=0), default=0, show_default=True, help="视频文件取第几帧")
@OWNER_PRESET
@format_option
@pass_context
def capture(
    context: CliContext,
    resident: str | None,
    household: str | None,
    source: str | None,
    frame: int,
    size: str | None,
    fmt: str,
    entity: str | None = None,
) -> None:
    """拍照并存为居民或住户的照片 (姓名或身份证号为空时拒绝, R-F04; 户主姓名为空时拒绝, R-D10)。"""
    from gridcore_camera import photos
    from gridcore_camera.capture import capture_one, open_source

    key = resident if resident is not None else household
    if entity is None or key is None:
        raise click.UsageError("请用 --resident NO 或 --household NO 指明给谁拍照")
    checked = read_in_unit(context, lambda uow: photos.ready_for_photo(uow, entity, key))
    image = capture_one(open_source(source, frame=frame))
    view = _store(context, entity, checked, image, source=_source_kind(source), size=size)
    emit_record(view, fmt=fmt)


@requires(TOOLS)
@photo.command()
@click.argument("source", metavar="IN", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("output", metavar="OUT", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--preset", "preset_name", type=PRESET_CHOICE, default="one-inch", show_default=True, help="照片规格")
@click.option("--no-face", is_flag=True, help="不找人脸, 直接居中裁切")
@click.option("--force", is_flag=True, help="OUT 已存在时覆盖 (原图永远不会被覆盖)")
@pass_context
def standardize(context: CliContext, source: Path, output: Path, preset_name: str, no_face: bool, force: bool) -> None:
    """单张照片处理: 把 IN 裁切缩放为一寸照 (295×413, 300 dpi) 或身份证照 (358×441, 350 dpi), 存为 OUT。"""
    from gridcore_camera.faces import default_face_finder
    from gridcore_camera.standardize import preset, standardize_file

    target = preset(preset_name)
    faces = None if no_face else default_face_finder()
    done = standardize_file(source, output, target, faces=faces, overwrite=force)
    how = "以人脸为中心裁切" if done.face is not None else "居中裁切"
    if faces is None and not no_face:
        how += " (未安装 OpenCV, 不识别人脸)"
    click.echo(f"已生成{target.title} {output}: {target.width}×{target.height} 像素, {target.dpi} dpi, {how}")


def _print_outcome(outcome: FileOutcome) -> None:
    from gridcore_camera.batch import CONVERTED

    if outcome.status != CONVERTED:
        click.echo(f"{outcome.status}: {outcome.source}: {outcome.reason}", err=True)


@requires(TOOLS)
@photo.command()
@click.argument("source", metavar="SRC", type=click.Path(path_type=Path, file_okay=False))
@click.argument("destination", metavar="DST", type=click.Path(path_type=Path, file_okay=False))
@click.option("--width", type=int, default=110, show_default=True, help="宽度 (像素)")
@click.option("--height", type=int, default=140, show_default=True, help="高度 (像素)")
@click.option("--quality", type=int, default=50, show_default=True, help="JPG 图像质量 (1-100)")
@click.option(
    "--fit",
    type=click.Choice(["crop", "stretch"]),
    default="crop",
    show_default=True,
    help="crop 居中裁切, stretch 拉伸",
)
@click.option("--force", is_flag=True, help="DST 中已有同名文件时覆盖 (SRC 中的原图永远不会被覆盖)")
@format_option
def batch(
    source: Path, destination: Path, width: int, height: int, quality: int, fit: str, force: bool, fmt: str
) -> None:
    """批量照片处理: SRC 中的每张图片按分辨率转换为 JPG 存入 DST; 有失败的文件时退出码为 1。"""
    from gridcore_camera.batch import FAILED, BatchOptions, convert_folder

    options = BatchOptions(width=width, height=height, quality=quality, fit=fit, overwrite=force)
    report = convert_folder(source, destination, options, progress=_print_outcome if fmt == "table" else None)
    if fmt == "table":
        click.echo(report.summary)
    else:
        rows = [{"文件": o.source, "结果": o.status, "输出": o.target, "原因": o.reason} for o in report.outcomes]
        emit(rows, fmt=fmt, columns=["文件", "结果", "输出", "原因"])
    if report.count(FAILED):
        raise click.exceptions.Exit(1)


@requires(TOOLS)
@photo.command()
@format_option
@pass_context
def kinds(context: CliContext, fmt: str) -> None:
    """列出可以添加照片的对象类型及其照片命名规则。"""
    from gridcore_camera.naming import naming_rules

    app = context.app
    rows = [
        {
            "对象类型": rule.entity,
            "名称": app.registry.entities[rule.entity].title,
            "命名规则": rule.pattern,
            "每条记录": "多张" if rule.multiple else "一张 (新照片替换旧照片)",
        }
        for rule in naming_rules(app).values()
    ]
    emit(rows, fmt=fmt, columns=["对象类型", "名称", "命名规则", "每条记录"], title="照片命名规则")
