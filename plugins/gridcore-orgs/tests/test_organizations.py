"""Organizations, members and the org chart from the command line (R-K01, R-K02), on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from gridcore_orgs.org_chart import organization_tree
from gridcore_orgs.organizations import roster
from PIL import Image

from gridcore.errors import ConflictError, NotFoundError, ValidationError
from gridcore.services import records
from gridcore.testing import add_operator, run_service

ORG = "江畔社区居民委员会"
SVG = "{http://www.w3.org/2000/svg}"


def ok(result):
    assert result.exit_code == 0, result.output
    return result


def add_member(cli, app, level, post, name, *extra):
    fields = ["--field", f"机构名称={ORG}", "--field", f"层级={level}", "--field", f"职务={post}"]
    return cli(app, "orgs", "member", "add", *fields, "--field", f"姓名={name}", *extra, "--format", "json")


@pytest.fixture
def app(make_app):
    return make_app(["orgs"])


@pytest.fixture
def staffed(app, cli):
    ok(cli(app, "orgs", "org", "add", "--field", f"机构名称={ORG}"))
    ok(add_member(cli, app, "最低层", "委员", "王委员", "--field", "排序=2"))
    ok(add_member(cli, app, "最高层", "主任", "张主任", "--field", "排序=1"))
    ok(add_member(cli, app, "最低层", "委员", "赵委员", "--field", "排序=1"))
    ok(add_member(cli, app, "top", "书记", "李书记", "--field", "排序=2"))
    return app


def test_r_k01_levels_are_kept_apart_and_listed_top_first(staffed, cli):
    listed = json.loads(ok(cli(staffed, "orgs", "org", "members", ORG, "--format", "json")).output)
    assert [(m["层级"], m["职务"], m["姓名"]) for m in listed] == [
        ("最高层", "主任", "张主任"),
        ("最高层", "书记", "李书记"),
        ("最低层", "委员", "赵委员"),
        ("最低层", "委员", "王委员"),
    ]
    assert all(m["机构名称"] == ORG for m in listed)


def test_r_k01_members_are_edited_and_deleted_by_id(staffed, cli):
    _, members = run_service(staffed, roster, ORG)
    key = f"#{members[-1].id}"
    edited = json.loads(ok(cli(staffed, "orgs", "member", "edit", key, "--field", "职务=副主任",
                               "--field", "层级=最高层", "--format", "json")).output)  # fmt: skip
    assert (edited["职务"], edited["层级"]) == ("副主任", "最高层")
    ok(cli(staffed, "orgs", "member", "delete", key, "--yes"))
    _, members = run_service(staffed, roster, ORG)
    assert [m.name for m in members] == ["张主任", "李书记", "赵委员"]


def test_an_unknown_organization_or_level_is_one_clear_line(app, cli):
    result = add_member(cli, app, "最高层", "主任", "张主任")
    assert result.exit_code == ValidationError.exit_code
    assert f"机构名称」组织机构 {ORG} 不存在" in result.output
    ok(cli(app, "orgs", "org", "add", "--field", f"机构名称={ORG}"))
    result = add_member(cli, app, "中层", "主任", "张主任")
    assert result.exit_code == ValidationError.exit_code
    assert "「层级」的值「中层」不在词典中" in result.output
    assert "最高层、最低层" in result.output
    assert "Traceback" not in result.output


def test_a_member_may_link_a_resident_by_number(app, cli):
    from gridcore.services import households, regions, residents

    def build(uow):
        regions.add(uow, name="江畔街道", level=0, code="JP")
        regions.add(uow, name="东风社区", level=1, parent_code="JP", code="DF")
        compound = regions.add(uow, name="第一小区", level=2, parent_code="DF", code="DFDY")
        household = households.add(uow, head_name="张某", compound_code=compound.code)
        return residents.add(uow, name="张某", household_key=household.household_no, given={"与户主关系": "户主"})

    resident = run_service(app, build)
    ok(cli(app, "orgs", "org", "add", "--field", f"机构名称={ORG}"))
    added = json.loads(ok(add_member(cli, app, "最高层", "主任", "张某", "--field",
                                     f"常住编号={resident.resident_no}")).output)  # fmt: skip
    assert added["常住编号"] == resident.resident_no
    wrong = add_member(cli, app, "最高层", "主任", "某人", "--field", "常住编号=XX00199")
    assert wrong.exit_code == ValidationError.exit_code
    assert "「常住编号」居民 XX00199 不存在" in wrong.output
    ok(cli(app, "resident", "delete", resident.resident_no, "--yes"))
    kept = json.loads(ok(cli(app, "orgs", "member", "show", f"#{added['key'][1:]}", "--format", "json")).output)
    assert (kept["姓名"], kept["常住编号"]) == ("张某", None)  # the member stays, the link is cleared


def test_an_organization_with_members_is_not_deleted(staffed, cli):
    result = cli(staffed, "orgs", "org", "delete", ORG, "--yes")
    assert result.exit_code == ConflictError.exit_code
    assert "还有 4 名成员, 不能删除" in result.output
    _, members = run_service(staffed, roster, ORG)
    for member in members:
        run_service(staffed, records.delete, "org_member", f"#{member.id}")
    ok(cli(staffed, "orgs", "org", "delete", ORG, "--yes"))
    with pytest.raises(NotFoundError):
        run_service(staffed, records.get, "organization", ORG)


def test_organization_names_are_unique(app, cli):
    ok(cli(app, "orgs", "org", "add", "--field", f"机构名称={ORG}"))
    again = cli(app, "orgs", "org", "add", "--field", f"机构名称={ORG}")
    assert again.exit_code != 0
    assert "Traceback" not in again.output


def test_r_k02_chart_is_title_then_top_row_then_bottom_row(staffed, cli, tmp_path):
    out = tmp_path / "charts"
    result = ok(cli(staffed, "orgs", "chart", ORG, "--out", str(out)))
    assert "已生成组织机构图" in result.output
    svg, png = out / f"{ORG}.svg", out / f"{ORG}.png"
    tree = ET.fromstring(svg.read_bytes())
    y = {t.text: float(t.get("y")) for t in tree.iter(f"{SVG}text")}
    assert y[ORG] < y["主任"] == y["书记"] < y["委员"]
    assert {"张主任", "李书记", "赵委员", "王委员"} <= set(y)
    x = {t.text: float(t.get("x")) for t in tree.iter(f"{SVG}text")}
    assert x["赵委员"] < x["王委员"]  # 排序 within the row
    image = Image.open(png)
    assert image.format == "PNG"
    assert image.size[0] > 200


def test_chart_title_may_differ_from_the_name(staffed, cli):
    ok(cli(staffed, "orgs", "org", "edit", ORG, "--field", "图表标题=江畔社区居委会组织机构图"))
    tree = run_service(staffed, organization_tree, ORG)
    assert tree.lines == ("江畔社区居委会组织机构图",)
    assert [child.lines for child in tree.children if child.lines] == [("主任", "张主任"), ("书记", "李书记")]


def test_chart_of_every_organization_without_arguments(staffed, cli, tmp_path):
    ok(cli(staffed, "orgs", "org", "add", "--field", "机构名称=社区党委"))
    ok(cli(staffed, "orgs", "chart", "--out", str(tmp_path / "charts")))
    assert sorted(p.name for p in (tmp_path / "charts").iterdir()) == sorted(
        [f"{ORG}.svg", f"{ORG}.png", "社区党委.svg", "社区党委.png"]
    )


def test_a_viewer_sees_but_cannot_change(staffed, cli):
    viewer = add_operator(staffed, "viewer", group="查询员")
    assert cli(staffed, "orgs", "org", "members", ORG, actor=viewer).exit_code == 0
    refused = cli(staffed, "orgs", "org", "add", "--field", "机构名称=新机构", actor=viewer)
    assert refused.exit_code == 8
    assert "organization.edit" in refused.output
