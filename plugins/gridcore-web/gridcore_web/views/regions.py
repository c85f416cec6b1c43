"""辖区信息采集 (R-B01): the 街道 → 社区 → 小区 tree; add, edit, rename, recode and delete a region.

Codes left blank are made by the edition's code rule (红旗社区 → HQ, 第一小区 → HQDY); a duplicate is
refused with a suggestion, never altered silently (R-C01 to R-C04).
"""

from __future__ import annotations

from typing import Any

import attrs
from flask import Blueprint, redirect, request, url_for
from werkzeug.wrappers import Response

from gridcore.errors import GridcoreError
from gridcore.services import regions
from gridcore.services.regions import TreeNode
from gridcore_web import editing, forms
from gridcore_web.context import flash, grid_app, reading, render_page, writing
from gridcore_web.pages import requires

blueprint = Blueprint("regions", __name__, url_prefix="/collect/regions")

EDIT = "region.edit"
#: Fields of the add form besides 名称 and 编码.
EXTRA = ("property_company", "phone", "office_address")


def _find(nodes: tuple[TreeNode, ...] | list[TreeNode], code: str) -> TreeNode | None:
    for node in nodes:
        if node.code == code:
            return node
        found = _find(node.children, code)
        if found is not None:
            return found
    return None


def _page(
    code: str | None,
    *,
    errors: dict[str, str] | None = None,
    general: str = "",
    submitted: dict[str, str] | None = None,
    adding: dict[str, str] | None = None,
    add_error: str = "",
) -> tuple[str, int] | str:
    entity = grid_app().registry.entities["region"]
    levels = grid_app().edition.levels
    with reading() as uow:
        tree = regions.tree(uow)
        selected = _find(tree, code) if code else None
        fields: list[forms.FormField] = []
        level = -1
        if selected is not None:
            record = editing.get(uow, "region", selected.code)
            level = record.level
            fields = forms.build_form(uow, entity, record, submitted=submitted, errors=errors, locked=("level",))
            fields = [
                attrs.evolve(field, value=levels[record.level]) if field.name == "level" else field for field in fields
            ]
    child_level = level + 1 if level + 1 < len(levels) else None
    page = render_page(
        "web/regions.html",
        title="辖区信息采集",
        tree=tree,
        selected=selected,
        fields=fields,
        general=general,
        levels=levels,
        child_level=child_level,
        adding=adding or {},
        add_error=add_error,
    )
    return (page, 422) if errors or general or add_error else page


@requires(EDIT)
@blueprint.get("/")
def index() -> Any:
    return _page(request.args.get("code"))


@requires(EDIT)
@blueprint.post("/add")
def add() -> Any:
    parent = request.form.get("parent") or None
    level = int(request.form.get("level", "0"))
    name = request.form.get("name", "")
    extra = {key: request.form.get(key, "") for key in EXTRA if request.form.get(key, "").strip()}
    try:
        with writing() as uow:
            region = regions.add(
                uow, level=level, name=name, parent_code=parent, code=request.form.get("code") or None, extra=extra
            )
            code = region.code
    except GridcoreError as failure:
        return _page(parent, adding=request.form.to_dict(), add_error=str(failure))
    flash(f"已新增{grid_app().edition.levels[level]} {name} (编码 {code})", "success")
    return redirect(url_for(".index", code=code))


@requires(EDIT)
@blueprint.post("/<code>/edit")
def edit(code: str) -> Any:
    entity = grid_app().registry.entities["region"]
    submitted = request.form.to_dict()
    try:
        with writing() as uow:
            record = editing.get(uow, "region", code)
            given = forms.submitted_values(entity, submitted, locked=("level",))
            record = editing.edit(uow, "region", code, forms.changed_only(uow, entity, record, given))
            code = record.code
    except GridcoreError as failure:
        place = forms.error_place(entity, failure)
        return _page(
            code,
            errors={place: str(failure)} if place else None,
            general="" if place else str(failure),
            submitted=submitted,
        )
    flash("已保存", "success")
    return redirect(url_for(".index", code=code))


@requires(EDIT)
@blueprint.post("/<code>/delete")
def delete(code: str) -> Response:
    try:
        with writing() as uow:
            region = regions.get(uow, code)
            parent = region.parent.code if region.parent is not None else None
            regions.delete(uow, code)
    except GridcoreError as failure:
        flash(str(failure), "error")
        return redirect(url_for(".index", code=code))
    flash(f"已删除辖区 {code}", "success")
    return redirect(url_for(".index", code=parent) if parent else url_for(".index"))
