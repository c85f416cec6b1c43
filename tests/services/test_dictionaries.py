"""Dictionaries: seeded by init (R-O01), entries editable (R-O02), protected entries (R-O03)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from gridcore import Dictionary, DictionaryEntry
from gridcore.domain.dictionaries.models import DictionaryEntryRow
from gridcore.errors import ConflictError, NotFoundError, ValidationError
from gridcore.services import dictionaries, households
from gridcore.services.setup import initialize
from gridcore.testing import TEST_ADMIN_PASSWORD, make_plugin, run_service


def count(app):
    with app.db.read_session() as session:
        return session.execute(select(func.count()).select_from(DictionaryEntryRow)).scalar_one()


def test_init_seeds_every_core_dictionary_once(gridcore_app):
    seeded = count(gridcore_app)
    ethnicity = run_service(gridcore_app, dictionaries.list_entries, "ethnicity")
    assert len([e for e in ethnicity.entries if e.enabled]) >= 56
    initialize(gridcore_app, admin_login="admin", ask_password=lambda: TEST_ADMIN_PASSWORD)
    assert count(gridcore_app) == seeded


def test_plugin_dictionaries_are_seeded(make_app):
    plugin = make_plugin(
        "colours",
        register_dictionaries=lambda: [
            Dictionary(id="colour", title="颜色", entries=(DictionaryEntry(code="1", label="红"),))
        ],
    )
    app = make_app(extra=[plugin])
    assert [e.label for e in run_service(app, dictionaries.list_entries, "colour").entries] == ["红"]


def test_add_rename_remove_entry_and_it_is_used_at_once(district):
    added = run_service(district, dictionaries.add_entry, "house_state", "借住")
    household = run_service(
        district, households.add, head_name="甲某", compound_code="HQDY", given={"房屋状态": "借住"}
    )
    assert household.house_state == added.code
    run_service(district, dictionaries.rename_entry, "house_state", "借住", "借用")
    assert run_service(district, households.edit, "HQDY001", {"房屋状态": "借用"}).house_state == added.code
    run_service(district, dictionaries.remove_entry, "house_state", "借用")
    with pytest.raises(ValidationError, match="不在词典中"):
        run_service(district, households.edit, "HQDY001", {"房屋状态": "借用"})


@pytest.mark.parametrize(
    ("dictionary", "entry"),
    [
        ("hukou_type", "农村"),
        ("hukou_type", "城市"),
        ("political_status", "中共党员"),
        ("political_status", "中共预备党员"),
        ("political_status", "积极分子"),
        ("relation_to_head", "户主"),
    ],
)
def test_protected_entries_cannot_be_removed_or_renamed(gridcore_app, dictionary, entry):
    with pytest.raises(ConflictError, match="受保护"):
        run_service(gridcore_app, dictionaries.remove_entry, dictionary, entry)
    with pytest.raises(ConflictError, match="受保护"):
        run_service(gridcore_app, dictionaries.rename_entry, dictionary, entry, "别的")


def test_duplicate_label_and_unknown_dictionary(gridcore_app):
    with pytest.raises(ConflictError, match="已有条目"):
        run_service(gridcore_app, dictionaries.add_entry, "sex", "男")
    with pytest.raises(NotFoundError, match="没有词典 'colour'"):
        run_service(gridcore_app, dictionaries.list_entries, "colour")


def test_labels_and_semantics(gridcore_app):
    def check(uow):
        head = dictionaries.code_of(uow, "relation_to_head", "HEAD")
        assert dictionaries.label_of(uow, "relation_to_head", head) == "户主"
        assert dictionaries.to_code(uow, "political_status", "中共党员", field="政治面貌") == dictionaries.code_of(
            uow, "political_status", "CPC_FULL"
        )

    from gridcore.testing import in_unit

    in_unit(gridcore_app, check)


def test_rename_to_an_existing_label_is_refused(gridcore_app):
    run_service(gridcore_app, dictionaries.add_entry, "house_state", "借住")
    with pytest.raises(ConflictError, match="已有条目「自住」"):
        run_service(gridcore_app, dictionaries.rename_entry, "house_state", "借住", "自住")
