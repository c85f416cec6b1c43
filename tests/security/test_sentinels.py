"""L2: passwords, session tokens and full ID numbers appear in no log record and no audit record."""

from __future__ import annotations

import datetime as dt
import logging

import openpyxl
import pytest

from gridcore.domain.idcard.synthetic import make_id
from gridcore.errors import GridcoreError
from gridcore.query import And, Condition, QuerySpec
from gridcore.services import households, operators, regions, residents, sessions
from gridcore.services.exports import export_entity
from gridcore.services.imports import import_file
from gridcore.services.setup import initialize
from gridcore.services.unit import read_unit, unit_of_work
from gridcore.testing import grant, login_actor, run_service

from .helpers import audit_rows

PASSWORD = "Sentinel-Pw-7731"
NEW_PASSWORD = "Sentinel-Pw-9942"
ISSUED = "Sentinel-Issued-5518"
ID_NUMBER = make_id("110105", dt.date(1977, 7, 31), 123, "男")
ID_IN_FILE = make_id("110105", dt.date(1988, 8, 18), 77, "女")


def test_no_sentinel_reaches_a_log_or_the_audit_log(make_app, cli, caplog, tmp_path):
    caplog.set_level(logging.DEBUG)
    app = make_app(init=False)
    app.start()
    initialize(app, admin_login="admin", ask_password=lambda: PASSWORD)
    outcome = sessions.login(app, "admin", PASSWORD, terminal="t")
    with pytest.raises(GridcoreError):
        sessions.login(app, "admin", PASSWORD + "x", terminal="t")
    sessions.change_password(app, "admin", PASSWORD, NEW_PASSWORD, terminal="t", session_id=outcome.actor.session_id)
    run_service(app, operators.add_operator, "clerk", group="信息采集员", password=ISSUED)
    run_service(app, operators.reset_password, "clerk", ISSUED + "2")
    tokens = [outcome.token]

    run_service(app, regions.add, level="街道", name="东城街道")
    run_service(app, regions.add, level="社区", name="红旗社区", parent_code="DC")
    run_service(app, regions.add, level="小区", name="第一小区", parent_code="HQ")
    household = run_service(app, households.add, head_name="甲", compound_code="HQDY")
    run_service(
        app, residents.add, name=None, household_key=household.household_no, relation="户主", id_number=ID_NUMBER
    )
    run_service(app, residents.edit, "HQDY00101", {"联系电话": "13912345678", "备注": f"证件 {ID_NUMBER}"})
    with pytest.raises(GridcoreError):
        run_service(app, residents.add, name="重复", id_number=ID_NUMBER)

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "常住人口信息表"
    sheet.append(["姓名", "身份证号"])
    sheet.append(["乙", ID_IN_FILE])
    path = tmp_path / "people.xlsx"
    workbook.save(path)
    with unit_of_work(app) as uow:
        import_file(uow, "resident", path)
    grant(app, "系统管理员", "pii.view")
    viewer = login_actor(app, "admin", NEW_PASSWORD)
    spec = QuerySpec(filter=And(parts=(Condition(field="身份证号", op="=", value=ID_NUMBER),)))
    with read_unit(app, viewer) as uow:
        export_entity(uow, "resident", spec, tmp_path / "out.xlsx")
    for args in (("resident", "show", "HQDY00101"), ("query", "resident", "--where", f"身份证号={ID_NUMBER}")):
        assert cli(app, *args, actor=viewer).exit_code == 0
    run_service(app, residents.delete, "HQDY00101")

    sentinels = [PASSWORD, NEW_PASSWORD, ISSUED, ID_NUMBER, ID_IN_FILE, *tokens]
    logged = "\n".join(f"{record.getMessage()} {record.args!r}" for record in caplog.records)
    stored = "\n".join(
        " ".join(str(getattr(row, c)) for c in ("actor", "terminal", "event_type", "entity", "object_key", "detail"))
        for row in audit_rows(app)
    )
    assert len(audit_rows(app)) > 15
    for sentinel in sentinels:
        assert sentinel not in logged
        assert sentinel not in stored
    assert ID_NUMBER[:6] + "********" in stored  # the ID numbers are there, masked
