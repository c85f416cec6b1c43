"""The search indexes: 2-character keywords through the pieces index, kept in step with every write."""

from __future__ import annotations

from sqlalchemy import func, select, text

from gridcore.domain.residents import Resident
from gridcore.query import Condition, QuerySpec
from gridcore.search.index import _entity_token, gram_text, matching_ids, matching_rows
from gridcore.search.models import SearchRow
from gridcore.services import households, residents
from gridcore.services.query import conditions, count_statement, keyword_rows, run_query
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


def count_of(app, keyword, **options):
    """``run_query``'s total and exactness for ``keyword`` alone, one record a page (so that it counts)."""
    result = run_service(app, run_query, "resident", QuerySpec(contains=keyword, limit=1), **options)
    return result.total, result.exact


def test_a_keyword_alone_is_counted_from_its_search_rows(district):
    for name in ("张三", "张三丰", "赵松", "李四"):
        add(district, name)
    run_service(district, households.add, head_name="张三", compound_code="HQDY")
    household = district.registry.entities["household"]
    with read_unit(district) as uow:  # a household's row holds the same piece: not counted
        others = uow.session.execute(
            select(func.count()).select_from(matching_rows(uow.session, household, "zs").subquery())
        ).scalar_one()
    assert others > 0
    assert count_of(district, "zs") == (3, True)  # 张三 zs, 张三丰 zsf, 赵松 zs
    assert count_of(district, "张三") == (2, True)
    assert count_of(district, "张三丰") == (1, True)
    assert count_of(district, "三") == (2, True)  # one character: the fallback scan
    assert count_of(district, "zs", count_limit=1) == (2, False)  # count_limit still bounds it
    run_service(district, residents.delete, residents_key(district, "赵松"))
    assert count_of(district, "zs") == (2, True)  # the search row left with its record


def residents_key(app, name):
    with app.db.read_session() as session:
        return residents.key_of(session.execute(select(Resident).where(Resident.name == name)).scalar_one())


def test_a_keyword_alone_is_counted_without_reading_the_records(gridcore_app):
    add(gridcore_app, "张三")
    resident = gridcore_app.registry.entities["resident"]
    with read_unit(gridcore_app) as uow:
        session = uow.session
        spec = QuerySpec(contains="zs")
        where = conditions(uow, resident, spec)
        rows = keyword_rows(uow, resident, spec, where)
        assert rows is not None
        statement = count_statement(resident.model, where, None, rows=rows)
        dialect = session.get_bind().dialect
        sql = str(statement.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
        assert "core_resident" not in sql
        if dialect.name == "sqlite":  # the pieces index alone answers: "zs" AND "resident"
            plan = " ".join(str(row[-1]) for row in session.execute(text("EXPLAIN QUERY PLAN " + sql)))
            assert "fts_core_search_grams VIRTUAL TABLE" in plan, plan
            assert "core_search USING" not in plan, plan
            assert "SCAN core_search" not in plan, plan
        assert session.execute(statement).scalar_one() == 1
        # with another condition the count goes through the records
        other = QuerySpec(contains="zs", where=(Condition(field="姓名", op="=", value="张三"),))
        assert keyword_rows(uow, resident, other, conditions(uow, resident, other)) is None


def test_which_entity_ids_the_pieces_index_holds_as_one_token():
    assert all(map(_entity_token, ("resident", "party_member", "org2")))
    assert not any(map(_entity_token, ("ab", "a-b", "Shop", "商铺")))  # "ab": a piece would look the same
