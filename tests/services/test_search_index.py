"""The search indexes: 2-character keywords through the pieces index, kept in step with every write."""

from __future__ import annotations

from sqlalchemy import func, select, text

from gridcore.query import QuerySpec
from gridcore.search.index import gram_text, matching_ids
from gridcore.search.models import SearchRow
from gridcore.services import residents
from gridcore.services.query import run_query
from gridcore.services.unit import read_unit
from gridcore.testing import run_service


def test_gram_text_is_every_two_character_piece_of_each_word_once():
    assert gram_text("张伟 zhangwei zw") == "张伟 zh ha an ng gw we ei zw"
    assert gram_text("李·四 lisi ls") == "li is si ls"  # pieces with punctuation are left out
    assert gram_text("王 w w") == ""
    assert gram_text("abab abab") == "ab ba"


def names(app, keyword):
    result = run_service(app, run_query, "resident", QuerySpec(contains=keyword))
    return sorted(record.name for record in result.records)


def add(app, name):
    return run_service(app, residents.add, name=name, relation="子", given={"性别": "男"})


def test_two_characters_one_character_and_pinyin(gridcore_app):
    for name in ("张伟", "李张伟", "张三", "王小伟"):
        add(gridcore_app, name)
    assert names(gridcore_app, "张伟") == ["张伟", "李张伟"]
    assert names(gridcore_app, "zw") == ["张伟", "李张伟"]  # initials zw, and lzw contains zw
    assert names(gridcore_app, "zs") == ["张三"]
    assert names(gridcore_app, "ＺＳ") == ["张三"]  # full-width folded
    assert names(gridcore_app, "伟") == ["张伟", "李张伟", "王小伟"]  # one character: the fallback scan
    assert names(gridcore_app, "小伟") == ["王小伟"]
    assert names(gridcore_app, "伟张") == []


def test_pieces_follow_edits_and_deletes(gridcore_app):
    person = add(gridcore_app, "张伟")
    key = residents.key_of(person) if person.resident_no else f"#{person.id}"
    assert names(gridcore_app, "张伟") == ["张伟"]
    run_service(gridcore_app, residents.edit, key, {"姓名": "赵敏"})
    assert names(gridcore_app, "张伟") == []
    assert names(gridcore_app, "赵敏") == ["赵敏"]
    assert names(gridcore_app, "zm") == ["赵敏"]
    with gridcore_app.db.read_session() as session:
        stored = session.execute(select(SearchRow.grams).where(SearchRow.entity == "resident")).scalar_one()
    assert stored == "赵敏 zh ha ao om mi in zm"
    run_service(gridcore_app, residents.delete, key)
    assert names(gridcore_app, "赵敏") == []
    assert names(gridcore_app, "zm") == []


def test_a_two_character_keyword_uses_the_pieces_index(gridcore_app):
    add(gridcore_app, "张伟")
    resident = gridcore_app.registry.entities["resident"]
    with read_unit(gridcore_app) as uow:
        session = uow.session
        condition = matching_ids(session, resident, "张伟")
        query = select(func.count()).select_from(resident.model).where(condition)
        dialect = session.get_bind().dialect
        sql = str(query.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
        if dialect.name == "sqlite":
            plan = " ".join(str(row[-1]) for row in session.execute(text("EXPLAIN QUERY PLAN " + sql)))
            assert "fts_core_search_grams VIRTUAL TABLE" in plan, plan
            assert "SCAN core_search" not in plan, plan
        else:
            assert "string_to_array(core_search.grams, ' ') @>" in sql
            assert "LIKE" not in sql
        assert session.execute(query).scalar_one() == 1
