"""The generic entity pages: list (facets, the three query methods, sort, pages), export, detail and form;
masking per permission on the server (security.md C5); no page refers to anything off the server (P7).
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook

from gridcore.testing import TEST_OPERATOR_PASSWORD, add_operator, pii_admin

ID_NUMBER = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
PHONE = re.compile(r"(?<!\d)1\d{10}(?!\d)")
#: CSRF tokens (hexadecimal) may hold runs of digits that look like a phone number: left out of the scan.
TOKEN = re.compile(r'(?:content|value)="[A-Za-z0-9_\-]{40,}"')


def rows_of(page: str) -> list[str]:
    """The record keys a list page shows, in order."""
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'<a href="/e/[a-z_]+/r/([^"]+)"', body)


def total_of(page: str) -> int:
    found = re.search(r'id="total">(\d+)<', page)
    assert found is not None
    return int(found.group(1))


def test_the_list_opens_with_everything_and_filters_by_facet_keyword_column_and_combined_query(people, admin):
    page = admin.get("/e/resident/").text
    assert total_of(page) == 3
    assert rows_of(page) == ["HQDE00101", "HQDY00101", "HQDY00102"]  # by key
    facets = admin.post("/e/resident/facets").text
    assert 'value="性别=女"' in facets
    assert re.search(r"女 <span class=\"count\">2</span>", facets)
    women = admin.post("/e/resident/", {"facet_to": "性别=女"}).text
    assert rows_of(women) == ["HQDE00101", "HQDY00102"]
    assert 'name="facet" value="性别=女"' in women  # the facet stays for the next query
    keyword = admin.post("/e/resident/", {"facet": "性别=女", "q": "丙三"}).text
    assert rows_of(keyword) == ["HQDE00101"]
    column = admin.post("/e/resident/", {"col.name": "一"}).text
    assert rows_of(column) == ["HQDY00101"]
    by_year = admin.post("/e/resident/", {"col.birth_date": "1985"}).text
    assert rows_of(by_year) == ["HQDE00101"]
    combined = admin.post("/e/resident/", {"expr": '出生日期 < 1960-01-01 AND 性别 = "女"'}).text
    assert rows_of(combined) == ["HQDY00102"]
    everything = admin.post("/e/resident/", {"facet": "性别=女", "expr": "性别 = 女", "reset": "1"}).text
    assert total_of(everything) == 3
    assert 'name="facet"' not in everything


def test_sorting_and_pages(make_app, web_client):
    from gridcore_web.factory import create_app

    from gridcore.demo.district import build_district

    app = make_app(["core", "web"], settings={"web": {"page_size": 10}})
    build_district(app, households=12, seed=3)
    client = web_client(create_app(app))
    client.login()
    first = client.get("/e/household/").text
    assert total_of(first) == 12
    assert len(rows_of(first)) == 10
    second = client.post("/e/household/", {"page_to": "2"}).text
    assert len(rows_of(second)) == 2
    assert set(rows_of(first)).isdisjoint(rows_of(second))
    down = client.post("/e/household/", {"sort_to": "-household_no"}).text
    keys = rows_of(down)
    assert keys == sorted(keys, reverse=True)
    assert 'aria-sort="descending"' in down


def test_a_large_result_is_counted_up_to_the_limit_and_exactly_on_request(make_app, web_client):
    from gridcore_web.factory import create_app

    from gridcore.demo.district import build_district

    app = make_app(["core", "web"], settings={"web": {"page_size": 2, "count_limit": 4}})
    build_district(app, households=12, seed=3)
    client = web_client(create_app(app))
    client.login()
    assert '共 <b id="total">12</b> 条, 第 1 / 6 页' in client.get("/e/household/").text  # no condition: exact
    query = {"expr": "household_no notempty"}
    first = client.post("/e/household/", query).text
    assert '超过 <b id="total">4</b> 条, 第 1 页' in first
    assert 'id="count-all"' in first
    assert re.search(r'value="\d+" disabled title="[^"]*精确计数[^"]*">末页', first)
    later = client.post("/e/household/", {**query, "page_to": "3"}).text
    assert '超过 <b id="total">8</b> 条, 第 3 页' in later
    last = client.post("/e/household/", {**query, "page_to": "6"}).text
    assert '共 <b id="total">12</b> 条, 第 6 / 6 页' in last
    counted = client.post("/e/household/", {**query, "count_all": "1", "page": "3"}).text
    assert '共 <b id="total">12</b> 条, 第 3 / 6 页' in counted
    assert rows_of(counted) == rows_of(later)
    whole = make_app(["core", "web"], settings={"web": {"page_size": 2, "count_limit": 0}})
    build_district(whole, households=12, seed=3)
    exact = web_client(create_app(whole))
    exact.login()
    assert '共 <b id="total">12</b> 条, 第 1 / 6 页' in exact.post("/e/household/", query).text


def test_facet_counts_over_a_large_result_wait_to_be_asked_for(make_app, web_client):
    """Over more than count_limit matching records 分类过滤 lists the entries; 统计数量 counts them."""
    from gridcore_web.factory import create_app

    from gridcore.demo.district import build_district

    app = make_app(["core", "web"], settings={"web": {"count_limit": 4}})
    build_district(app, households=12, seed=3)
    client = web_client(create_app(app))
    client.login()
    uncounted = client.post("/e/resident/facets").text
    assert 'id="facet-uncounted"' in uncounted
    assert "统计数量" in uncounted
    assert 'value="性别=女"' in uncounted
    assert 'class="count"' not in uncounted
    counted = client.post("/e/resident/facets", {"facet_counts_all": "1"}).text
    assert 'id="facet-uncounted"' not in counted
    assert re.search(r'女 <span class="count">\d+</span>', counted)
    few = client.post("/e/resident/facets", {"q": "没有这个人"}).text
    assert 'id="facet-uncounted"' not in few  # nothing matched: counted as before


def test_the_facet_counts_are_asked_for_again_only_when_the_query_changes(people, admin):
    loader = 'hx-post="/e/resident/facets"'
    opened = admin.get("/e/resident/").text
    assert loader in opened
    basis = re.search(r'name="facet_basis" value="([0-9a-f]+)"', opened).group(1)
    htmx = {"HX-Request": "true"}
    for same in ({"page_to": "1"}, {"sort_to": "-birth_date"}, {"facet_to": "性别=女"}):
        answer = admin.post("/e/resident/", {"facet_basis": basis, **same}, headers=htmx).text
        assert loader not in answer, same
    assert total_of(admin.post("/e/resident/", {"facet_basis": basis, "facet_to": "性别=女"}, headers=htmx).text) == 2
    changed = admin.post("/e/resident/", {"facet_basis": basis, "q": "丙三"}, headers=htmx).text
    assert loader in changed
    assert loader in admin.post("/e/resident/", {"facet_basis": basis, "page_to": "1"}).text  # a whole page


def test_a_bad_combined_query_is_one_line_on_the_page(people, admin):
    page = admin.post("/e/resident/", {"expr": "性别 = 女 AND"}).text
    assert "组合查询「性别 = 女 AND」" in page
    assert total_of(page) == 0


def test_the_combined_query_builder_writes_chinese_and_the_list_reads_it(people, admin):
    page = admin.get("/e/resident/").text
    assert '<option value="包含">包含</option>' in page
    assert '<option value="并且">并且</option>' in page
    assert "(AND)" not in page
    women = total_of(admin.post("/e/resident/", {"expr": "性别 = 女"}).text)
    assert women > 0
    chinese = admin.post("/e/resident/", {"expr": "性别 等于 女 并且 姓名 不为空"}).text
    assert total_of(chinese) == women
    either = admin.post("/e/resident/", {"expr": "性别 等于 女 或者 性别 等于 男"}).text
    assert total_of(either) == total_of(admin.get("/e/resident/").text)


def test_export_holds_exactly_the_records_the_list_shows(people, admin):
    answer = admin.post("/e/resident/export", {"facet": "性别=女"})
    assert answer.status_code == 200
    assert answer.headers["Content-Disposition"].startswith("attachment;")
    sheet = load_workbook(io.BytesIO(answer.data), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    keys = [row[header.index("常住编号")] for row in rows[1:]]
    assert keys == ["HQDE00101", "HQDY00102"]


class Links(HTMLParser):
    """Every address a page refers to: links, sources, form targets, htmx and data-url attributes."""

    ATTRIBUTES = frozenset(
        {
            "href",
            "src",
            "action",
            "formaction",
            "hx-get",
            "hx-post",
            "data-url",
            "data-native-action",
            "data-href",
            "data-edit",
            "poster",
            "srcset",
        }
    )

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in self.ATTRIBUTES and value:
                self.found.append(value)
            if name == "style" and value and "url(" in value:
                self.found.append(value)


def local(address: str) -> bool:
    return address.startswith(("/", "#", "?", "data:")) and not address.startswith("//")


GET_PAGES = (
    "/login",
    "/",
    "/e/resident/",
    "/e/household/",
    "/e/region/",
    "/e/building/",
    "/e/resident/r/HQDY00101",
    "/e/resident/r/HQDY00101/edit",
    "/e/region/new",
    "/collect/regions/",
    "/collect/regions/?code=HQDY",
    "/collect/households/?compound=HQDY&household=HQDY001&resident=HQDY00101",
    "/collect/households/new?compound=HQDY",
    "/collect/households/HQDY001/edit",
    "/collect/residents/new?household=HQDY001",
    "/collect/residents/HQDY00101/edit",
    "/import/",
    "/import/resident",
    "/stats/",
    "/dict/",
    "/system/operators",
    "/system/groups",
    "/data/backup",
    "/data/restore",
    "/data/reset",
    "/data/report",
    "/data/receive",
    "/info/branding",
    "/info/about",
    "/info/plugins",
    "/password",
)


def test_no_page_refers_to_an_address_off_the_server(people, admin):
    checked = 0
    for path in GET_PAGES:
        answer = admin.get(path, follow_redirects=True)
        assert answer.status_code == 200, path
        parser = Links()
        parser.feed(answer.text)
        outside = [address for address in parser.found if not local(address)]
        assert not outside, f"{path} refers to {outside}"
        checked += len(parser.found)
    assert checked > 200
    css = admin.get("/static/gridcore.css").text
    assert "http:" not in css
    assert "https:" not in css
    assert "@import" not in css


def test_sensitive_values_are_masked_on_the_server_for_an_operator_without_pii_view(people, web, client, web_client):
    add_operator(people, "viewer", group="信息采集员")
    assert client.login("viewer", TEST_OPERATOR_PASSWORD).status_code == 302
    pages = [
        client.get("/e/resident/").text,
        client.post("/e/resident/", {"q": "甲一"}).text,
        client.get("/e/resident/r/HQDY00101").text,
        client.get("/e/resident/r/HQDY00101/edit").text,
        client.get("/collect/households/?compound=HQDY&household=HQDY001").text,
        client.get("/collect/residents/HQDY00101/edit").text,
        client.get("/e/household/r/HQDY001").text,
    ]
    for page in pages:
        text = TOKEN.sub("", page)
        assert not ID_NUMBER.search(text)
        assert not PHONE.search(text)
    assert "110105********0038" in pages[2]
    assert "138****1111" in pages[2]
    assert 'placeholder="110105********0038 (留空则不修改)"' in pages[3]
    assert 'id="masked-note"' in pages[0]
    assert "身份证号" in pages[0].split('id="masked-note"', 1)[1].split("</p>", 1)[0]
    facets = client.post("/e/resident/facets").text
    assert "民族" not in facets  # SPI: no facet that would reveal the hidden values
    refused = client.post("/e/resident/", {"expr": "民族 = 汉族"}).text
    assert "不能按它查询" in refused
    admin = web_client(web)
    pii_admin(people)
    admin.login()
    assert "110105194912310038" in admin.get("/e/resident/r/HQDY00101").text
    assert 'id="masked-note"' not in admin.get("/e/resident/").text
    assert "13800001111" in admin.get("/e/resident/r/HQDY00101").text


def test_a_masked_field_left_blank_keeps_its_value(people, client):
    add_operator(people, "clerk", group="信息采集员")
    client.login("clerk", TEST_OPERATOR_PASSWORD)
    answer = client.post(
        "/collect/residents/HQDY00101/edit", {"f.name": "甲一", "f.id_number": "", "f.occupation": "教师"}
    )
    assert answer.status_code == 302
    from gridcore.services import residents
    from gridcore.testing import run_service

    record = run_service(people, residents.get, "HQDY00101")
    assert record.id_number == "110105194912310038"
    assert record.occupation == "教师"


def test_a_refused_save_shows_the_error_next_to_its_field_and_keeps_the_entered_values(people, admin):
    answer = admin.post(
        "/e/resident/r/HQDY00102/edit",
        {"f.name": "乙二改", "f.id_number": "110105194912310039", "f.occupation": "医生"},
    )
    assert answer.status_code == 422
    error = re.search(r'id="err-id_number">([^<]+)<', answer.text)
    assert error is not None
    assert "校验码" in error.group(1)
    assert 'value="乙二改"' in answer.text
    assert 'value="医生"' in answer.text
    assert 'value="110105194912310039"' in answer.text


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (
            "11010519491231002X",
            {"出生日期": "1949-12-31", "性别": "女", "籍贯": "北京市朝阳区", "出生地": "北京市朝阳区"},
        )
    ],
)
def test_the_id_number_button_fills_birth_date_sex_and_places(web_app, admin, number, expected):
    answer = admin.post("/idcard/fill", {"number": number}).get_json()
    assert answer["ok"] is True
    assert answer["fields"] == expected
    bad = admin.post("/idcard/fill", {"number": "110105194912310039"}).get_json()
    assert bad["ok"] is False
    assert "校验码" in bad["message"]


def test_detail_and_delete_of_a_record(people, admin):
    page = admin.get("/e/household/r/HQDE001").text
    assert "丙三" in page
    refused = admin.post("/e/household/r/HQDE001/delete")
    assert refused.status_code == 302
    assert "还有 1 名居民" in admin.get(refused.headers["Location"]).text
    assert admin.get("/e/household/r/NOPE").status_code == 404
