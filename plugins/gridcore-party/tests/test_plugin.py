"""The party plugin as a whole: contributions, its migration and uninstall, editions, the demo."""

from __future__ import annotations

import json

import click
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from gridcore_party.cli import party
from gridcore_party.models import ActivityPhoto, PartyActivity, PartyMember, PartyOrg
from sqlalchemy import text

from gridcore import Base
from gridcore.cli.permissions import leaves
from gridcore.errors import ConfigError

TABLES = ("party_org", "party_member", "party_activity", "party_participant", "party_photo")


def ok(result):
    assert result.exit_code == 0, result.output
    return result


def test_plugin_is_found_and_contributes(make_app):
    app = make_app(["orgs", "party"], init=False).start()
    status = {s.name: s for s in app.plugins.statuses}["party"]
    assert (status.status, status.title) == ("ok", "党建管理")
    assert app.plugins.loaded.index("orgs") < app.plugins.loaded.index("party")
    models = [e.model for e in app.registry.entities.by_plugin("party")]
    assert models == [PartyOrg, PartyMember, PartyActivity, ActivityPhoto]
    assert {m.id for m in app.registry.menus.by_plugin("party")} == {
        "party",
        "party.org",
        "party.member",
        "party.activity",
        "party.stats",
    }
    assert {"party_member.edit", "party_activity.view", "party.stats"} <= {
        p.id for p in app.registry.permissions.by_plugin("party")
    }
    assert {s.id for s in app.registry.statistics.by_plugin("party")} == {
        "party.members_by_org",
        "party.members_by_category",
        "party.members_by_age",
        "party.activities_per_month",
    }


def test_party_requires_orgs(make_app):
    with pytest.raises(ConfigError, match="插件 party 无法启用: requires plugin 'orgs'"):
        make_app(["party"], init=False).start()


def test_every_command_declares_a_registered_permission(make_app):
    app = make_app(["orgs", "party"], init=False).start()
    found = list(leaves(party, ("party",), None))
    assert len(found) >= 25
    for path, command, permission in found:
        assert isinstance(command, click.Command)
        assert permission in app.registry.permissions, path


def only_party(item, name, type_, reflected, compare_to):
    table = name if type_ == "table" else getattr(getattr(item, "table", None), "name", "")
    return str(table).startswith("party_")


def count(app, sql: str) -> int:
    with app.db.engine.connect() as connection:
        return int(connection.execute(text(sql)).scalar_one())


def test_migration_gives_exactly_the_models_and_downgrade_removes_them(party_app, people, cli):
    with party_app.db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": only_party, "compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    ok(cli(party_app, "party", "member", "add", "--field", f"常住编号={people['甲党员']}", "--field",
           "所属党组织=第一党支部"))  # fmt: skip
    blocked = cli(party_app, "db", "downgrade", "orgs", "--yes")
    assert blocked.exit_code != 0
    assert "请先运行 gridcore db downgrade party" in blocked.output
    ok(cli(party_app, "db", "downgrade", "party", "--yes"))
    assert not any(party_app.db.has_table(table) for table in TABLES)
    assert party_app.db.has_table("orgs_organization")
    assert party_app.db.has_table("core_resident")
    assert count(party_app, "SELECT count(*) FROM core_search WHERE entity LIKE 'party%'") == 0
    assert count(party_app, "SELECT count(*) FROM core_dictionary_entry WHERE dictionary_id LIKE 'party%'") == 0
    ok(cli(party_app, "resident", "delete", people["甲党员"], "--yes"))  # no roster holds it any more
    ok(cli(party_app, "db", "downgrade", "orgs", "--yes"))
    assert not party_app.db.has_table("orgs_organization")


def test_party_disabled_leaves_orgs_working(party_app, people, database_url, cli, tmp_path):
    from gridcore.app import GridApp
    from gridcore.edition import Edition

    orgs_only = GridApp(Edition(name="orgs", enabled_plugins=("orgs",)), database_url=database_url).start()
    try:
        assert "party_org" not in orgs_only.registry.entities
        ok(cli(orgs_only, "orgs", "org", "add", "--field", "机构名称=社区居委会"))
        ok(cli(orgs_only, "orgs", "member", "add", "--field", "机构名称=社区居委会", "--field", "层级=最高层",
               "--field", "职务=主任", "--field", "姓名=张某"))  # fmt: skip
        ok(cli(orgs_only, "orgs", "chart", "--out", str(tmp_path)))
        ok(cli(orgs_only, "resident", "edit", people["戊群众"], "--field", "职业=教师"))
        assert cli(orgs_only, "party", "org", "tree").exit_code != 0
    finally:
        orgs_only.close()
    tree = json.loads(ok(cli(party_app, "party", "org", "tree", "--format", "json")).output)
    assert len(tree) == 5  # the party data is still there when the plugin is enabled again


def test_populate_demo_adds_a_party_tree_members_activities_and_the_chart(make_app, tmp_path):
    from gridcore.demo.district import build_district

    app = make_app(["orgs", "party"])
    build_district(app, households=120, seed=11)
    for _ in range(2):  # idempotent
        app.plugins.populate_demo(app, tmp_path, 11)
    with app.db.read_session() as session:
        types = dict(session.execute(text("SELECT org_type, count(*) FROM party_org GROUP BY org_type")).all())
        members = session.execute(text("SELECT count(*) FROM party_member")).scalar()
        activities = session.execute(text("SELECT count(*) FROM party_activity")).scalar()
        photos = list(session.execute(text("SELECT path FROM party_photo")).scalars())
        eligible = session.execute(
            text(
                "SELECT count(*) FROM party_member m JOIN core_resident r ON r.id = m.resident_id "
                "WHERE r.political_status IN ('01', '02', 'L01')"
            )
        ).scalar()
    assert set(types) == {"02", "03", "04", "05"}  # 党委, 党总支, 党支部, 党小组
    assert members > 0
    assert eligible == members
    assert activities == 8
    assert len(photos) == 8
    assert all((tmp_path / "党建" / "活动照片").joinpath(p.rsplit("/", 1)[-1]).is_file() for p in photos)
    charts = sorted(p.name for p in (tmp_path / "党建").glob("*党组织机构图.*"))
    assert charts == ["江畔街道党工委党组织机构图.png", "江畔街道党工委党组织机构图.svg"]
