"""The party organization tree (R-P01) and its chart, drawn by the orgs plugin's renderer."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from PIL import Image

from gridcore.errors import ConflictError, ValidationError

SVG = "{http://www.w3.org/2000/svg}"


def ok(result):
    assert result.exit_code == 0, result.output
    return result


def add_org(cli, app, name, kind, parent=None):
    args = ["--field", f"党组织名称={name}", "--field", f"党组织类型={kind}"]
    if parent:
        args += ["--field", f"上级党组织={parent}"]
    return cli(app, "party", "org", "add", *args, "--format", "json")


def test_r_p01_the_tree_by_level(party_app, people, cli):
    tree = json.loads(ok(cli(party_app, "party", "org", "tree", "--format", "json")).output)
    assert [(row["党组织"], row["层级"], row["类型"]) for row in tree] == [
        ("江畔党委", 1, "党委"),
        ("第一党总支", 2, "党总支"),
        ("第一党支部", 3, "党支部"),
        ("第一党小组", 4, "党小组"),
        ("第二党支部", 3, "党支部"),
    ]
    subtree = json.loads(ok(cli(party_app, "party", "org", "tree", "第一党支部", "--format", "json")).output)
    assert [row["党组织"] for row in subtree] == ["第一党支部", "第一党小组"]
    shown = json.loads(ok(cli(party_app, "party", "org", "show", "第一党小组", "--format", "json")).output)
    assert (shown["上级党组织"], shown["党组织类型"]) == ("第一党支部", "党小组")


def test_a_level_cannot_sit_under_a_lower_one(party_app, people, cli):
    wrong = add_org(cli, party_app, "第三党支部", "党支部", "第一党小组")
    assert wrong.exit_code == ValidationError.exit_code
    assert (
        "党支部「第三党支部」不能隶属于党小组「第一党小组」: 层级应为 党委 > 党总支 > 党支部 > 党小组" in wrong.output
    )
    demote = cli(party_app, "party", "org", "edit", "第一党总支", "--field", "党组织类型=党小组")
    assert demote.exit_code == ValidationError.exit_code  # its 党支部 would rank above it
    ok(add_org(cli, party_app, "直属党支部", "党支部", "江畔党委"))  # skipping 党总支 is allowed


def test_the_tree_has_no_cycles(party_app, people, cli):
    ok(cli(party_app, "dict", "add", "party_org_type", "联合党组织"))  # a type without a rank
    ok(cli(party_app, "party", "org", "edit", "第一党小组", "--field", "党组织类型=联合党组织"))
    cycle = cli(party_app, "party", "org", "edit", "江畔党委", "--field", "上级党组织=第一党小组")
    assert cycle.exit_code == ValidationError.exit_code
    assert "党组织树不能成环" in cycle.output
    itself = cli(party_app, "party", "org", "edit", "第二党支部", "--field", "上级党组织=第二党支部")
    assert "党组织树不能成环" in itself.output


def test_an_organization_in_use_is_not_deleted(party_app, people, cli):
    refused = cli(party_app, "party", "org", "delete", "第一党支部", "--yes")
    assert refused.exit_code == ConflictError.exit_code
    assert "党组织「第一党支部」还有 1 个下级党组织, 不能删除" in refused.output
    ok(cli(party_app, "party", "member", "add", "--field", f"常住编号={people['甲党员']}", "--field",
           "所属党组织=第一党小组"))  # fmt: skip
    refused = cli(party_app, "party", "org", "delete", "第一党小组", "--yes")
    assert "还有 1 个党员, 不能删除" in refused.output
    ok(cli(party_app, "party", "org", "delete", "第二党支部", "--yes"))


def test_party_chart_reuses_the_orgs_renderer(party_app, people, cli, tmp_path):
    ok(cli(party_app, "party", "org", "edit", "第一党支部", "--field", "书记=甲党员"))
    ok(cli(party_app, "party", "member", "add", "--field", f"常住编号={people['甲党员']}", "--field",
           "所属党组织=第一党支部"))  # fmt: skip
    out = tmp_path / "charts"
    result = ok(cli(party_app, "party", "chart", "--out", str(out)))
    assert "已生成党组织机构图" in result.output
    svg = out / "江畔党委党组织机构图.svg"
    texts = [t.text for t in ET.fromstring(svg.read_bytes()).iter(f"{SVG}text")]
    y = {t.text: float(t.get("y")) for t in ET.fromstring(svg.read_bytes()).iter(f"{SVG}text")}
    assert y["江畔党委"] < y["第一党总支"] < y["第一党支部"] < y["第一党小组"]
    assert abs(y["第一党支部"] - y["第二党支部"]) < 20  # one row (a box with a 书记 line centres lower)
    assert "党支部 · 党员 1 名" in texts
    assert "书记 甲党员" in texts
    assert Image.open(out / "江畔党委党组织机构图.png").format == "PNG"
