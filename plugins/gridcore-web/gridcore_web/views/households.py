"""住户居民信息采集 (R-D01 to R-D09): the 社区 → 小区 tree, the households of the chosen compound, the
residents of the chosen household; add, edit and delete through forms; 关联 and 解除关联.

The lists are read-only (R-D02): a record changes only through its form, opened by 住户编辑 / 居民编辑
or a double-click on its row. A resident is added only to a saved household, whose information heads
the resident form (R-D04).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, redirect, request, url_for
from werkzeug.wrappers import Response

from gridcore import Entity
from gridcore.domain.households import Household
from gridcore.domain.residents import Resident
from gridcore.entities import entity_fields
from gridcore.errors import GridcoreError
from gridcore.query import Condition, QuerySpec
from gridcore.services import households, regions, residents
from gridcore.services.presentation import present_value
from gridcore.services.query import run_query
from gridcore.services.unit import UnitOfWork
from gridcore_web import editing, forms
from gridcore_web.context import current_actor, flash, grid_app, reading, render_page, writing
from gridcore_web.listing import list_columns
from gridcore_web.pages import requires
from gridcore_web.views.entities import cell

blueprint = Blueprint("households", __name__, url_prefix="/collect")

HOUSEHOLD = "household.edit"
RESIDENT = "resident.edit"
LIST_LIMIT = 500
CHOICES = 100


def _entity(entity_id: str) -> Entity:
    return grid_app().registry.entities[entity_id]


def _rows(uow: UnitOfWork, entity_id: str, spec: QuerySpec) -> tuple[list[Any], list[dict[str, Any]], int]:
    entity = _entity(entity_id)
    columns = list_columns(entity)
    result = run_query(uow, entity_id, spec)
    rows = [
        {
            "key": editing.key_of(uow, entity_id, record),
            "cells": [cell(present_value(uow, field, getattr(record, field.name))) for field in columns],
        }
        for record in result.records
    ]
    return columns, rows, result.total


def _choices(uow: UnitOfWork, entity_id: str, field: str, label_field: str) -> list[tuple[str, str]]:
    """Up to ``CHOICES`` records not linked yet, as (key, what people recognise them by)."""
    entity = _entity(entity_id)
    if not current_actor().can(f"{entity_id}.view"):
        return []
    spec = QuerySpec(where=(Condition(field=field, op="empty"),), limit=CHOICES)
    named = next(f for f in entity_fields(entity.model) if f.name == label_field)
    return [
        (editing.key_of(uow, entity_id, record), cell(present_value(uow, named, getattr(record, label_field))))
        for record in run_query(uow, entity_id, spec).records
    ]


def _compound_of(household: Household) -> str | None:
    return household.compound.code if household.compound is not None else None


@requires(HOUSEHOLD)
@blueprint.get("/households/")
def index() -> str:
    compound = request.args.get("compound") or None
    household_key = request.args.get("household") or None
    resident_key = request.args.get("resident") or None
    actor = current_actor()
    context: dict[str, Any] = {"compound": None, "household": None, "resident_key": resident_key}
    with reading() as uow:
        tree = regions.tree(uow)
        bottom = regions.levels(uow)[regions.household_level(uow)]
        if compound:
            region = regions.get(uow, compound)
            context["compound"] = {
                "code": region.code,
                "name": region.name,
                "is_compound": region.level == regions.household_level(uow),
            }
            spec = QuerySpec(region=region.code, limit=LIST_LIMIT)
            context["household_columns"], context["household_rows"], context["household_total"] = _rows(
                uow, "household", spec
            )
        if household_key:
            household = households.get(uow, household_key)
            key = households.key_of(household)
            context["household"] = {
                "key": key,
                "head": household.head_name,
                "linked": household.compound_id is not None,
            }
            if household.household_no:
                spec = QuerySpec(
                    where=(Condition(field="household_no", op="=", value=household.household_no),), limit=LIST_LIMIT
                )
                context["resident_columns"], context["resident_rows"], _ = _rows(uow, "resident", spec)
            else:
                context["resident_columns"], context["resident_rows"] = list_columns(_entity("resident")), []
        context["free_households"] = _choices(uow, "household", "compound_name", "head_name") if compound else []
        context["free_residents"] = (
            _choices(uow, "resident", "household_no", "name") if household_key and actor.can(RESIDENT) else []
        )
    return render_page(
        "web/households.html",
        title="住户居民信息采集",
        tree=tree,
        bottom=bottom,
        can_resident=actor.can(RESIDENT),
        **context,
    )


def _workspace(compound: str | None = None, household: str | None = None, resident: str | None = None) -> Response:
    return redirect(url_for(".index", compound=compound, household=household, resident=resident))


def _form(
    entity_id: str,
    record: Any,
    *,
    action: str,
    cancel: str,
    heading: str,
    submitted: dict[str, str] | None,
    errors: dict[str, str],
    general: str,
    header: list[tuple[str, str]] | None = None,
    head_name: str = "",
) -> tuple[str, int] | str:
    entity = _entity(entity_id)
    with reading() as uow:
        skip = () if record is not None else [f.name for f in entity_fields(entity.model) if not forms.editable(f)]
        if record is not None:
            record = editing.get(uow, entity_id, editing.key_of(uow, entity_id, record))
        fields = forms.build_form(uow, entity, record, submitted=submitted, errors=errors, skip=skip)
    page = render_page(
        "web/record_form.html",
        title=heading,
        fields=fields,
        action=action,
        cancel=cancel,
        general=general,
        header=header or [],
        head_name=head_name,
    )
    return (page, 422) if errors or general else page


def _failure(entity_id: str, failure: GridcoreError) -> tuple[dict[str, str], str]:
    place = forms.error_place(_entity(entity_id), failure)
    return ({place: str(failure)}, "") if place else ({}, str(failure))


# --------------------------------------------------------------------------- households


@requires(HOUSEHOLD)
@blueprint.route("/households/new", methods=["GET", "POST"])
def new_household() -> Any:
    compound = request.values.get("compound") or None
    submitted = request.form.to_dict() if request.method == "POST" else None
    errors: dict[str, str] = {}
    general = ""
    if submitted is not None:
        given = {k: v for k, v in forms.submitted_values(_entity("household"), submitted).items() if v.strip()}
        try:
            with writing() as uow:
                created = editing.add(uow, "household", given, parent=compound)
                key = households.key_of(created)
        except GridcoreError as failure:
            errors, general = _failure("household", failure)
        else:
            flash(f"已保存住户 {key}", "success")
            return _workspace(compound, key)
    action = url_for(".new_household", compound=compound)
    return _form(
        "household",
        None,
        action=action,
        cancel=url_for(".index", compound=compound),
        heading="新增住户",
        submitted=submitted,
        errors=errors,
        general=general,
    )


@requires(HOUSEHOLD)
@blueprint.route("/households/<key>/edit", methods=["GET", "POST"])
def edit_household(key: str) -> Any:
    entity = _entity("household")
    submitted = request.form.to_dict() if request.method == "POST" else None
    errors: dict[str, str] = {}
    general = ""
    if submitted is not None:
        try:
            with writing() as uow:
                record = households.get(uow, key)
                given = forms.submitted_values(entity, submitted, masked=forms.masked_names(uow, entity, record))
                record = editing.edit(uow, "household", key, forms.changed_only(uow, entity, record, given))
                compound, key = _compound_of(record), households.key_of(record)
        except GridcoreError as failure:
            errors, general = _failure("household", failure)
        else:
            flash(f"已保存住户 {key}", "success")
            return _workspace(compound, key)
    with reading() as uow:
        record = households.get(uow, key)
        compound = _compound_of(record)
    cancel = url_for(".index", compound=compound, household=key)
    return _form(
        "household",
        record,
        action=url_for(".edit_household", key=key),
        cancel=cancel,
        heading=f"住户编辑 {key}",
        submitted=submitted,
        errors=errors,
        general=general,
    )


@requires(HOUSEHOLD)
@blueprint.post("/households/<key>/delete")
def delete_household(key: str) -> Response:
    compound = request.form.get("compound") or None
    try:
        with writing() as uow:
            households.delete(uow, key)
    except GridcoreError as failure:
        flash(str(failure), "error")
        return _workspace(compound, key)
    flash(f"已删除住户 {key}", "success")
    return _workspace(compound)


@requires(HOUSEHOLD)
@blueprint.post("/households/<key>/unlink")
def unlink_household(key: str) -> Response:
    compound = request.form.get("compound") or None
    try:
        with writing() as uow:
            households.unlink(uow, key)
    except GridcoreError as failure:
        flash(str(failure), "error")
        return _workspace(compound, key)
    flash(f"住户 {key} 已解除关联 (编号保留)", "success")
    return _workspace(compound)


@requires(HOUSEHOLD)
@blueprint.post("/households/link")
def link_household() -> Response:
    compound = request.form.get("compound", "")
    key = request.form.get("key", "").strip()
    if not key or not compound:
        abort(400, description="请选择要关联的住户")
    try:
        with writing() as uow:
            record = households.link(uow, key, compound, move=request.form.get("move") == "1")
            key = households.key_of(record)
    except GridcoreError as failure:
        flash(str(failure), "error")
        return _workspace(compound)
    flash(f"住户 {key} 已关联到本小区", "success")
    return _workspace(compound, key)


# --------------------------------------------------------------------------- residents


def _household_header(uow: UnitOfWork, household: Household) -> list[tuple[str, str]]:
    entity = _entity("household")
    shown = ("household_no", "community_name", "compound_name", "building_no", "door_no", "head_name")
    return [
        (field.label, cell(present_value(uow, field, getattr(household, field.name))))
        for field in entity_fields(entity.model)
        if field.name in shown
    ]


@requires(RESIDENT)
@blueprint.route("/residents/new", methods=["GET", "POST"])
def new_resident() -> Any:
    household_key = request.values.get("household", "")
    with reading() as uow:
        household = households.get(uow, household_key)
        compound, household_key = _compound_of(household), households.key_of(household)
        header = _household_header(uow, household)
        head_name = household.head_name
    submitted = request.form.to_dict() if request.method == "POST" else None
    errors: dict[str, str] = {}
    general = ""
    if submitted is not None:
        given = {k: v for k, v in forms.submitted_values(_entity("resident"), submitted).items() if v.strip()}
        try:
            with writing() as uow:
                created = editing.add(uow, "resident", given, parent=household_key)
                key = residents.key_of(created)
        except GridcoreError as failure:
            errors, general = _failure("resident", failure)
        else:
            flash(f"已保存居民 {key}", "success")
            return _workspace(compound, household_key, key)
    action = url_for(".new_resident", household=household_key)
    cancel = url_for(".index", compound=compound, household=household_key)
    return _form(
        "resident",
        None,
        action=action,
        cancel=cancel,
        heading="新增居民",
        submitted=submitted,
        errors=errors,
        general=general,
        header=header,
        head_name=head_name,
    )


def _resident_place(resident: Resident) -> tuple[str | None, str | None]:
    household = resident.household
    if household is None:
        return None, None
    return _compound_of(household), households.key_of(household)


@requires(RESIDENT)
@blueprint.route("/residents/<key>/edit", methods=["GET", "POST"])
def edit_resident(key: str) -> Any:
    entity = _entity("resident")
    submitted = request.form.to_dict() if request.method == "POST" else None
    errors: dict[str, str] = {}
    general = ""
    if submitted is not None:
        try:
            with writing() as uow:
                record = residents.get(uow, key)
                given = forms.submitted_values(entity, submitted, masked=forms.masked_names(uow, entity, record))
                record = editing.edit(uow, "resident", key, forms.changed_only(uow, entity, record, given))
                (compound, household), key = _resident_place(record), residents.key_of(record)
        except GridcoreError as failure:
            errors, general = _failure("resident", failure)
        else:
            flash(f"已保存居民 {key}", "success")
            return _workspace(compound, household, key)
    with reading() as uow:
        record = residents.get(uow, key)
        compound, household = _resident_place(record)
        header = _household_header(uow, record.household) if record.household is not None else []
        head_name = record.household.head_name if record.household is not None else ""
    cancel = url_for(".index", compound=compound, household=household, resident=key)
    return _form(
        "resident",
        record,
        action=url_for(".edit_resident", key=key),
        cancel=cancel,
        heading=f"居民编辑 {key}",
        submitted=submitted,
        errors=errors,
        general=general,
        header=header,
        head_name=head_name,
    )


@requires(RESIDENT)
@blueprint.post("/residents/<key>/delete")
def delete_resident(key: str) -> Response:
    compound, household = request.form.get("compound") or None, request.form.get("household") or None
    try:
        with writing() as uow:
            residents.delete(uow, key)
    except GridcoreError as failure:
        flash(str(failure), "error")
        return _workspace(compound, household, key)
    flash(f"已删除居民 {key}", "success")
    return _workspace(compound, household)


@requires(RESIDENT)
@blueprint.post("/residents/<key>/unlink")
def unlink_resident(key: str) -> Response:
    compound, household = request.form.get("compound") or None, request.form.get("household") or None
    try:
        with writing() as uow:
            residents.unlink(uow, key)
    except GridcoreError as failure:
        flash(str(failure), "error")
        return _workspace(compound, household, key)
    flash(f"居民 {key} 已解除关联 (常住编号保留)", "success")
    return _workspace(compound, household)


@requires(RESIDENT)
@blueprint.post("/residents/link")
def link_resident() -> Response:
    compound, household = request.form.get("compound") or None, request.form.get("household", "")
    key = (request.form.get("key_typed") or request.form.get("key") or "").strip()
    if not key or not household:
        abort(400, description="请选择或输入要关联的居民")
    try:
        with writing() as uow:
            record = residents.link(uow, key, household, move=request.form.get("move") == "1")
            key = residents.key_of(record)
    except GridcoreError as failure:
        flash(str(failure), "error")
        return _workspace(compound, household)
    flash(f"居民 {key} 已关联到住户 {household}", "success")
    return _workspace(compound, household, key)
