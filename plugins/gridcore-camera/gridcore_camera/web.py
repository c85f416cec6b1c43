"""The photo pages of the web face (gridcore-web's ``register_pages`` hook): show, upload, capture, detach.

Imported only when gridcore-web builds its application. Views hold no rule: they read the request and
call the use cases of :mod:`gridcore_camera.photos` exactly as ``gridcore photo attach``/``detach`` do
(the picture checked by its content, re-encoded, named and sized by the entity's rule; R-F04 refused
before anything is stored). Permissions follow the record: the page and the picture need
``<entity>.view``, changes ``<entity>.edit``. The picture is served only to an operator who sees the
photo's path unmasked (the path is SPI), and never by its store path.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, current_app, jsonify, redirect, request, url_for
from gridcore_web.context import current_actor, flash, grid_app, reading, render_page, writing
from gridcore_web.pages import LOGGED_IN, requires

from gridcore.entities import list_fields, resolve_field
from gridcore.errors import NotFoundError, ValidationError
from gridcore.query import QuerySpec
from gridcore.services import records
from gridcore.services.presentation import present_value, record_view
from gridcore.services.query import run_query
from gridcore.services.unit import UnitOfWork
from gridcore_camera import photos
from gridcore_camera.images import MAX_BYTES, read_image
from gridcore_camera.models import CameraPhoto
from gridcore_camera.naming import naming_rules
from gridcore_camera.store import absolute, photo_root

blueprint = Blueprint(
    "camera",
    __name__,
    url_prefix="/photos",
    template_folder="templates",
    static_folder="static",
    static_url_path="/static",
)

VIEW = "{entity}.view"
EDIT = "{entity}.edit"
FIELD = "photo"
SHOWN = ("照片编号", "宽", "高", "来源", "拍摄时间", "添加时间", "操作员")


def _known(entity: str) -> None:
    """404 for an entity without a photo naming rule (the guard already knows the entity exists)."""
    if entity not in naming_rules(grid_app()):
        abort(404)


def upload_limit() -> int:
    """The largest photo accepted, in bytes: ``[settings.camera] upload_limit_mb``, within the web's limit.

    A request over the web's own limit is refused by gridcore-web (413) before any view runs; one over
    the camera's is refused here, next to the file field.
    """
    own = int(grid_app().setting("camera", "upload_limit_mb")) * 1024 * 1024
    web_limit = current_app.config.get("MAX_CONTENT_LENGTH") or MAX_BYTES
    return min(own, int(web_limit), MAX_BYTES)


def _visible(uow: UnitOfWork, photo: CameraPhoto) -> bool:
    """Whether this operator sees the photo's path unmasked (the picture shows what the name says)."""
    return bool(present_value(uow, resolve_field(CameraPhoto, "path"), photo.path) == photo.path)


def _page_data(uow: UnitOfWork, entity: str, key: str) -> dict[str, Any]:
    owner = photos.find_owner(uow, entity, key)
    shown = photos.show(uow, entity, key)  # checks <entity>.view and the operator's region
    stored = photos.photos_of(uow.session, owner.entity_id, owner.record.id)
    pictures = [
        {
            "fields": {label: view.get(label) for label in SHOWN},
            "url": url_for("camera.image", entity=entity, key=owner.key, photo=photo.id, v=photo.sha256[:12])
            if _visible(uow, photo)
            else None,
        }
        for photo, view in zip(stored, shown, strict=True)
    ]
    try:
        photos.require_filled(uow, owner)
        blocked = None
    except ValidationError as error:
        blocked = str(error)
    return {
        "entity": entity,
        "entity_title": uow.app.registry.entities[entity].title,
        "key": owner.key,
        "rule": owner.rule,
        "pictures": pictures,
        "blocked": blocked,
        "can_edit": current_actor().can(f"{entity}.edit"),
        "limit_mb": upload_limit() // (1024 * 1024),
    }


def _render(entity: str, key: str, errors: dict[str, str] | None = None, status: int = 200) -> tuple[str, int]:
    with reading() as uow:
        data = _page_data(uow, entity, key)
    title = f"{data['entity_title']} {data['key']} 的照片"
    return render_page("camera/photo.html", title=title, errors=errors or {}, **data), status


@requires(LOGGED_IN)
@blueprint.get("/")
def index() -> Any:
    """Find a record by kind and key, then open its photo page."""
    app = grid_app()
    actor = current_actor()
    kinds = [(e, app.registry.entities[e].title) for e in naming_rules(app) if actor.can(f"{e}.view")]
    kind, key = request.args.get("kind", ""), request.args.get("key", "").strip()
    error = "请填写编号或姓名" if kind and not key else ""
    matches: list[tuple[str, str]] = []
    if kind and key and kind in dict(kinds):
        with reading() as uow:
            matches = find_records(uow, kind, key)
        if len(matches) == 1:
            return redirect(url_for("camera.record", entity=kind, key=matches[0][0]))
        if not matches:
            error = f"没有找到编号或内容包含「{key}」的{dict(kinds)[kind]}: 请检查后再试"
    return render_page(
        "camera/index.html", title="照片采集", kinds=kinds, kind=kind, key=key, error=error, matches=matches
    )


