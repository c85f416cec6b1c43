"""Activities (R-P05) and their photos (R-P06)."""

from __future__ import annotations

import json

import pytest
from gridcore_party.activities import photo_name

from gridcore.errors import ConflictError
from gridcore.testing import run_service


def ok(result):
    assert result.exit_code == 0, result.output
    return result


def add_activity(cli, app, theme, day, *pairs):
    args = ["--field", f"活动主题={theme}", "--field", f"活动日期={day}"]
    args += [arg for pair in pairs for arg in ("--field", pair)]
    return json.loads(ok(cli(app, "party", "activity", "add", *args, "--format", "json")).output)


@pytest.fixture
def activities(party_app, people, cli):
    for name in ("甲党员", "乙党员", "丙预备"):
        ok(cli(party_app, "party", "member", "add", "--field", f"常住编号={people[name]}", "--field",
               "所属党组织=第一党支部"))  # fmt: skip
    add_activity(cli, party_app, "主题党日", "2024-06-15", "活动地点=党群服务中心", "组织单位=第一党支部",
                 "活动内容=重温入党誓词, 交流学习体会")  # fmt: skip
    add_activity(cli, party_app, "志愿服务", "2024-06-15", "活动内容=清理楼道杂物")
    add_activity(cli, party_app, "党课", "2024-07-02", "组织单位=江畔党委")
    return party_app


def keys(result) -> list[str]:
    return [row["key"] for row in json.loads(ok(result).output)["records"]]


def test_r_p05_numbered_by_date_and_listed(activities, cli):
    listed = keys(cli(activities, "party", "activity", "list", "--format", "json"))
    assert listed == ["HD2024061501", "HD2024061502", "HD2024070201"]
    by_date = keys(cli(activities, "party", "activity", "list", "--sort", "-活动日期", "--format", "json"))
    assert by_date[0] == "HD2024070201"
    found = keys(cli(activities, "query", "party_activity", "--contains", "入党誓词", "--format", "json"))
    assert found == ["HD2024061501"]
    shown = json.loads(ok(cli(activities, "party", "activity", "show", "HD2024061501", "--format", "json")).output)
    assert (shown["活动地点"], shown["组织单位"], shown["活动日期"]) == ("党群服务中心", "第一党支部", "2024-06-15")
    ok(cli(activities, "party", "activity", "edit", "HD2024061502", "--field", "活动日期=2024-06-20"))
    assert "HD2024061502" in keys(cli(activities, "party", "activity", "list", "--format", "json"))  # kept for life


def test_participants_give_the_count_and_names(activities, people, cli):
    shown = json.loads(ok(cli(activities, "party", "activity", "participants", "HD2024061501", people["甲党员"],
                              "#3", people["甲党员"], "--format", "json")).output)  # fmt: skip
    assert (shown["参加人数"], shown["参加人员"]) == (2, "甲党员、丙预备")
    stranger = cli(activities, "party", "activity", "participants", "HD2024061501", people["戊群众"])
    assert stranger.exit_code != 0
    assert "不在党员名册中" in stranger.output
    cleared = json.loads(ok(cli(activities, "party", "activity", "participants", "HD2024061501",
                                "--format", "json")).output)  # fmt: skip
    assert cleared["参加人数"] == 0


def test_r_p06_photos_are_named_by_the_activity_number(activities, cli, tmp_path):
    source = tmp_path / "IMG_0001.JPG"
    source.write_bytes(b"\xff\xd8\xff\xe0 synthetic")
    first = json.loads(ok(cli(activities, "party", "activity", "photo", "HD2024061501", str(source), "--source", "截图",
                              "--copy-to", str(tmp_path / "photos"), "--format", "json")).output)  # fmt: skip
    assert (first["照片名称"], first["来源"]) == ("HD2024061501.jpg", "截图")
    assert (tmp_path / "photos" / "HD2024061501.jpg").read_bytes() == source.read_bytes()
    second = json.loads(ok(cli(activities, "party", "activity", "photo", "HD2024061501", "/照片/会场.png",
                               "--format", "json")).output)  # fmt: skip
    assert (second["照片名称"], second["照片"]) == ("HD2024061501-2.png", "/照片/会场.png")
    listed = keys(cli(activities, "party", "photo", "list", "--where", "活动编号=HD2024061501", "--format", "json"))
    assert listed == ["HD2024061501-2.png", "HD2024061501.jpg"]
    missing = cli(activities, "party", "activity", "photo", "HD2024061501", str(tmp_path / "none.jpg"),
                  "--copy-to", str(tmp_path / "photos"))  # fmt: skip
    assert "照片文件不存在" in missing.output


def test_photo_names_never_repeat():
    assert photo_name("HD2024061501", ".JPG", []) == "HD2024061501.jpg"
    assert photo_name("HD2024061501", ".jpg", ["HD2024061501.jpg"]) == "HD2024061501-2.jpg"
    assert photo_name("HD2024061501", "", ["HD2024061501.jpg", "HD2024061501-3.png"]) == "HD2024061501-4.jpg"
    assert photo_name("HD2024061501", ".jpg", ["HD2024061502.jpg"]) == "HD2024061501.jpg"


def test_an_activity_with_photos_is_not_deleted(activities, cli):
    ok(cli(activities, "party", "activity", "photo", "HD2024070201", "a.jpg"))
    refused = cli(activities, "party", "activity", "delete", "HD2024070201", "--yes")
    assert refused.exit_code == ConflictError.exit_code
    assert "组织活动 HD2024070201 还有 1 张照片, 不能删除: 请先删除照片" in refused.output
    ok(cli(activities, "party", "photo", "delete", "HD2024070201.jpg", "--yes"))
    ok(cli(activities, "party", "activity", "delete", "HD2024070201", "--yes"))


def test_statistics(activities, people, cli):
    from gridcore.services.stats import run_statistics

    ok(cli(activities, "party", "activity", "participants", "HD2024061501", people["甲党员"], people["乙党员"]))
    ok(cli(activities, "party", "member", "add", "--field", f"常住编号={people['丁积极']}", "--field",
           "所属党组织=第二党支部"))  # fmt: skip
    tables = {r.statistic.id: r.table for r in run_service(activities, run_statistics)}
    assert tables["party.members_by_org"].rows == (
        ("江畔党委", "党委", 0),
        ("　第一党总支", "党总支", 0),
        ("　　第一党支部", "党支部", 3),
        ("　　　第一党小组", "党小组", 0),
        ("　　第二党支部", "党支部", 1),
    )
    assert tables["party.members_by_category"].rows == (("党员", 2), ("预备党员", 1), ("积极分子", 1))
    ages = dict(tables["party.members_by_age"].rows)  # born 1950, 1980-06-15, 2000, 1995
    assert ages == {"30岁及以下": 1, "31-40岁": 1, "41-50岁": 1, "51-60岁": 0, "61-70岁": 0, "71岁及以上": 1}
    assert tables["party.activities_per_month"].rows == (("2024-06", 2, 2), ("2024-07", 1, 0))
    assert tables["party.activities_per_month"].columns == ("月份", "活动次数", "参加人次")
