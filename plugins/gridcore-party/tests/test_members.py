"""Party members: only eligible residents, their data copied and kept current (R-P02, R-P03, R-P04)."""

from __future__ import annotations

import json

from gridcore.errors import ConflictError, ValidationError
from gridcore.services import households, records, regions, residents
from gridcore.testing import add_operator, run_service


def ok(result):
    assert result.exit_code == 0, result.output
    return result


def add_member(cli, app, number, org, *pairs):
    fields = ["--field", f"常住编号={number}", "--field", f"所属党组织={org}"]
    extra = [arg for pair in pairs for arg in ("--field", pair)]
    return cli(app, "party", "member", "add", *fields, *extra, "--format", "json")


def names(result) -> list[str]:
    return [row["姓名"] for row in json.loads(ok(result).output)]


def test_r_p03_only_party_members_probationers_and_activists_are_offered(party_app, people, cli):
    offered = names(cli(party_app, "party", "member", "candidates", "--format", "json"))
    assert offered == ["甲党员", "乙党员", "丙预备", "丁积极"]
    ok(add_member(cli, party_app, people["甲党员"], "第一党支部"))
    offered = names(cli(party_app, "party", "member", "candidates", "--format", "json"))
    assert offered == ["乙党员", "丙预备", "丁积极"]  # a member is not offered again
    assert names(cli(party_app, "party", "member", "candidates", "--contains", "丙", "--format", "json")) == ["丙预备"]


def test_r_p03_anyone_else_is_refused_with_the_way_out(party_app, people, cli):
    for name in ("戊群众", "己团员"):
        refused = add_member(cli, party_app, people[name], "第一党支部")
        assert refused.exit_code == ValidationError.exit_code
        status = "群众" if name == "戊群众" else "团员"
        assert f"的政治面貌为「{status}」: 只有党员、预备党员、积极分子可以加入党员名册" in refused.output
        assert "请先在居民信息中修改政治面貌" in refused.output
    run_service(party_app, residents.edit, people["戊群众"], {"政治面貌": "积极分子"})
    ok(add_member(cli, party_app, people["戊群众"], "第一党支部"))


def test_r_p04_the_residents_data_is_copied_in(party_app, people, cli):
    added = json.loads(ok(add_member(cli, party_app, people["乙党员"], "第一党支部", "入党日期=2005-07-01",
                                     "转正日期=2006-07-01", "党内职务=组织委员")).output)  # fmt: skip
    assert {k: added[k] for k in ("常住编号", "姓名", "性别", "出生日期", "党员类别", "所属党组织", "党内职务")} == {
        "常住编号": people["乙党员"],
        "姓名": "乙党员",
        "性别": "女",
        "出生日期": "1980-06-15",
        "党员类别": "党员",
        "所属党组织": "第一党支部",
        "党内职务": "组织委员",
    }
    copied = cli(party_app, "party", "member", "add", "--field", f"常住编号={people['甲党员']}",
                 "--field", "所属党组织=第一党支部", "--field", "姓名=别人")  # fmt: skip
    assert copied.exit_code == ValidationError.exit_code
    assert "「姓名」由系统生成或在关联时填写" in copied.output


def test_the_copies_follow_the_resident(party_app, people, cli):
    ok(add_member(cli, party_app, people["丙预备"], "第二党支部", "入党日期=2024-07-01"))
    run_service(party_app, residents.edit, people["丙预备"], {"姓名": "丙转正", "政治面貌": "党员"})
    member = json.loads(ok(cli(party_app, "party", "member", "show", "#1", "--format", "json")).output)
    assert (member["姓名"], member["党员类别"]) == ("丙转正", "党员")
    found = json.loads(ok(cli(party_app, "query", "party_member", "--contains", "丙转正", "--format", "json")).output)
    assert [r["key"] for r in found["records"]] == ["#1"]


def test_a_member_cannot_lose_eligibility_or_be_deleted_as_a_resident(party_app, people, cli):
    ok(add_member(cli, party_app, people["甲党员"], "第一党支部"))
    refused = cli(party_app, "resident", "edit", people["甲党员"], "--field", "政治面貌=群众")
    assert refused.exit_code == ValidationError.exit_code
    assert "政治面貌为「群众」" in refused.output
    deleted = cli(party_app, "resident", "delete", people["甲党员"], "--yes")
    assert deleted.exit_code == ConflictError.exit_code
    assert "在党员名册中, 不能删除: 请先移出党员名册 (gridcore party member delete #1 --yes)" in deleted.output
    ok(cli(party_app, "party", "member", "delete", "#1", "--yes"))
    ok(cli(party_app, "resident", "delete", people["甲党员"], "--yes"))


