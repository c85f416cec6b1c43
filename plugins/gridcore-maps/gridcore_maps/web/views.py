"""Views of the map pages. Each declares its permission; the services check scope and rules.

- ``/maps/``: the maps the operator may open, and (``maps.edit``) the form that sets a region's map image;
  ``POST /maps/set-image``: that form, through the service ``gridcore map set-image`` uses (the picture
  checked by its content and stored, or nothing stored); ``/maps/<code>/``: 地图标注 with Leaflet
  (``L.CRS.Simple``);
- ``/maps/<code>/image``: the stored map image; ``place`` / ``reset`` (POST, ``maps.edit``): the services
  ``gridcore map place`` / ``reset`` use; ``locate``: 户主姓名 / 场所名称 search;
- ``/maps/house-state/``, ``/maps/<code>/house-state`` (+ ``.png``): the 居民房态图 of a compound.
"""

from __future__ import annotations

import io
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, redirect, request, send_file, url_for
from gridcore_web.context import current_actor, flash, grid_app, reading, render_page, writing
from gridcore_web.pages import requires

from gridcore.errors import GridcoreError, NotFoundError, PermissionDeniedError, ValidationError
from gridcore_maps import annotation, fonts, images, markers
from gridcore_maps.house_state import house_state_chart
from gridcore_maps.plugin import EDIT, VIEW

blueprint = Blueprint(
    "maps_web",
    __name__,
    url_prefix="/maps",
    template_folder="templates",
    static_folder="static",
    static_url_path="/static",
)


def _failure(error: GridcoreError) -> tuple[Response, int]:
    status = 403 if isinstance(error, PermissionDeniedError) else 404 if isinstance(error, NotFoundError) else 400
    return jsonify(error=str(error)), status


def _number(name: str) -> int:
    text = request.form.get(name, "").strip()
    try:
        return round(float(text))
    except (ValueError, OverflowError):
        raise ValidationError(f"{name} 应为整数像素, 收到「{text}」", field=name, value=text) from None


#: The fields of the map image form.
REGION_FIELD = "region"
IMAGE_FIELD = "image"


def image_limit() -> int:
    """The largest map image accepted, in bytes: the service's limit, within the web's upload limit."""
    web_limit = current_app.config.get("MAX_CONTENT_LENGTH") or images.MAX_BYTES
    return min(images.MAX_BYTES, int(web_limit))


def _index_page(*, chosen: str = "", error: str = "", status: int = 200) -> tuple[str, int]:
    """地图标注设置: the maps with an image, and for ``maps.edit`` the form that sets one."""
    editable = current_actor().can(EDIT)
    with reading() as uow:
        found = annotation.maps_with_images(uow)
        choices = annotation.image_regions(uow) if editable else []
    page = render_page(
        "maps/index.html",
        title="地图标注",
        maps=found,
        image_form=editable,
        image_regions=choices,
        chosen_region=chosen,
        image_error=error,
        image_limit_mb=image_limit() // (1024 * 1024),
    )
    return page, status


@requires(VIEW)
@blueprint.get("/")
def index() -> tuple[str, int]:
    return _index_page(chosen=request.args.get(REGION_FIELD, "").strip())


def _uploaded_image() -> tuple[bytes, str]:
    """The uploaded file's content and name; no file, or one over the limit, is one line naming it."""
    given = request.files.get(IMAGE_FIELD)
    if given is None or not given.filename:
        raise ValidationError("图片: 请选择要上传的地图图片文件", field="图片", value=IMAGE_FIELD)
    name = given.filename.replace("\\", "/").rsplit("/", 1)[-1]
    limit = image_limit()
    data = given.read(limit + 1)
    if len(data) > limit:
        raise images.too_large(name, limit)
    return data, name


