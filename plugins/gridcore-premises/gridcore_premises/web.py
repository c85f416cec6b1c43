"""信息采集 › 营业场所信息采集 › 从业人员维护 in the web face (gridcore-web's ``register_pages`` hook).

Imported only when gridcore-web builds its application. Find a premises by 场所编号 or a word of its
name, list its employees (the residents whose 场所编号 is the premises'), link a resident by 常住编号
(or ``#id``) and unlink one, through :mod:`gridcore_premises.employees` exactly as ``gridcore premises
link/unlink`` do: one premises per resident (a move needs the checkbox), nobody deleted, values masked
as the services mask them. A refusal is one line next to the form; every change carries the CSRF token.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, request, url_for
from gridcore_web.context import flash, reading, render_page, writing
from gridcore_web.pages import requires

from gridcore.errors import ConflictError, NotFoundError, ValidationError
from gridcore.query.spec import QuerySpec, Sort
from gridcore.services import records
from gridcore.services.presentation import record_key, record_view
from gridcore.services.query import run_query
from gridcore_premises import employees
from gridcore_premises.plugin import EMPLOYEES, ENTITY

blueprint = Blueprint("premises_employees", __name__, url_prefix="/premises/employees", template_folder="templates")

#: How many premises the finder lists at once.
FOUND_LIMIT = 50
#: How the web lets the operator confirm moving a resident who works at another premises.
MOVE_HINT = "确认改到本场所请勾选「已在其他场所时改到本场所」再添加"
#: The premises fields the finder lists.
PREMISES_COLUMNS = ("场所编号", "场所名称", "小区", "场所类型", "地址")
RESIDENT_FIELD = "resident"
REFUSALS = (ValidationError, NotFoundError, ConflictError)


def _opened(wanted: str) -> str | None:
    """The 场所编号 of the premises ``wanted`` names exactly, if any."""
    with reading() as uow:
        try:
            place = records.get(uow, ENTITY, wanted)
        except (NotFoundError, ValidationError):
            return None
        return str(place.premises_no)


@requires(EMPLOYEES)
@blueprint.get("/")
def index() -> Any:
    """Find a premises by 场所编号 (opened at once) or by a word of its name or address."""
    wanted = request.args.get("q", "").strip()
    opened = _opened(wanted) if wanted else None
    if opened is not None:
        return redirect(url_for("premises_employees.premises", key=opened))
    with reading() as uow:
        spec = QuerySpec(contains=wanted or None, sort=(Sort(field="场所编号"),), limit=FOUND_LIMIT)
        found = run_query(uow, ENTITY, spec)
        places = [record_view(uow, ENTITY, place) for place in found.records]
    return render_page(
        "premises/employees_index.html",
        title="从业人员维护",
        wanted=wanted,
        places=places,
        columns=PREMISES_COLUMNS,
        total=found.total,
    )


def _render(key: str, *, error: str = "", given: str = "", status: int = 200) -> tuple[str, int]:
    with reading() as uow:
        place, staff = employees.employees(uow, key)
        rows = [(record_key(uow, "resident", person), employees.employee_row(uow, person)) for person in staff]
        shown = record_view(uow, ENTITY, place)
    page = render_page(
        "premises/employees.html",
        title=f"从业人员维护 · {place.premises_no} {place.name}",
        key=str(place.premises_no),
        place=shown,
        rows=rows,
        columns=employees.EMPLOYEE_COLUMNS,
        error=error,
        given=given,
    )
    return page, status


@requires(EMPLOYEES)
@blueprint.get("/<key>/")
def premises(key: str) -> tuple[str, int]:
    """A premises' employees, with the forms to add one and a 移除 button on each row."""
    return _render(key)


@requires(EMPLOYEES)
@blueprint.post("/<key>/add")
def add(key: str) -> Any:
    """Link the resident of the 常住编号 given; a refusal is shown in one line next to the form."""
    given = request.form.get(RESIDENT_FIELD, "").strip()
    move = request.form.get("move") == "1"
    if not given:
        return _render(key, error="请填写要添加的居民的常住编号", status=400)
    try:
        with writing() as uow:
            person = employees.link(uow, key, given, move=move, move_hint=MOVE_HINT)
            name = record_key(uow, "resident", person)
    except REFUSALS as refusal:
        return _render(key, error=str(refusal), given=given, status=400)
    if not uow.warnings:  # a resident already employed here is told by the service's warning
        flash(f"已将居民 {name} 添加为 {key} 的从业人员", "success")
    return redirect(url_for("premises_employees.premises", key=key), code=303)


@requires(EMPLOYEES)
@blueprint.post("/<key>/remove")
def remove(key: str) -> Any:
    """Unlink a resident: their 场所编号 is cleared, the resident stays."""
    given = request.form.get(RESIDENT_FIELD, "").strip()
    try:
        with writing() as uow:
            employees.unlink(uow, key, given)
    except REFUSALS as refusal:
        return _render(key, error=str(refusal), status=400)
    flash(f"已将居民 {given} 从 {key} 的从业人员中移除 (居民记录保留)", "success")
    return redirect(url_for("premises_employees.premises", key=key), code=303)
