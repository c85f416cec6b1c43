"""Regulations (规章制度): the register, categories and full-text search (R-J01, R-J02, R-J03)."""

from __future__ import annotations

import json

import pytest
from gridcore_orgs.regulations import excerpt, split_attachments
from openpyxl import Workbook

from gridcore.errors import ValidationError
from gridcore.services import records
from gridcore.testing import run_service

BODY = "网格员每周走访责任网格内住户, 发现消防隐患当日登记并上报社区工作站。"


def ok(result):
    assert result.exit_code == 0, result.output
    return result


def add(cli, app, *pairs):
    args = [arg for pair in pairs for arg in ("--field", pair)]
    return cli(app, "orgs", "regulation", "add", *args, "--format", "json")


@pytest.fixture
def app(make_app, cli):
    app = make_app(["orgs"])
    ok(add(cli, app, "文号=JP-ZD-01", "名称=网格化管理工作制度", "类别=制度", "发布单位=社区居委会",
           "发布日期=2024-01-08", "实施日期=2024-02-01", f"内容={BODY}", "附件=a.pdf; b.docx"))  # fmt: skip
    ok(add(cli, app, "文号=JP-GY-01", "名称=居民公约", "类别=规章", "内容=爱护公共设施, 垃圾分类投放。"))
    ok(add(cli, app, "名称=助餐服务实施办法", "类别=政策", "发布单位=街道办事处"))
    return app


def keys(result) -> list[str]:
    return [row["key"] for row in json.loads(ok(result).output)["records"]]


def test_r_j01_all_regulations_are_listed_and_maintained(app, cli):
    assert sorted(keys(cli(app, "orgs", "regulation", "list", "--format", "json"))) == ["#3", "JP-GY-01", "JP-ZD-01"]
    ok(cli(app, "orgs", "regulation", "edit", "JP-GY-01", "--field", "名称=居民公约(修订)"))
    ok(cli(app, "orgs", "regulation", "delete", "#3", "--yes"))
    assert sorted(keys(cli(app, "orgs", "regulation", "list", "--format", "json"))) == ["JP-GY-01", "JP-ZD-01"]
    assert run_service(app, records.get, "regulation", "JP-GY-01").title == "居民公约(修订)"


def test_r_j02_details_of_one_regulation(app, cli):
    shown = json.loads(ok(cli(app, "orgs", "regulation", "show", "JP-ZD-01", "--format", "json")).output)
    assert shown == {
        "key": "JP-ZD-01",
        "文号": "JP-ZD-01",
        "名称": "网格化管理工作制度",
        "类别": "制度",
        "发布单位": "社区居委会",
        "发布日期": "2024-01-08",
        "实施日期": "2024-02-01",
        "内容": BODY,
        "附件": "a.pdf; b.docx",
    }


def test_r_j03_categories_are_a_dictionary_and_filter_the_list(app, cli):
    listed = json.loads(ok(cli(app, "dict", "list", "regulation_category", "--format", "json")).output)
    assert [entry["label"] for entry in listed] == ["法规", "政策", "规章", "制度"]
    assert keys(cli(app, "orgs", "regulation", "list", "--where", "类别=制度", "--format", "json")) == ["JP-ZD-01"]
    wrong = add(cli, app, "名称=某办法", "类别=通知")
    assert wrong.exit_code == ValidationError.exit_code
    assert "「类别」的值「通知」不在词典中;规章制度类别可选值：法规、政策、规章、制度" in wrong.output


def test_the_body_is_searched_by_gridcore_query(app, cli):
    found = cli(app, "query", "regulation", "--contains", "消防隐患", "--format", "json")
    assert keys(found) == ["JP-ZD-01"]
    assert keys(cli(app, "query", "regulation", "--contains", "垃圾", "--format", "json")) == ["JP-GY-01"]  # 2 chars
    assert keys(cli(app, "query", "regulation", "--contains", "街道办事处", "--format", "json")) == ["#3"]
    assert keys(cli(app, "query", "regulation", "--contains", "jmgy", "--format", "json")) == ["JP-GY-01"]  # 居民公约
    ok(cli(app, "orgs", "regulation", "edit", "JP-ZD-01", "--field", "内容=每月开展一次安全巡查。"))
    assert keys(cli(app, "query", "regulation", "--contains", "消防隐患", "--format", "json")) == []
    assert keys(cli(app, "query", "regulation", "--contains", "安全巡查", "--format", "json")) == ["JP-ZD-01"]
    ok(cli(app, "orgs", "regulation", "delete", "JP-ZD-01", "--yes"))
    assert keys(cli(app, "query", "regulation", "--contains", "安全巡查", "--format", "json")) == []


def test_search_shows_where_the_keyword_is(app, cli):
    rows = json.loads(ok(cli(app, "orgs", "regulation", "search", "消防隐患", "--format", "json")).output)
    assert rows == [{"key": "JP-ZD-01", "名称": "网格化管理工作制度", "摘录": BODY}]
    assert excerpt("甲" * 50 + "关键字" + "乙" * 50, "关键字", width=3) == "…甲甲甲关键字乙乙乙…"
    blank = cli(app, "orgs", "regulation", "search", " ")
    assert blank.exit_code == ValidationError.exit_code


def test_effective_date_not_before_issue_date(app, cli):
    wrong = add(cli, app, "名称=某制度", "类别=制度", "发布日期=2024-05-01", "实施日期=2024-04-30")
    assert wrong.exit_code == ValidationError.exit_code
    assert "「实施日期」2024-04-30 早于「发布日期」2024-05-01" in wrong.output
    edit = cli(app, "orgs", "regulation", "edit", "JP-ZD-01", "--field", "实施日期=2023-12-31")
    assert edit.exit_code == ValidationError.exit_code
    assert run_service(app, records.get, "regulation", "JP-ZD-01").effective_date.isoformat() == "2024-02-01"


def test_attachments_are_a_clean_list_of_paths():
    assert split_attachments(" a.pdf ;b.docx；a.pdf\n附件/c.jpg ;") == ["a.pdf", "b.docx", "附件/c.jpg"]
    assert split_attachments(None) == []


def test_the_generic_import_runs_the_rules(app, cli, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "规章制度"
    sheet.append(["文号", "名称", "类别", "发布日期", "实施日期", "正文"])
    sheet.append(["JP-ZD-09", "值班制度", "制度", "2024-01-01", "2024-01-02", "二十四小时值班"])
    sheet.append(["JP-ZD-10", "错误制度", "制度", "2024-03-01", "2024-02-01", ""])
    path = tmp_path / "规章制度.xlsx"
    book.save(path)
    refused = cli(app, "import", "regulation", str(path))
    assert refused.exit_code != 0
    assert "实施日期" in refused.output
    assert keys(cli(app, "query", "regulation", "--contains", "值班", "--format", "json")) == []  # all or nothing
    ok(cli(app, "import", "regulation", str(path), "--valid-rows-only"))
    assert keys(cli(app, "query", "regulation", "--contains", "值班", "--format", "json")) == ["JP-ZD-09"]


def test_export_carries_the_labels(app, cli, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "out.xlsx"
    ok(cli(app, "export", "regulation", str(out)))
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("文号", "名称", "类别", "发布单位")
    assert ("JP-ZD-01", "网格化管理工作制度", "制度", "社区居委会") in [row[:4] for row in rows[1:]]