@requires(EDIT)
@blueprint.post("/set-image")
def set_image() -> Any:
    """Set (or replace) the chosen region's map image from the uploaded file, then open its 地图标注."""
    code = request.form.get(REGION_FIELD, "").strip()
    try:
        if not code:
            raise ValidationError("辖区: 请选择要设置地图图片的辖区", field="辖区", value=REGION_FIELD)
        data, name = _uploaded_image()
        with writing() as uow:
            info = markers.set_image_data(uow, code, data, file_name=name)
    except GridcoreError as error:
        status = 403 if isinstance(error, PermissionDeniedError) else 400
        return _index_page(chosen=code, error=str(error), status=status)
    flash(f"已设置{info.level}{info.name} ({info.code}) 的地图图片 {name}: {info.width}×{info.height} 像素", "success")
    return redirect(url_for("maps_web.annotate", code=info.code), code=303)


@requires(VIEW)
@blueprint.get("/<code>/")
def annotate(code: str) -> str:
    with reading() as uow:
        shown = annotation.annotation_map(uow, code)
    return render_page("maps/annotate.html", title=f"{shown.map.name} 地图标注", shown=shown)


@requires(VIEW)
@blueprint.get("/<code>/image")
def image(code: str) -> Any:
    with reading() as uow:
        info = markers.show_map(uow, code)
    if info.image is None:
        raise NotFoundError(f"{info.name} ({info.code}) 还没有地图图片")
    return send_file(images.stored_path(grid_app(), info.image), mimetype="image/png", max_age=0)


@requires(EDIT)
@blueprint.post("/<code>/place")
def place(code: str) -> Any:
    try:
        left, top = _number("左起点"), _number("上起点")
        with writing() as uow:
            placed = markers.place(uow, request.form.get("kind", ""), request.form.get("key", ""), left, top)
    except GridcoreError as error:
        return _failure(error)
    return jsonify(key=placed.key, left=placed.left, top=placed.top, map=placed.map_code)


@requires(EDIT)
@blueprint.post("/<code>/reset")
def reset(code: str) -> Any:
    try:
        with writing() as uow:
            placed = markers.reset(uow, request.form.get("kind", ""), request.form.get("key", ""))
    except GridcoreError as error:
        return _failure(error)
    return jsonify(key=placed.key, left=placed.left, top=placed.top, map=placed.map_code)


@requires(VIEW)
@blueprint.get("/<code>/locate")
def locate(code: str) -> Any:
    try:
        with reading() as uow:
            item = markers.locate(uow, code, request.args.get("q", ""))
            found = None if item is None else {"kind": item.kind.id, "key": item.key, "placed": item.placed}
    except GridcoreError as error:
        return _failure(error)
    if found is None:
        return jsonify(error=f"没有找到包含「{request.args.get('q', '').strip()}」的记录"), 404
    return jsonify(found)


@requires(VIEW)
@blueprint.get("/house-state/")
def house_state_index() -> str:
    with reading() as uow:
        found = annotation.compounds(uow)
    return render_page("maps/index.html", title="居民房态图", maps=found, house_state=True)


@requires(VIEW)
@blueprint.get("/<code>/house-state")
def house_state(code: str) -> str:
    building = request.args.get("building") or None
    keyword = request.args.get("q") or None
    with reading() as uow:
        chart = house_state_chart(uow, code, building=building, keyword=keyword)
    return render_page(
        "maps/house_state.html", title=chart.title, chart=chart, building=building or "", keyword=keyword or ""
    )


@requires(VIEW)
@blueprint.get("/<code>/house-state.png")
def house_state_png(code: str) -> Any:
    from gridcore_maps import render_grid

    app = grid_app()
    with reading() as uow:
        chart = house_state_chart(
            uow, code, building=request.args.get("building") or None, keyword=request.args.get("q") or None
        )
    picture, _layout = render_grid.render(chart, fonts.font_path(app), int(app.setting("maps", "font_size")))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    buffer.seek(0)
    return send_file(buffer, mimetype="image/png", max_age=0)
