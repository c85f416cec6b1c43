"""The ID-number button of the edit forms (R-E01): what a number fills in, from the kernel's idcard domain."""

from __future__ import annotations

from flask import Blueprint, jsonify, request
from werkzeug.wrappers import Response

from gridcore.domain.idcard import check_id
from gridcore.services import dictionaries
from gridcore_web.context import reading
from gridcore_web.pages import requires

blueprint = Blueprint("idcard", __name__, url_prefix="/idcard")


@requires("idcard.check")
@blueprint.post("/fill")
def fill() -> Response:
    """``{"ok": true, "fields": {"出生日期": ..., "性别": ..., "籍贯": ..., "出生地": ...}}`` or the reason."""
    result = check_id(request.form.get("number", ""))
    if result.info is None:
        return jsonify(ok=False, message=result.reason or "身份证号无效")
    info = result.info
    with reading() as uow:
        code = dictionaries.code_of(uow, "sex", "MALE" if info.sex == "男" else "FEMALE")
        sex = dictionaries.label_of(uow, "sex", code)
    place = info.division.full_name if info.division is not None else ""
    return jsonify(
        ok=True,
        fields={"出生日期": info.birth_date.isoformat(), "性别": sex, "籍贯": place, "出生地": place},
    )
