"""词典设置 (智能取词, R-O01 to R-O03): the entries of every declared dictionary; add, rename, remove.

Dictionaries themselves are declared in code; people edit only their entries, and protected entries
(户主, 农村/城市, 党员 ...) can be neither renamed nor removed.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, request, url_for
from werkzeug.wrappers import Response

from gridcore.errors import GridcoreError
from gridcore.services import dictionaries
from gridcore_web.context import flash, grid_app, reading, render_page, writing
from gridcore_web.pages import requires

blueprint = Blueprint("dictionaries", __name__, url_prefix="/dict")

EDIT = "dict.edit"


@requires(EDIT)
@blueprint.get("/")
def index() -> str:
    declared = sorted(grid_app().registry.dictionaries.values(), key=lambda d: d.title)
    chosen = request.args.get("id") or (declared[0].id if declared else "")
    current: Any = None
    if chosen:
        with reading() as uow:
            current = dictionaries.list_entries(uow, chosen)
    return render_page("web/dictionaries.html", title="词典设置", declared=declared, chosen=chosen, current=current)


def _back(dictionary_id: str) -> Response:
    return redirect(url_for(".index", id=dictionary_id))


@requires(EDIT)
@blueprint.post("/<dictionary_id>/add")
def add(dictionary_id: str) -> Response:
    try:
        with writing() as uow:
            entry = dictionaries.add_entry(
                uow, dictionary_id, request.form.get("label", ""), request.form.get("code") or None
            )
        flash(f"已添加「{entry.label}」(代码 {entry.code})", "success")
    except GridcoreError as failure:
        flash(str(failure), "error")
    return _back(dictionary_id)


@requires(EDIT)
@blueprint.post("/<dictionary_id>/<code>/rename")
def rename(dictionary_id: str, code: str) -> Response:
    try:
        with writing() as uow:
            dictionaries.rename_entry(uow, dictionary_id, code, request.form.get("label", ""))
        flash("已改名", "success")
    except GridcoreError as failure:
        flash(str(failure), "error")
    return _back(dictionary_id)


@requires(EDIT)
@blueprint.post("/<dictionary_id>/<code>/remove")
def remove(dictionary_id: str, code: str) -> Response:
    try:
        with writing() as uow:
            dictionaries.remove_entry(uow, dictionary_id, code)
        flash("已删除", "success")
    except GridcoreError as failure:
        flash(str(failure), "error")
    return _back(dictionary_id)