def test_one_resident_one_membership(party_app, people, cli):
    ok(add_member(cli, party_app, people["甲党员"], "第一党支部"))
    again = add_member(cli, party_app, people["甲党员"], "第二党支部")
    assert again.exit_code == ConflictError.exit_code
    assert "已在党员名册中 (#1): 每人只属于一个党组织" in again.output


def test_membership_dates(party_app, people, cli):
    young = add_member(cli, party_app, people["乙党员"], "第一党支部", "入党日期=1997-06-15")
    assert young.exit_code == ValidationError.exit_code
    assert "「入党日期」1997-06-15 时未满 18 周岁 (出生日期 1980-06-15)" in young.output
    backwards = add_member(cli, party_app, people["乙党员"], "第一党支部", "入党日期=2005-01-01", "转正日期=2004-12-31")
    assert "「转正日期」2004-12-31 早于「入党日期」2005-01-01" in backwards.output
    probation = add_member(cli, party_app, people["丙预备"], "第一党支部", "入党日期=2024-01-01", "转正日期=2025-01-01")
    assert "预备党员尚未转正, 不能填写「转正日期」" in probation.output
    future = add_member(cli, party_app, people["乙党员"], "第一党支部", "入党日期=2999-01-01")
    assert "晚于今天" in future.output
    ok(add_member(cli, party_app, people["乙党员"], "第一党支部", "入党日期=1998-06-15", "转正日期=1999-06-15"))


def test_r_p02_members_of_the_selected_organization(party_app, people, cli):
    ok(add_member(cli, party_app, people["甲党员"], "第一党支部"))
    ok(add_member(cli, party_app, people["乙党员"], "第二党支部"))
    ok(add_member(cli, party_app, people["丁积极"], "第一党支部"))
    listed = json.loads(ok(cli(party_app, "party", "member", "list", "--where", "所属党组织=第一党支部",
                               "--format", "json")).output)  # fmt: skip
    assert [r["姓名"] for r in listed["records"]] == ["甲党员", "丁积极"]
    tree = json.loads(ok(cli(party_app, "party", "org", "tree", "--format", "json")).output)
    assert [(row["党组织"], row["党员人数"]) for row in tree] == [
        ("江畔党委", 0),
        ("第一党总支", 0),
        ("第一党支部", 2),
        ("第一党小组", 0),
        ("第二党支部", 1),
    ]
    ok(cli(party_app, "party", "member", "edit", "#3", "--field", "所属党组织=第一党小组"))
    assert run_service(party_app, records.get, "party_member", "#3").party_org_id == 5


def test_membership_is_masked_for_operators_without_pii_view(party_app, people, cli):
    ok(add_member(cli, party_app, people["甲党员"], "第一党支部", "党内职务=书记"))
    viewer = add_operator(party_app, "viewer", group="查询员")
    shown = json.loads(ok(cli(party_app, "party", "member", "show", "#1", "--format", "json", actor=viewer)).output)
    assert shown["姓名"] != "甲党员"
    assert "党员" not in json.dumps(shown["姓名"], ensure_ascii=False)
    assert shown["党内职务"] != "书记"
    full = json.loads(ok(cli(party_app, "party", "member", "show", "#1", "--format", "json")).output)
    assert full["姓名"] == "甲党员"


def test_members_are_held_to_the_operators_region_scope(party_app, people, cli):
    ok(add_member(cli, party_app, people["甲党员"], "第一党支部"))

    def second_compound(uow):
        regions.add(uow, name="第二小区", level=2, parent_code="DF", code="DFDE")
        household = households.add(uow, head_name="庚党员", compound_code="DFDE")
        given = {"与户主关系": "户主", "政治面貌": "党员", "出生日期": "1960-02-02", "性别": "男"}
        return residents.add(uow, name="庚党员", household_key=household.household_no, given=given).resident_no

    other = run_service(party_app, second_compound)
    ok(add_member(cli, party_app, other, "第二党支部"))
    clerk = add_operator(party_app, "caiji", group="信息采集员", scope="DFDE")
    listed = json.loads(ok(cli(party_app, "party", "member", "list", "--format", "json", actor=clerk)).output)
    assert (listed["total"], [r["key"] for r in listed["records"]]) == (1, ["#2"])  # not #1 in 第一小区
    hidden = cli(party_app, "party", "member", "show", "#1", actor=clerk)
    assert hidden.exit_code == 6, hidden.output
