"""The generic pages of every registered entity: list (分类过滤, three query methods, sort, pages, export),
detail, edit form and delete. Plugins' entities get them without a line of web code.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from pathlib import Path
from typing import Any

from flask import Blueprint, abort, redirect, request, send_file, url_for
from werkzeug.wrappers import Response

from gridcore import Entity
from gridcore.entities import entity_fields
from gridcore.errors import GridcoreError
from gridcore.query import QuerySpec
from gridcore.services.exports import export_entity
from gridcore.services.presentation import present_value
from gridcore.services.query import (
    conditions,
    count_matching,
    counting_limit,
    facet_counts,
    facet_entries,
    run_query,
)
from gridcore.services.templates import write_entity_template
from gridcore_web import editing, forms
from gridcore_web.context import current_actor, flash, grid_app, reading, render_page, writing
from gridcore_web.listing import EMPTY, ListState, facet_basis, list_columns, masked_for, read_state, to_spec
from gridcore_web.pages import requires

blueprint = Blueprint("entities", __name__, url_prefix="/e")

VIEW = "{entity}.view"
EDIT = "{entity}.edit"
#: Registers whose records are added (and linked) in a workspace of their own, not the generic form.
WORKSPACES = {"region": "regions.index", "household": "households.index", "resident": "households.index"}
#: Fields of a register that its generic form shows but does not change.
LOCKED = {"region": ("level",)}


def _entity(entity_id: str) -> Entity:
    found = grid_app().registry.entities.get(entity_id)
    if found is None:
        abort(404)
    return found


def _page_size() -> int:
    return max(int(grid_app().setting("web", "page_size")), 1)


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def _count_limit() -> int:
    return max(int(grid_app().setting("web", "count_limit")), 0)


def _spec(entity: Entity, state: ListState, *, facets: bool = True, paged: bool = True) -> QuerySpec:
    spec = to_spec(
        entity, state, actor=current_actor(), policy=grid_app().policy, page_size=_page_size(), facets=facets
    )
    if not paged:
        from attrs import evolve

        spec = evolve(spec, limit=None, offset=0)
    return spec


def _list_context(entity: Entity, state: ListState, *, shown_basis: str = "") -> dict[str, Any]:
    """The list page's context; ``shown_basis``: the :func:`facet_basis` of the facet counts the page shows."""
    actor = current_actor()
    policy = grid_app().policy
    columns = list_columns(entity)
    size = _page_size()
    error = ""
    rows: list[dict[str, Any]] = []
    total = 0
    exact = True
    with reading() as uow:
        try:
            limit = None if state.exact else _count_limit()
            result = run_query(uow, entity.id, _spec(entity, state), count_limit=limit)
        except GridcoreError as failure:
            error = str(failure)
        else:
            total, exact = result.total, result.exact
            for record in result.records:
                rows.append(
                    {
                        "key": editing.key_of(uow, entity.id, record),
                        "cells": [cell(present_value(uow, field, getattr(record, field.name))) for field in columns],
                    }
                )
    pages = max((total + size - 1) // size, 1)
    if not exact:
        pages = max(pages, state.page + 1)  # at least one more page follows this one
    fields = entity_fields(entity.model)
    return {
        "entity": entity,
        "state": state,
        "columns": [(field, masked_for(actor, policy, field)) for field in columns],
        "rows": rows,
        "total": total,
        "exact": exact,
        "page": min(state.page, pages),
        "pages": pages,
        "error": error,
        "facet_basis": facet_basis(state),
        "reload_facets": shown_basis != facet_basis(state),
        "query_fields": [field for field in fields if not masked_for(actor, policy, field)],
        "can_edit": actor.can(f"{entity.id}.edit"),
        "add_url": url_for(WORKSPACES[entity.id]) if entity.id in WORKSPACES else url_for(".new", entity=entity.id),
        "title": entity.title,
    }


@requires(VIEW)
@blueprint.route("/<entity>/", methods=["GET", "POST"])
def index(entity: str) -> str:
    """The list page: everything (全部信息) on opening; a submitted query on POST (htmx or not)."""
    target = _entity(entity)
    # a link may open the list already filtered (``?facet=标签=值``: a detail page's 相关记录)
    state = read_state(request.form if request.method == "POST" else request.args)
    # an htmx request swaps the results only: the facet panel stays, and is reloaded when its counts change
    shown = request.form.get("facet_basis", "") if request.headers.get("HX-Request") == "true" else ""
    return render_page("web/entity_list.html", **_list_context(target, state, shown_basis=shown))


@requires(VIEW)
@blueprint.post("/<entity>/facets")
def facets(entity: str) -> str:
    """分类过滤: each dictionary field's entries with counts over the current query (without the facets).

    Over more than ``count_limit`` matching records the entries come without counts (each count is a
    ``GROUP BY`` over every matching record: seconds over a million residents, per field) and
    统计数量 (``facet_counts_all``) counts them on request.
    """
    target = _entity(entity)
    state = read_state(request.form)
    groups: dict[str, dict[str, int | None]] = {}
    counted_all = "facet_counts_all" in request.form
    uncounted = False
    error = ""
    with reading() as uow:
        uow.require(f"{target.id}.view")
        try:
            where = conditions(uow, target, _spec(target, state, facets=False))
            limit = None if counted_all else counting_limit(0, _count_limit())
            if limit is not None and count_matching(uow, target.model, where, limit) > limit:
                uncounted = True
                groups = {label: dict.fromkeys(entries) for label, entries in facet_entries(uow, target).items()}
            else:
                groups = {label: dict(counts) for label, counts in facet_counts(uow, target, where).items()}
        except GridcoreError as failure:
            error = str(failure)
    return render_page(
        "web/_facets.html",
        entity=target,
        groups=groups,
        chosen=state.facet_values,
        empty=EMPTY,
        error=error,
        uncounted=uncounted,
        count_limit=_count_limit(),
    )


@requires(VIEW)
@blueprint.post("/<entity>/export")
def export(entity: str) -> Response:
    """导出EXCEL: every record the list's query matches (all pages), in its order, masked as shown."""
    target = _entity(entity)
    state = read_state(request.form)
    with tempfile.TemporaryDirectory(prefix="gridcore-web-") as folder:
        path = Path(folder) / f"{target.id}.xlsx"
        with reading() as uow:
            export_entity(uow, target.id, _spec(target, state, paged=False), path)
        data = io.BytesIO(path.read_bytes())
    name = f"{target.title}-{dt.date.today():%Y%m%d}.xlsx"
    return send_file(data, as_attachment=True, download_name=name, mimetype=XLSX)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@requires(VIEW)
@blueprint.get("/<entity>/template")
def template(entity: str) -> Response:
    """导入模板: the headers and drop-downs of the entity's import sheet."""
    target = _entity(entity)
    with tempfile.TemporaryDirectory(prefix="gridcore-web-") as folder:
        path = Path(folder) / f"{target.id}.xlsx"
        with reading() as uow:
            write_entity_template(uow, target.id, path)
        data = io.BytesIO(path.read_bytes())
    return send_file(data, as_attachment=True, download_name=f"{target.title}导入模板.xlsx", mimetype=XLSX)


@requires(VIEW)
@blueprint.get("/<entity>/r/<key>")
def detail(entity: str, key: str) -> str:
    target = _entity(entity)
    with reading() as uow:
        record = editing.get(uow, target.id, key)
        shown = [
            (field.label, cell(present_value(uow, field, getattr(record, field.name))))
            for field in entity_fields(target.model)
        ]
        found = editing.key_of(uow, target.id, record)
    return render_page(
        "web/entity_detail.html",
        entity=target,
        key=found,
        shown=shown,
        related=related_lists(target, found),
        can_edit=current_actor().can(f"{target.id}.edit"),
        title=f"{target.title} {found}",
    )


def related_lists(target: Entity, key: str) -> list[tuple[str, str]]:
    """相关记录: (title, list URL) of each register whose records name this one (a ``ref`` field to it),
    the list filtered to them; only registers the operator may view."""
    actor = current_actor()
    found = []
    for other in grid_app().registry.entities.values():
        if not actor.can(f"{other.id}.view"):
            continue
        for field in entity_fields(other.model):
            if field.info.ref == target.id:
                url = url_for(".index", entity=other.id, facet=f"{field.label}={key}")
                found.append((other.title if other.id != target.id else f"{field.label}为本记录的{other.title}", url))
    return found


def _form_page(target: Entity, record: Any, key: str | None, **extra: Any) -> str:
    return render_page(
        "web/entity_form.html",
        entity=target,
        key=key,
        title=f"{'修改' if key else '新增'}{target.title}",
        action=url_for(".edit", entity=target.id, key=key) if key else url_for(".new", entity=target.id),
        cancel=url_for(".detail", entity=target.id, key=key) if key else url_for(".index", entity=target.id),
        **extra,
    )


@requires(EDIT)
@blueprint.route("/<entity>/new", methods=["GET", "POST"])
def new(entity: str) -> Response | str | tuple[str, int]:
    target = _entity(entity)
    if target.id in WORKSPACES:
        return redirect(url_for(WORKSPACES[target.id]))
    submitted = request.form.to_dict() if request.method == "POST" else None
    errors: dict[str, str] = {}
    general = ""
    if submitted is not None:
        given = forms.submitted_values(target, submitted)
        try:
            with writing() as uow:
                record = editing.add(uow, target.id, {k: v for k, v in given.items() if v.strip()})
                key = editing.key_of(uow, target.id, record)
        except GridcoreError as failure:
            place = forms.error_place(target, failure)
            if place:
                errors[place] = str(failure)
            else:
                general = str(failure)
        else:
            flash(f"已保存{target.title} {key}", "success")
            return redirect(url_for(".detail", entity=target.id, key=key))
    with reading() as uow:
        fields = forms.build_form(uow, target, None, submitted=submitted, errors=errors)
    page = _form_page(target, None, None, fields=fields, general=general)
    return (page, 422) if errors or general else page


@requires(EDIT)
@blueprint.route("/<entity>/r/<key>/edit", methods=["GET", "POST"])
def edit(entity: str, key: str) -> Response | str | tuple[str, int]:
    """The edit form; a refused save shows the error next to its field and keeps every entered value."""
    target = _entity(entity)
    locked = LOCKED.get(target.id, ())
    submitted = request.form.to_dict() if request.method == "POST" else None
    errors: dict[str, str] = {}
    general = ""
    if submitted is not None:
        try:
            with writing() as uow:
                record = editing.get(uow, target.id, key)
                masked = forms.masked_names(uow, target, record)
                given = forms.submitted_values(target, submitted, masked=masked, locked=locked)
                record = editing.edit(uow, target.id, key, forms.changed_only(uow, target, record, given))
                key = editing.key_of(uow, target.id, record)
        except GridcoreError as failure:
            place = forms.error_place(target, failure)
            if place:
                errors[place] = str(failure)
            else:
                general = str(failure)
        else:
            flash(f"已保存{target.title} {key}", "success")
            return redirect(url_for(".detail", entity=target.id, key=key))
    with reading() as uow:
        record = editing.get(uow, target.id, key)
        fields = forms.build_form(uow, target, record, submitted=submitted, errors=errors, locked=locked)
    page = _form_page(target, record, key, fields=fields, general=general)
    return (page, 422) if errors or general else page


@requires(EDIT)
@blueprint.post("/<entity>/r/<key>/delete")
def delete(entity: str, key: str) -> Response:
    target = _entity(entity)
    try:
        with writing() as uow:
            editing.delete(uow, target.id, key)
    except GridcoreError as failure:
        flash(str(failure), "error")
        return redirect(url_for(".detail", entity=target.id, key=key))
    flash(f"已删除{target.title} {key}", "success")
    return redirect(url_for(".index", entity=target.id))