#: How many records a search by name lists at most.
MATCHES_SHOWN = 20


def find_records(uow: UnitOfWork, entity_id: str, text: str) -> list[tuple[str, str]]:
    """(key, what the list shows) of the records ``text`` names: its key, else those containing it
    (模糊查询: a name, pinyin initials …), at most :data:`MATCHES_SHOWN`."""
    try:
        found = records.get(uow, entity_id, text)
    except (NotFoundError, ValidationError):
        pass
    else:
        return [(records.key_of(uow, entity_id, found), "")]
    result = run_query(uow, entity_id, QuerySpec(contains=text, limit=MATCHES_SHOWN), count_limit=MATCHES_SHOWN)
    fields = [field.label for field in list_fields(result.entity)][:4]
    shown = []
    for record in result.records:
        view = record_view(uow, entity_id, record)
        shown.append((records.key_of(uow, entity_id, record), " ".join(str(view[f]) for f in fields if view.get(f))))
    return shown


@requires(VIEW)
@blueprint.get("/<entity>/<key>/")
def record(entity: str, key: str) -> tuple[str, int]:
    """A record's photo page: the current photo, upload, capture in the browser, detach."""
    _known(entity)
    return _render(entity, key)


@requires(VIEW)
@blueprint.get("/<entity>/<key>/image")
def image(entity: str, key: str) -> Response:
    """The picture of photo ``?photo=ID`` of the record (default: its newest), if the operator may see it."""
    _known(entity)
    wanted = request.args.get("photo", type=int)
    with reading() as uow:
        owner = photos.find_owner(uow, entity, key)
        photos.show(uow, entity, key)  # the same check as the page
        stored = photos.photos_of(uow.session, owner.entity_id, owner.record.id)
        chosen = [p for p in stored if wanted is None or p.id == wanted]
        if not chosen or not _visible(uow, chosen[-1]):
            abort(404)
        target = absolute(photo_root(uow.app), chosen[-1].path)
    if not target.is_file():
        abort(404)
    return Response(target.read_bytes(), mimetype="image/jpeg")


def _too_large(limit: int) -> ValidationError:
    return ValidationError(f"照片文件超过 {limit // (1024 * 1024)} MB, 请先缩小图片", field="照片", value=FIELD)


def _store(entity: str, key: str, source: str) -> None:
    """Read the uploaded picture and store it with the camera's use case; a refusal is a ValidationError."""
    limit = upload_limit()
    if (request.content_length or 0) > limit:
        raise _too_large(limit)
    given = request.files.get(FIELD)
    if given is None or not given.filename:
        raise ValidationError("请选择要上传的照片文件", field="照片", value=FIELD)
    data = given.read(limit + 1)
    if len(data) > limit:
        raise _too_large(limit)
    loaded = read_image(data, given.filename)
    with writing() as uow:
        photos.attach(uow, entity, key, loaded.image, source=source, taken_at=loaded.taken_at)


@requires(EDIT)
@blueprint.post("/<entity>/<key>/upload")
def upload(entity: str, key: str) -> Any:
    """Store an uploaded picture as the record's photo; a refusal is shown next to the file field."""
    _known(entity)
    try:
        _store(entity, key, "file")
    except ValidationError as error:
        return _render(entity, key, errors={FIELD: str(error)}, status=400)
    flash("照片已保存", "success")
    return redirect(url_for("camera.record", entity=entity, key=key), code=303)


@requires(EDIT)
@blueprint.post("/<entity>/<key>/capture")
def capture(entity: str, key: str) -> Any:
    """Store a frame captured in the browser (capture.js posts it); answers JSON for the script."""
    _known(entity)
    try:
        _store(entity, key, "camera")
    except ValidationError as error:
        return jsonify(message=str(error)), 400
    flash("拍照已保存", "success")
    return jsonify(next=url_for("camera.record", entity=entity, key=key))


@requires(EDIT)
@blueprint.post("/<entity>/<key>/detach")
def detach(entity: str, key: str) -> Any:
    """Remove the record's photos (records now, files after the commit)."""
    _known(entity)
    with writing() as uow:
        removed = photos.detach(uow, entity, key)
    flash(f"已移除 {key} 的 {removed} 张照片", "success")
    return redirect(url_for("camera.record", entity=entity, key=key), code=303)
