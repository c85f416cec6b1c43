"""C5, P1, P4: masking in every face, the classification of every person column, the ID mask."""

from __future__ import annotations

import datetime as dt
import json
import re

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gridcore.domain.households import Household
from gridcore.domain.idcard.synthetic import make_id
from gridcore.domain.residents import Resident
from gridcore.entities import FieldInfo, entity_fields
from gridcore.errors import ConfigError
from gridcore.security.masking import mask_id_number, mask_name, mask_phone, mask_value
from gridcore.security.policy import load_policy
from gridcore.services import residents
from gridcore.testing import add_operator, pii_admin, run_service

ID_NUMBER = make_id("110105", dt.date(1949, 12, 31), 1, "女")
PHONE = "13812345678"
FULL_ID = re.compile(r"\d{17}[\dXx]")
MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


# --------------------------------------------------------------------------- the masks


def test_default_masks():
    assert mask_id_number("11010519491231002X") == "110105********002X"
    assert mask_phone(PHONE) == "138****5678"
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧阳**"
    assert mask_name("王") == "*"
    assert mask_value("full", "回族") == "***"
    assert mask_value(None, True) == "***"
    assert mask_id_number("110105491231002") == "110105******002"  # 15 digits: YYMMDD hidden


valid_ids = st.builds(
    make_id,
    st.sampled_from(["110105", "440524", "650102", "310115"]),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2024, 12, 31)),
    st.integers(min_value=0, max_value=499),
    st.sampled_from(["男", "女"]),
)


@given(number=valid_ids, first=st.integers(0, 6), last=st.integers(0, 4))
def test_the_id_mask_never_shows_the_birth_date(number, first, last):
    """P4: for every policy the configuration allows, positions 7-14 are always masked."""
    masked = mask_id_number(number, (first, last))
    assert len(masked) == 18
    assert masked[6:14] == "*" * 8
    assert masked[:first] == number[:first]
    assert masked[18 - last :] == (number[18 - last :] if last else "")


@pytest.mark.parametrize("keep", [[7, 4], [6, 5], [8, 0], "6,4", [6]])
def test_a_mask_that_would_show_the_birth_date_is_a_config_error(keep):
    with pytest.raises(ConfigError, match="id_mask_keep"):
        load_policy({"id_mask_keep": keep})


def test_the_id_mask_is_configurable(make_app):
    app = make_app(policies={"id_mask_keep": [1, 1]})
    run_service(app, residents.add, name="甲", id_number=ID_NUMBER)
    clerk = add_operator(app, "clerk", group="查询员")
    from gridcore.services.presentation import record_view
    from gridcore.services.unit import read_unit

    with read_unit(app, clerk) as uow:
        shown = record_view(uow, "resident", residents.get(uow, "#1"))["身份证号"]
    assert shown == ID_NUMBER[0] + "*" * 16 + ID_NUMBER[-1]


# --------------------------------------------------------------------------- C5: every face


@pytest.fixture
def people(district):
    run_service(district, residents.edit, "HQDY00101", {"身份证号": ID_NUMBER, "联系电话": PHONE, "民族": "回族"})
    return district


def faces(cli, app, tmp_path, actor) -> str:
    """Everything an operator can get out of the resident register, as one text."""
    texts = []
    for args in (
        ("resident", "show", "HQDY00101", "--format", "json"),
        ("resident", "show", "HQDY00101"),
        ("query", "resident", "--format", "json"),
        ("query", "resident", "--format", "csv"),
        ("query", "resident"),
        ("query", "resident", "--contains", "红甲", "--format", "json"),
    ):
        result = cli(app, *args, actor=actor)
        assert result.exit_code == 0, result.output
        texts.append(result.output)
    for suffix in ("xlsx", "csv"):
        out = tmp_path / f"residents.{suffix}"
        result = cli(app, "export", "resident", str(out), actor=actor)
        assert result.exit_code == 0, result.output
        if suffix == "csv":
            texts.append(out.read_text(encoding="utf-8-sig"))
        else:
            for row in openpyxl.load_workbook(out).active.values:
                texts.append(json.dumps(row, ensure_ascii=False, default=str))
    return "\n".join(texts)


def test_no_face_shows_a_full_id_number_or_mobile_without_pii_view(people, cli, tmp_path):
    clerk = add_operator(people, "clerk", group="信息采集员")
    shown = faces(cli, people, tmp_path, clerk)
    assert not FULL_ID.search(shown)
    assert not MOBILE.search(shown)
    assert "110105********" in shown
    assert "138****5678" in shown
    assert "回族" not in shown  # ethnicity is sensitive (SPI)


def test_with_pii_view_values_are_shown_and_each_view_is_audited(people, cli, tmp_path):
    from .helpers import audit_rows

    viewer = pii_admin(people)
    shown = faces(cli, people, tmp_path, viewer)
    assert ID_NUMBER in shown
    assert PHONE in shown
    views = audit_rows(people, "pii.view")
    assert len(views) == 8  # one per command that showed unmasked values
    assert all(row.actor == "admin" for row in views)


# --------------------------------------------------------------------------- P1: classification


@pytest.mark.parametrize("model", [Resident, Household])
def test_every_column_of_a_person_table_is_classified(model):
    """P1: every column carries FieldInfo (label and sensitivity) or is a declared internal key."""
    internal = {"id", "household_id", "compound_id", "birth_year", "created_at"}
    labelled = {field.name for field in entity_fields(model)}
    for column in model.__table__.columns:
        if column.key in internal:
            continue
        assert column.key in labelled, f"{model.__tablename__}.{column.key} has no classification"
        info = column.info["gridcore"]
        assert isinstance(info, FieldInfo)
        assert info.sensitivity is not None


def test_identity_and_health_fields_are_sensitive():
    spi = {field.name for field in entity_fields(Resident) if field.info.sensitivity == "SPI"}
    assert {"id_number", "health_status", "special_group", "religion", "is_disabled"} <= spi
