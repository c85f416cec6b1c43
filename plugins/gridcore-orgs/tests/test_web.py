"""查询浏览 › 组织机构图 in the web face: the menu opens it, the chart is an SVG image route, PNG download."""

from __future__ import annotations

import io
import re
from urllib.parse import quote

import pytest

pytest.importorskip("gridcore_web")

from PIL import Image

from gridcore.services import records
from gridcore.services.operators import add_group
from gridcore.testing import TEST_ADMIN_PASSWORD, TEST_OPERATOR_PASSWORD, add_operator, grant, run_service

NAME = "红旗社区居委会"
PAGE = "/orgs/chart/"


@pytest.fixture
def staffed(orgs_web_app):
    run_service(orgs_web_app, records.add, "organization", {"机构名称": NAME, "图表标题": "红旗社区居委会组织机构图"})
    run_service(orgs_web_app, records.add, "organization", {"机构名称": "桂花社区居委会"})
    for level, post, name in (("最高层", "主任", "张某"), ("最低层", "委员", "李某"), ("最低层", "委员", "王某")):
        fields = {"机构名称": NAME, "层级": level, "职务": post, "姓名": name}
        run_service(orgs_web_app, records.add, "org_member", fields)
    return orgs_web_app


@pytest.fixture
def admin(orgs_web_login):
    return orgs_web_login("admin", TEST_ADMIN_PASSWORD)


def test_the_menu_opens_the_chart_page_not_the_list(staffed, admin):
    home = admin.get("/")
    link = re.search(r'<a href="([^"]+)" data-menu="browse.org_chart"', home.text)
    assert link is not None
    assert link.group(1) == PAGE
    page = admin.get(PAGE)
    assert page.status_code == 200
    assert "<h1>组织机构图</h1>" in page.text
    assert f'<option value="{NAME}">' in page.text
    assert 'id="org-chart"' not in page.text  # nothing drawn until one is chosen


def test_a_chosen_organization_shows_its_chart_as_an_svg_image(staffed, admin):
    page = admin.get(PAGE, query_string={"name": NAME})
    assert page.status_code == 200
    assert "<script>" not in page.text
    source = re.search(r'<img id="org-chart" src="([^"]+)"', page.text)
    assert source is not None
    assert source.group(1) == f"/orgs/chart/svg?name={quote(NAME)}"
    image = admin.get(source.group(1))
    assert (image.status_code, image.mimetype) == (200, "image/svg+xml")
    assert "attachment" not in image.headers.get("Content-Disposition", "")
    svg = image.data.decode("utf-8")
    assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')
    for text in ("红旗社区居委会组织机构图", "主任", "委员", "张某", "李某", "王某"):
        assert f">{text}</text>" in svg
    assert "桂花社区居委会" not in svg


def test_the_chart_downloads_as_svg_and_png(staffed, admin):
    page = admin.get(PAGE, query_string={"name": NAME})
    svg_link = re.search(r'<a href="([^"]+)" id="download-svg"', page.text)
    png_link = re.search(r'<a href="([^"]+)" id="download-png"', page.text)
    assert svg_link is not None
    assert png_link is not None
    svg = admin.get(svg_link.group(1).replace("&amp;", "&"))
    assert (svg.status_code, svg.mimetype) == (200, "image/svg+xml")
    assert svg.headers["Content-Disposition"].startswith("attachment")
    assert "%E7%BB%84%E7%BB%87%E6%9C%BA%E6%9E%84%E5%9B%BE" in svg.headers["Content-Disposition"]  # 组织机构图-…
    png = admin.get(png_link.group(1))
    assert (png.status_code, png.mimetype) == (200, "image/png")
    assert png.headers["Content-Disposition"].startswith("attachment")
    with Image.open(io.BytesIO(png.data)) as drawn:
        assert drawn.format == "PNG"
        assert drawn.width > 100
        assert drawn.height > 100


def test_an_unknown_organization_is_told_in_one_line(staffed, admin):
    page = admin.get(PAGE, query_string={"name": "不存在的机构"})
    assert page.status_code == 404
    found = re.search(r'id="chart-error">([^<]+)<', page.text)
    assert found is not None
    assert found.group(1) == "组织机构 不存在的机构 不存在"
    assert 'id="org-chart"' not in page.text
    assert admin.get("/orgs/chart/svg", query_string={"name": "不存在的机构"}).status_code == 404


def test_without_organization_view_the_pages_are_refused_and_the_menu_hidden(staffed, orgs_web_login):
    run_service(staffed, add_group, "空组")
    grant(staffed, "空组", "regulation.view")
    add_operator(staffed, "nobody", group="空组")
    nobody = orgs_web_login("nobody", TEST_OPERATOR_PASSWORD)
    assert 'data-menu="browse.org_chart"' not in nobody.get("/").text
    for path in (PAGE, f"{PAGE}?name={NAME}", f"{PAGE}svg?name={NAME}", f"{PAGE}png?name={NAME}"):
        assert nobody.get(path).status_code == 403, path


def test_an_empty_register_says_how_to_add_an_organization(orgs_web_app, admin):
    page = admin.get(PAGE)
    assert page.status_code == 200
    assert 'id="no-organizations"' in page.text


def test_an_organization_links_to_its_members_and_the_members_menu(staffed, admin):
    """相关记录 on the organization's page opens the member list filtered to it; 组织机构成员维护 is a menu."""
    home = admin.get("/").text
    assert 'data-menu="collect.org_member"' in home
    page = admin.get(f"/e/organization/r/{quote(NAME)}").text
    link = re.search(r'<ul class="related" id="related">\s*<li><a href="([^"]+)">组织机构成员</a>', page)
    assert link is not None
    members = admin.get(link.group(1).replace("&amp;", "&")).text
    assert re.search(r'id="total">3<', members)
    for name in ("张某", "李某", "王某"):
        assert name in members
    everyone = admin.get("/e/org_member/").text
    assert re.search(r'id="total">3<', everyone)
    other = {"机构名称": "桂花社区居委会", "层级": "最高层", "职务": "主任", "姓名": "赵某"}
    run_service(staffed, records.add, "org_member", other)
    again = admin.get(link.group(1).replace("&amp;", "&")).text
    assert re.search(r'id="total">3<', again)
    assert "赵某" not in again
    form = admin.get("/e/org_member/new").text
    assert f'<option value="{NAME}">{NAME}</option>' in form  # the name once, not twice
