"""党建管理 › 党建统计 in the web face: the menu opens it, the party statistics as tables, permissions."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("gridcore_web")

from gridcore.services import records
from gridcore.services.operators import add_group
from gridcore.testing import TEST_ADMIN_PASSWORD, TEST_OPERATOR_PASSWORD, add_operator, grant, run_service

PAGE = "/party/stats/"
PARTY_SECTIONS = (
    "party-members_by_org",
    "party-members_by_category",
    "party-members_by_age",
    "party-activities_per_month",
)


@pytest.fixture
def members(party_web_app, web_people):
    """甲党员 and 乙党员 in 第一党支部, 丙预备 in 第二党支部."""
    for name, org in (("甲党员", "第一党支部"), ("乙党员", "第一党支部"), ("丙预备", "第二党支部")):
        run_service(party_web_app, records.add, "party_member", {"常住编号": web_people[name], "所属党组织": org})
    return party_web_app


@pytest.fixture
def admin(party_web_login):
    return party_web_login("admin", TEST_ADMIN_PASSWORD)


def rows_of(text: str, section: str) -> list[list[str]]:
    """The body rows of one statistic's table, as cell texts."""
    found = re.search(rf'<section class="stat" id="{section}">(.*?)</section>', text, re.S)
    assert found is not None, section
    body = re.search(r"<tbody>(.*?)</tbody>", found.group(1), re.S)
    assert body is not None
    return [re.findall(r"<td>([^<]*)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S)]


def test_the_menu_opens_the_party_statistics_page(members, admin):
    home = admin.get("/")
    link = re.search(r'<a href="([^"]+)" data-menu="party.stats"', home.text)
    assert link is not None
    assert link.group(1) == PAGE
    page = admin.get(PAGE)
    assert page.status_code == 200
    assert "<h1>党建统计</h1>" in page.text
    assert 'id="not-computed"' in page.text
    assert '<section class="stat"' not in page.text  # nothing computed until 统计 is pressed (R-N02)


def test_the_party_statistics_are_shown_as_tables_and_only_those(members, admin):
    page = admin.get(PAGE, query_string={"run": "1"})
    assert page.status_code == 200
    assert re.findall(r'<section class="stat" id="([^"]+)">', page.text) == list(PARTY_SECTIONS)
    for title in ("各党组织党员人数", "党员类别统计", "党员年龄结构", "组织活动月度统计"):
        assert f"<h2>{title}</h2>" in page.text
    assert rows_of(page.text, "party-members_by_org") == [
        ["江畔党委", "党委", "0"],
        ["　第一党总支", "党总支", "0"],
        ["　　第一党支部", "党支部", "2"],
        ["　　　第一党小组", "党小组", "0"],
        ["　　第二党支部", "党支部", "1"],
    ]
    assert rows_of(page.text, "party-members_by_category") == [["党员", "2"], ["预备党员", "1"], ["积极分子", "0"]]
    assert "规章制度分类统计" not in page.text  # the orgs plugin's statistics are not the party's
    # the administrator may open 综合查询及报表 too: the web's charts and workbook of the same statistics
    chart = re.search(r'src="(/stats/chart/party.members_by_category/pie.png)"', page.text)
    assert chart is not None
    drawn = admin.get(chart.group(1))
    assert (drawn.status_code, drawn.mimetype) == (200, "image/png")
    assert 'id="party-workbook"' in page.text


def test_a_region_limits_the_members_counted(members, admin):
    page = admin.get(PAGE, query_string={"run": "1", "region": "DFDY"})
    assert page.status_code == 200
    assert '<option value="DFDY" selected>' in page.text
    assert rows_of(page.text, "party-members_by_category") == [["党员", "2"], ["预备党员", "1"], ["积极分子", "0"]]
    unknown = admin.get(PAGE, query_string={"run": "1", "region": "XX"})
    assert unknown.status_code == 404
    assert re.search(r'id="stats-error">[^<]*XX[^<]*<', unknown.text) is not None


def test_party_stats_opens_the_page_and_computing_keeps_the_kernels_rules(members, party_web_login):
    run_service(members, add_group, "党建组")
    grant(members, "党建组", "party.stats")
    add_operator(members, "clerk", group="党建组")
    clerk = party_web_login("clerk", TEST_OPERATOR_PASSWORD)
    assert 'data-menu="party.stats"' in clerk.get("/").text
    assert clerk.get(PAGE).status_code == 200
    refused = clerk.get(PAGE, query_string={"run": "1"})  # gridcore stats needs stats.view
    assert refused.status_code == 403
    shown = re.search(r'id="stats-error">([^<]+)<', refused.text)
    assert shown is not None
    assert shown.group(1) == "操作员 clerk 没有权限「stats.view」, 无法计算党建统计; 如需使用, 请联系系统管理员"

    grant(members, "党建组", "stats.view", "party_org.view")  # from the next login
    clerk = party_web_login("clerk", TEST_OPERATOR_PASSWORD)
    page = clerk.get(PAGE, query_string={"run": "1"})
    assert page.status_code == 200
    assert rows_of(page.text, "party-members_by_category") == [["党员", "2"], ["预备党员", "1"], ["积极分子", "0"]]
    assert 'id="region"' not in page.text  # no region.view: the whole scope


def test_without_party_stats_the_page_is_refused_and_the_menu_hidden(members, party_web_login):
    run_service(members, add_group, "统计组")
    grant(members, "统计组", "stats.view", "region.view")
    add_operator(members, "nobody", group="统计组")
    nobody = party_web_login("nobody", TEST_OPERATOR_PASSWORD)
    assert 'data-menu="party.stats"' not in nobody.get("/").text
    assert nobody.get(PAGE).status_code == 403
    assert nobody.get(PAGE, query_string={"run": "1"}).status_code == 403
