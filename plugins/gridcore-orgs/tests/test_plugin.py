"""The orgs plugin as a whole: what it contributes, its migration, uninstall, statistics, editions, demo."""

from __future__ import annotations

import click
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from gridcore_orgs.cli import orgs
from gridcore_orgs.models import Organization, OrgMember, Regulation
from sqlalchemy import text

from gridcore import Base
from gridcore.cli.permissions import leaves
from gridcore.services import records
from gridcore.services.stats import run_statistics
from gridcore.testing import run_service

TABLES = ("orgs_organization", "orgs_member", "orgs_regulation")


def test_plugin_is_found_and_contributes(make_app):
    app = make_app(["orgs"], init=False).start()
    status = {s.name: s for s in app.plugins.statuses}["orgs"]
    assert (status.status, status.title) == ("ok", "组织机构与规章制度")
    assert [e.model for e in app.registry.entities.by_plugin("orgs")] == [Organization, OrgMember, Regulation]
    assert {m.id for m in app.registry.menus.by_plugin("orgs")} == {
        "collect.organization",
        "collect.org_member",
        "browse.org_chart",
        "collect.regulation",
        "browse.regulation",
    }
    assert {"regulation.edit", "organization.view", "org_member.edit", "orgs.stats"} <= {
        p.id for p in app.registry.permissions.by_plugin("orgs")
    }
    assert app.registry.commands["orgs"].plugin == "orgs"
    assert [d.id for d in app.registry.dictionaries.by_plugin("orgs")] == ["org_member_level", "regulation_category"]


def test_every_command_declares_a_registered_permission(make_app):
    app = make_app(["orgs"], init=False).start()
    found = list(leaves(orgs, ("orgs",), None))
    assert len(found) >= 17
    for path, command, permission in found:
        assert isinstance(command, click.Command)
        assert permission in app.registry.permissions, path


def only_orgs(item, name, type_, reflected, compare_to):
    table = name if type_ == "table" else getattr(getattr(item, "table", None), "name", "")
    return str(table).startswith("orgs_")


def fill(app):
    run_service(app, records.add, "organization", {"机构名称": "社区居委会"})
    run_service(
        app, records.add, "org_member", {"机构名称": "社区居委会", "层级": "最高层", "职务": "主任", "姓名": "张某"}
    )
    run_service(app, records.add, "regulation", {"名称": "值班制度", "类别": "制度", "内容": "二十四小时值班"})


def count(app, sql: str) -> int:
    with app.db.engine.connect() as connection:
        return int(connection.execute(text(sql)).scalar_one())


def test_migration_gives_exactly_the_models_and_downgrade_removes_them(make_app):
    app = make_app(["orgs"])
    with app.db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": only_orgs, "compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    fill(app)
    assert count(app, "SELECT count(*) FROM core_search WHERE entity IN ('org_member', 'regulation')") == 2
    app.migrations.downgrade("orgs")
    for table in TABLES:
        assert not app.db.has_table(table)
    assert app.db.has_table("core_resident")
    assert (
        count(app, "SELECT count(*) FROM core_search WHERE entity IN ('organization', 'org_member', 'regulation')") == 0
    )
    assert count(app, "SELECT count(*) FROM core_dictionary_entry WHERE dictionary_id = 'regulation_category'") == 0
    assert count(app, "SELECT count(*) FROM core_dictionary_entry WHERE dictionary_id = 'political_status'") > 0


def test_uninstall_from_the_command_line_then_install_again(make_app, cli):
    from gridcore.services.setup import initialize
    from gridcore.testing import TEST_ADMIN_PASSWORD

    app = make_app(["orgs"])
    fill(app)
    result = cli(app, "db", "downgrade", "orgs", "--yes")
    assert result.exit_code == 0, result.output
    assert not any(app.db.has_table(table) for table in TABLES)
    initialize(app, admin_login="admin", ask_password=lambda: TEST_ADMIN_PASSWORD)
    assert all(app.db.has_table(table) for table in TABLES)
    fill(app)  # the dictionaries are seeded again
    assert run_service(app, records.get, "regulation", "#1").title == "值班制度"


def test_statistics(make_app):
    app = make_app(["orgs"])
    fill(app)
    run_service(
        app, records.add, "org_member", {"机构名称": "社区居委会", "层级": "最低层", "职务": "委员", "姓名": "王某"}
    )
    run_service(
        app, records.add, "org_member", {"机构名称": "社区居委会", "层级": "最低层", "职务": "委员", "姓名": "赵某"}
    )
    results = {r.statistic.id: r.table for r in run_service(app, run_statistics)}
    categories = results["orgs.regulations_by_category"]
    assert categories.columns == ("类别", "件数")
    assert categories.rows == (("法规", 0), ("政策", 0), ("规章", 0), ("制度", 1))
    assert results["orgs.members_by_organization"].rows == (("社区居委会", "最高层", 1), ("社区居委会", "最低层", 2))


def test_an_edition_without_orgs_still_works_on_the_same_database(make_app, database_url, cli):
    from gridcore.app import GridApp
    from gridcore.edition import Edition

    full = make_app(["orgs"])
    fill(full)
    core_only = GridApp(Edition(name="core", enabled_plugins=("core",)), database_url=database_url).start()
    try:
        assert "regulation" not in core_only.registry.entities
        result = cli(core_only, "region", "list", "--format", "json")
        assert result.exit_code == 0, result.output
        assert cli(core_only, "orgs", "org", "list").exit_code != 0  # the group is gone with the plugin
    finally:
        core_only.close()


def test_populate_demo_adds_two_organizations_charts_and_regulations(make_app, tmp_path):
    from gridcore.demo.district import build_district

    app = make_app(["orgs"])
    build_district(app, households=60, seed=7)
    for _ in range(2):  # idempotent
        app.plugins.populate_demo(app, tmp_path, 7)
    with app.db.read_session() as session:
        names = list(session.execute(text("SELECT name FROM orgs_organization ORDER BY id")).scalars())
        members = session.execute(text("SELECT count(*) FROM orgs_member WHERE resident_id IS NOT NULL")).scalar()
        regulations = session.execute(text("SELECT count(*) FROM orgs_regulation")).scalar()
    community = names[-1].removesuffix("党委")
    assert community.endswith("社区")
    assert names == [f"{community}居民委员会", f"{community}党委"]
    assert members >= 8
    assert regulations == 5
    charts = sorted(p.name for p in (tmp_path / "组织机构图").iterdir())
    assert charts == sorted(f"{name}.{suffix}" for name in names for suffix in ("svg", "png"))
