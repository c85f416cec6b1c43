"""Browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium, nothing downloaded) against the
web application served by waitress on 127.0.0.1, at the manual's minimum screen of 1024x768.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from gridcore.exchange import write_table
from gridcore.services import operators, regions
from gridcore.testing import TEST_OPERATOR_PASSWORD, add_operator, grant, pii_admin, run_service

HEAD_ID = "110105200001010016"  # 男, 2000-01-01, 北京市朝阳区
DAUGHTER_ID = "110105201005200065"  # 女, 2010-05-20


def test_login_lockout_forced_change_and_logout(web_app, live, page, screenshot, browser_login):
    add_operator(web_app, "li", group="查询员")
    page.goto(f"{live}/login")
    screenshot(page, "login")
    for _ in range(5):
        page.select_option("select#login", "li")
        page.fill("#password", "wrong-password")
        page.click("#login-submit")
        expect(page.locator("#login-error")).to_contain_text("登录名或密码错误")
    page.select_option("select#login", "li")
    page.fill("#password", TEST_OPERATOR_PASSWORD)
    page.click("#login-submit")
    expect(page.locator("#login-error")).to_contain_text("账户已锁定")

    add_operator(web_app, "wang", group="信息采集员", must_change_password=True)
    browser_login(page, live, "wang", TEST_OPERATOR_PASSWORD)
    expect(page.locator("h1")).to_have_text("修改密码")
    page.fill("#current", TEST_OPERATOR_PASSWORD)
    page.fill("#new", "Wang-New-Passw0rd")
    page.fill("#confirm", "Wang-New-Passw0rd")
    page.keyboard.press("Enter")
    expect(page.locator("#messages")).to_contain_text("密码已修改")
    expect(page.locator("nav.menu")).to_contain_text("住户居民信息采集")
    page.click("#logout")
    expect(page.locator(".msg-info")).to_have_text("已退出登录")
    page.goto(f"{live}/e/resident/")
    expect(page).to_have_url(f"{live}/login?next=/e/resident/")


@pytest.fixture
def community(web_app):
    """东城街道 (DC) > 红旗社区 (HQ), without compounds: the walk-through creates one."""
    run_service(web_app, regions.add, level="街道", name="东城街道")
    run_service(web_app, regions.add, level="社区", name="红旗社区", parent_code="DC")
    return web_app


def _add_compound(page):
    page.click("nav.menu >> text=辖区信息采集")
    page.click(".tree-panel >> text=红旗社区")
    expect(page.locator("#add-region")).to_contain_text("新增小区")
    page.fill("#new-name", "第三小区")
    page.click("#add-region-submit")
    expect(page.locator("#messages")).to_contain_text("已新增小区 第三小区 (编码 HQDS)")


def _add_household(page):
    page.click("nav.menu >> text=住户居民信息采集")
    page.click(".tree-panel >> text=第三小区")
    page.click("#new-household")
    page.fill("#f\\.head_name", "丁大海")
    page.fill("#f\\.door_no", "3-201")
    page.select_option("#f\\.house_state", label="自住")
    page.click("#save")
    expect(page.locator("#messages")).to_contain_text("已保存住户 HQDS001")
    expect(page.locator("#households")).to_contain_text("丁大海")


def _add_head(page, screenshot):
    page.click("#new-resident")
    expect(page.locator("#household-info")).to_contain_text("HQDS001")
    page.select_option("#f\\.relation_to_head", label="户主")
    expect(page.locator("#f\\.name")).to_have_value("丁大海")  # R-D07
    page.fill("#f\\.id_number", HEAD_ID)
    page.click("#id-fill")
    expect(page.locator("#f\\.birth_date")).to_have_value("2000-01-01")
    expect(page.locator("#f\\.native_place")).to_have_value("北京市朝阳区")
    expect(page.locator("#f\\.birth_place")).to_have_value("北京市朝阳区")
    expect(page.locator("#f\\.sex option:checked")).to_have_text("男")
    screenshot(page, "resident-form")
    page.click("#save")
    expect(page.locator("#messages")).to_contain_text("已保存居民 HQDS00101")


def _add_daughter(page):
    page.click("#new-resident")
    page.fill("#f\\.name", "丁小妹")
    page.select_option("#f\\.relation_to_head", label="女")
    page.fill("#f\\.id_number", "110105201005200066")
    page.click("#id-fill")
    expect(page.locator(".id-message")).to_contain_text("校验码")
    page.fill("#f\\.id_number", DAUGHTER_ID)
    page.click("#id-fill")
    expect(page.locator("#f\\.birth_date")).to_have_value("2010-05-20")
    page.click("#save")
    expect(page.locator("#messages")).to_contain_text("已保存居民 HQDS00102")


def test_data_entry_walk_through_with_the_id_number_button(community, live, page, screenshot, browser_login):
    """A compound, a household and two residents, all through the forms, with the ID-number button."""
    browser_login(page, live)
    _add_compound(page)
    _add_household(page)
    _add_head(page, screenshot)
    _add_daughter(page)
    residents = page.locator("#residents tbody tr")
    expect(residents).to_have_count(2)
    expect(residents.nth(0)).to_contain_text("丁大海")
    expect(residents.nth(1)).to_contain_text("丁小妹")
    expect(residents.nth(1)).to_contain_text("2010-05-20")
    screenshot(page, "households-workspace")
    page.click("#new-resident")
    page.fill("#f\\.name", "丁二")
    page.fill("#f\\.id_number", "12345")
    page.click("#save")
    expect(page.locator("#err-id_number")).to_be_visible()
    expect(page.locator("#f\\.name")).to_have_value("丁二")
    page.click("#cancel")
    page.locator("#residents tbody tr").nth(1).dblclick()
    expect(page.locator("h1")).to_have_text("居民编辑 HQDS00102")


def _import_file(path: Path) -> Path:
    write_table(
        path,
        sheet="常住人口信息表",
        headers=["姓名", "户籍编号", "与户主关系", "身份证号"],
        rows=iter([["新一", "HQDY001", "子", HEAD_ID], ["新二", "HQDY001", "女", "110105201005200066"]]),
    )
    return path


def test_import_with_errors(people, live, page, tmp_path, screenshot, browser_login):
    browser_login(page, live)
    page.click("nav.menu >> text=数据导入")
    page.click("#import-resident")
    page.set_input_files("#file", str(_import_file(tmp_path / "居民.xlsx")))
    page.click("#upload")
    expect(page.locator("#preview tbody tr")).to_have_count(2)
    page.click("#run")
    expect(page.locator("#report-summary")).to_contain_text("拒绝 1 行")
    expect(page.locator("#problems")).to_contain_text("校验码")
    screenshot(page, "import-errors")
    with page.expect_download() as download:
        page.click("#error-workbook")
    saved = tmp_path / "errors.xlsx"
    download.value.save_as(saved)
    rows = list(load_workbook(saved, read_only=True).active.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == ["新二"]
    page.check("#valid-only")
    page.click("#run")
    expect(page.locator("#report-summary")).to_contain_text("已导入: 共 2 行, 导入 1 行")


def test_facet_filter_keyword_search_and_export(people, live, page, tmp_path, screenshot, browser_login):
    browser_login(page, live)
    page.click("nav.menu >> text=居民信息浏览")
    expect(page.locator("#total")).to_have_text("3")
    page.click("#facets >> summary:has-text('性别')")
    page.click("[data-facet='性别=女']")
    expect(page.locator("#total")).to_have_text("2")
    expect(page.locator("[data-facet='性别=女']")).to_have_attribute("aria-pressed", "true")
    page.fill("#q", "丙三")
    page.press("#q", "Enter")
    expect(page.locator("#total")).to_have_text("1")
    expect(page.locator("#records tbody")).to_contain_text("HQDE00101")
    screenshot(page, "resident-list")
    with page.expect_download() as download:
        page.click("#export")
    saved = tmp_path / "export.xlsx"
    download.value.save_as(saved)
    rows = list(load_workbook(saved, read_only=True).active.iter_rows(values_only=True))
    header = list(rows[0])
    assert [row[header.index("常住编号")] for row in rows[1:]] == ["HQDE00101"]
    page.click("#reset")
    expect(page.locator("#total")).to_have_text("3")
    page.fill("#col-name", "一")
    page.press("#col-name", "Enter")
    expect(page.locator("#total")).to_have_text("1")
    expect(page.locator("#col-name")).to_be_focused()


def test_an_operator_without_a_permission_sees_no_menu_and_is_refused_by_url(
    web_app, live, page, screenshot, browser_login
):
    run_service(web_app, operators.add_group, "访客")
    grant(web_app, "访客", "household.view")
    add_operator(web_app, "guest", group="访客")
    browser_login(page, live, "guest", TEST_OPERATOR_PASSWORD)
    menu = page.locator("nav.menu")
    expect(menu).to_contain_text("住户信息浏览")
    expect(menu).not_to_contain_text("居民信息浏览")
    expect(menu).not_to_contain_text("住户居民信息采集")
    page.goto(f"{live}/e/resident/")
    expect(page.locator("#error-message")).to_contain_text("您没有权限「resident.view」")
    screenshot(page, "forbidden")


def test_masking_follows_the_permission(people, live, page, browser_login):
    add_operator(people, "viewer", group="信息采集员")
    browser_login(page, live, "viewer", TEST_OPERATOR_PASSWORD)
    page.goto(f"{live}/e/resident/r/HQDY00101")
    expect(page.locator("dl.record")).to_contain_text("110105********0038")
    expect(page.locator("dl.record")).not_to_contain_text("110105194912310038")
    page.click("#logout")
    pii_admin(people)
    browser_login(page, live)
    page.goto(f"{live}/e/resident/r/HQDY00101")
    expect(page.locator("dl.record")).to_contain_text("110105194912310038")


def test_screenshots_of_the_main_pages(make_app, page, serve, screenshot, browser_login):
    from gridcore_web.factory import create_app

    from gridcore.demo.district import build_district

    app = make_app(["core", "web"])
    build_district(app, households=60, seed=11)
    with serve(create_app(app)) as live:
        browser_login(page, live)
        screenshot(page, "home")
        shots = {
            "region-workspace": "/collect/regions/?code=GHGH",
            "household-list": "/e/household/",
            "household-workspace-demo": "/collect/households/?compound=GHGH&household=GHGH001",
            "operators": "/system/operators",
            "groups": "/system/groups",
            "dictionaries": "/dict/",
            "about": "/info/about",
            "reset": "/data/reset",
        }
        for name, path in shots.items():
            page.goto(f"{live}{path}")
            page.wait_for_load_state("networkidle")
            screenshot(page, name)
            wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
            assert wide is False, f"{path} scrolls sideways at 1024x768"
        page.goto(f"{live}/stats/")
        page.click("#compute")
        page.wait_for_load_state("networkidle")
        expect(page.locator(".stat").first).to_be_visible()
        screenshot(page, "statistics")
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        assert overflow is False  # usable at 1024x768 without sideways scrolling
