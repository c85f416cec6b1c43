"""Every hook in ``ALL_HOOKS`` is honoured: a dummy plugin implements it and the effect is visible.

One test (at least) per hook, named ``test_<hook>_...``; ``test_hooks_documented.py`` fails when a
hook has none. Each test checks what a user or a plugin author sees (the registry, the CLI, the
database, the log), so it fails if the kernel stopped calling the hook or dropped its answer.
"""

from __future__ import annotations

import json
import logging
import sys
import textwrap
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import Integer, String, func, select
from sqlalchemy.orm import Mapped

from gridcore import (
    Base,
    Branding,
    CodeRule,
    Command,
    DataFormat,
    Dictionary,
    DictionaryEntry,
    Entity,
    Event,
    EventType,
    Menu,
    Migrations,
    Permission,
    Setting,
    Statistic,
    StatTable,
    Transition,
    Workflow,
    hookimpl,
    hookspec,
)
from gridcore.entities import field, resolve_field
from gridcore.errors import ConfigError, PluginError, ValidationError
from gridcore.security.models import Operator
from gridcore.testing import make_plugin


def started(make_app, *plugins: ModuleType, **edition):
    """An app with the core plus ``plugins``, started (registries built) but with no schema."""
    return make_app(extra=list(plugins), init=False, **edition).start()


# --------------------------------------------------------------------------- a plugin with a table


class HookDummyRecord(Base):
    """The table of the ``hookdummy`` test plugin."""

    __tablename__ = "hookdummy_record"

    id: Mapped[int] = field("编号", Integer, primary_key=True, generated=True)
    name: Mapped[str] = field("姓名", String(50), required=True, aliases=("名字",))
    note: Mapped[str | None] = field("备注", String(200))


REVISION = '''
"""hookdummy: the record table."""

import sqlalchemy as sa
from alembic import op

revision = "hookdummy_0001"
down_revision = None
branch_labels = ("hookdummy",)
depends_on = None


def upgrade():
    op.create_table(
        "hookdummy_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(50), nullable=False),
        sa.Column("note", sa.String(200), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hookdummy_record")),
    )


def downgrade():
    op.drop_table("hookdummy_record")
'''


@pytest.fixture
def record_migrations(tmp_path: Path) -> Path:
    """A version folder holding the one revision of the ``hookdummy`` branch."""
    folder = tmp_path / "hookdummy_migrations"
    folder.mkdir()
    (folder / "hookdummy_0001_record.py").write_text(REVISION, encoding="utf-8")
    return folder


def record_plugin(migrations: Path) -> ModuleType:
    return make_plugin(
        "hookdummy",
        register_entities=lambda: [
            Entity(id="hookdummy_record", title="测试记录", model=HookDummyRecord, key="name", sheet="测试记录")
        ],
        register_migrations=lambda: [Migrations(path=str(migrations))],
    )


# --------------------------------------------------------------------------- register_settings


def test_register_settings_edition_values_reach_app_setting(make_app):
    plugin = make_plugin(
        "hookset",
        register_settings=lambda: [
            Setting(name="greeting", type="str", default="你好"),
            Setting(name="limit", type="int", default=3),
        ],
    )
    app = make_app(extra=[plugin], init=False, settings={"hookset": {"greeting": "您好"}})
    assert app.setting("hookset", "greeting") == "您好"
    assert app.setting("hookset", "limit") == 3  # the declared default
    assert app.registry.settings["hookset.greeting"].plugin == "hookset"


def test_register_settings_declarations_check_the_edition(make_app):
    plugin = make_plugin("hookset", register_settings=lambda: [Setting(name="limit", type="int", default=3)])
    wrong_type = make_app(extra=[plugin], init=False, settings={"hookset": {"limit": "三"}})
    with pytest.raises(ConfigError, match=r"limit.*int"):
        wrong_type.start()
    undeclared = make_app(extra=[plugin], init=False, settings={"hookset": {"colour": "红"}})
    with pytest.raises(ConfigError, match=r"colour.*known: limit"):
        undeclared.start()


# --------------------------------------------------------------------------- add_hookspecs


class VisitorSpecs:
    """Hook specifications that the ``hookspecs`` test plugin adds for other plugins to implement."""

    @staticmethod
    @hookspec
    def greet_visitor(app, visitor):
        """Return a greeting for a visitor."""


def test_add_hookspecs_lets_other_plugins_implement_the_new_hook(make_app):
    declares = make_plugin("hookspecs", add_hookspecs=lambda: VisitorSpecs)
    implements = make_plugin("hookgreeter", greet_visitor=lambda visitor: f"欢迎, {visitor}")

    with pytest.raises(PluginError, match=r"hookgreeter.*unknown hook 'greet_visitor'"):
        make_app(extra=[implements], init=False)

    app = make_app(extra=[declares, implements], init=False)
    statuses = {s.name: s.status for s in app.plugins.statuses}
    assert statuses["hookgreeter"] == "ok"
    assert app.plugins.implementers("greet_visitor") == ["hookgreeter"]


# --------------------------------------------------------------------------- register_entities


def test_register_entities_appear_with_plugin_and_resolve_by_chinese_label(make_app, record_migrations):
    app = started(make_app, record_plugin(record_migrations))
    entity = app.registry.entities["hookdummy_record"]
    assert entity.plugin == "hookdummy"
    assert entity.model is HookDummyRecord
    assert resolve_field(entity.model, "姓名").name == "name"
    assert resolve_field(entity.model, "名字").name == "name"  # an alias
    with pytest.raises(ValidationError, match="姓名、备注"):
        resolve_field(entity.model, "住址", entity_title=entity.title)


def test_register_entities_refuses_a_table_without_the_plugin_prefix(make_app):
    stranger = make_plugin(
        "hookstranger",
        register_entities=lambda: [Entity(id="stranger_record", title="外来", model=HookDummyRecord)],
    )
    with pytest.raises(PluginError, match="hookstranger_"):
        started(make_app, stranger)


# --------------------------------------------------------------------------- register_migrations


def test_register_migrations_branch_creates_and_downgrade_removes_the_table(make_app, cli, record_migrations):
    app = make_app(extra=[record_plugin(record_migrations)])  # runs gridcore init
    assert app.db.has_table("hookdummy_record")
    state = {s.plugin: s for s in app.migrations.states()}["hookdummy"]
    assert (state.current, state.head) == ("hookdummy_0001", "hookdummy_0001")

    result = cli(app, "db", "downgrade", "hookdummy", "--yes")
    assert result.exit_code == 0, result.output
    assert not app.db.has_table("hookdummy_record")
    assert app.db.has_table("core_operator")  # the core branch is untouched


# --------------------------------------------------------------------------- register_dictionaries


def test_register_dictionaries_present_with_plugin(make_app):
    visit_kind = Dictionary(
        id="hookdict_visit_kind",
        title="走访类型",
        entries=(
            DictionaryEntry(code="01", label="入户走访", sort=1),
            DictionaryEntry(code="02", label="电话回访", sort=2, aliases=("电话",)),
        ),
    )
    app = started(make_app, make_plugin("hookdict", register_dictionaries=lambda: [visit_kind]))
    found = app.registry.dictionaries["hookdict_visit_kind"]
    assert found.plugin == "hookdict"
    assert [e.label for e in found.entries] == ["入户走访", "电话回访"]


# --------------------------------------------------------------------------- register_code_rules


def test_register_code_rules_present_with_plugin(make_app):
    def grid_code(parent: str, number: int) -> str:
        return f"{parent}{number:03d}"

    rule = CodeRule(id="hookrule.grid", title="网格编码: 社区编码+三位序号", rule=grid_code)
    app = started(make_app, make_plugin("hookrule", register_code_rules=lambda: [rule]))
    found = app.registry.code_rules["hookrule.grid"]
    assert found.plugin == "hookrule"
    assert found.rule("110101001001", 7) == "110101001001007"


# --------------------------------------------------------------------------- register_permissions


def test_register_permissions_present_with_plugin(make_app, cli):
    plugin = make_plugin(
        "hookperm",
        register_permissions=lambda: [Permission(id="hookperm.view", title="查看测试", category="测试")],
    )
    app = make_app(extra=[plugin])  # plugins list needs a logged-in operator, so a database
    assert app.registry.permissions["hookperm.view"].plugin == "hookperm"
    result = cli(app, "plugins", "list", "--format", "json")
    assert result.exit_code == 0, result.output
    row = next(r for r in json.loads(result.output) if r["name"] == "hookperm")
    assert row["permissions"] == ["hookperm.view"]


# --------------------------------------------------------------------------- register_menus


def menu_plugin(permission: str) -> ModuleType:
    return make_plugin(
        "hookmenu",
        register_permissions=lambda: [Permission(id="hookmenu.view", title="查看测试菜单")],
        register_menus=lambda: [
            Menu(id="hookmenu", title="测试菜单", parent="collect", permission=permission, order=55)
        ],
    )


def test_register_menus_appear_with_plugin_name(make_app, cli):
    app = make_app(extra=[menu_plugin("hookmenu.view")])
    menu = app.registry.menus["hookmenu"]
    assert (menu.plugin, menu.parent, menu.permission) == ("hookmenu", "collect", "hookmenu.view")
    assert [m.id for m in app.registry.menus.by_plugin("hookmenu")] == ["hookmenu"]
    result = cli(app, "plugins", "list", "--format", "json")
    row = next(r for r in json.loads(result.output) if r["name"] == "hookmenu")
    assert row["menus"] == ["hookmenu"]


def test_register_menus_naming_an_unknown_permission_stops_start_up(make_app):
    with pytest.raises(PluginError, match="hookmenu.*hookmenu.edit"):
        started(make_app, menu_plugin("hookmenu.edit"))


# --------------------------------------------------------------------------- register_statistics


def count_operators(*, app, session, region) -> StatTable:
    count = session.execute(select(func.count()).select_from(Operator)).scalar_one()
    return StatTable(columns=("操作员数",), rows=((count,),))


def test_register_statistics_present_and_computed(make_app):
    statistic = Statistic(id="hookstat.operators", title="操作员数", compute=count_operators, charts=("pie",))
    app = make_app(extra=[make_plugin("hookstat", register_statistics=lambda: [statistic])])
    found = app.registry.statistics["hookstat.operators"]
    assert found.plugin == "hookstat"
    with app.db.read_session() as session:
        table = found.compute(app=app, session=session, region=None)
    assert table == StatTable(columns=("操作员数",), rows=((1,),))  # the administrator made by init


# --------------------------------------------------------------------------- register_data_formats


def test_register_data_formats_present_with_plugin(make_app):
    tsv = DataFormat(id="hookfmt.tsv", title="制表符分隔文本", suffixes=(".tsv", ".tab"))
    app = started(make_app, make_plugin("hookfmt", register_data_formats=lambda: [tsv]))
    found = app.registry.data_formats["hookfmt.tsv"]
    assert (found.plugin, found.suffixes) == ("hookfmt", (".tsv", ".tab"))


# --------------------------------------------------------------------------- register_commands

COMMAND_MODULE = """
import click

from gridcore.cli.context import CliContext, pass_context


@click.command()
@click.argument("visitor")
@pass_context
def greet(context: CliContext, visitor: str) -> None:
    \"\"\"问候来访者。\"\"\"
    click.echo(f"{context.app.branding.name}: 欢迎, {visitor}")
"""


def test_register_commands_command_runs_through_the_cli(make_app, cli, tmp_path, monkeypatch):
    module = "gridcore_hooktest_greet_cmd"
    (tmp_path / f"{module}.py").write_text(textwrap.dedent(COMMAND_MODULE), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, module, raising=False)
    command = Command(
        name="greet", help="问候来访者 (greet a visitor)", target=f"{module}:greet", permission="hookcmd.greet"
    )
    permission = Permission(id="hookcmd.greet", title="问候", category="测试")
    plugin = make_plugin("hookcmd", register_commands=lambda: [command], register_permissions=lambda: [permission])
    app = make_app(extra=[plugin])  # the administrator's group holds the plugin's permission after init

    listed = cli(app, "--help")
    assert listed.exit_code == 0, listed.output
    assert "greet" in listed.output
    assert "问候来访者 (greet a visitor)" in listed.output
    assert module not in sys.modules  # listed from the registration, not imported

    result = cli(app, "greet", "王大爷")
    assert result.exit_code == 0, result.output
    assert "欢迎, 王大爷" in result.output
    assert app.registry.commands["greet"].plugin == "hookcmd"


def test_register_commands_broken_target_is_one_clear_line(make_app, cli):
    command = Command(name="nowhere", help="不存在", target="gridcore_no_such_module:nowhere")
    app = make_app(extra=[make_plugin("hookcmd", register_commands=lambda: [command])], init=False)
    result = cli(app, "nowhere")
    assert result.exit_code == PluginError.exit_code
    assert "hookcmd" in result.output
    assert "Traceback" not in result.output


# --------------------------------------------------------------------------- register_event_types


def test_register_event_types_present_with_plugin(make_app):
    visited = EventType(id="hookevt.visited", title="走访完成")
    app = started(make_app, make_plugin("hookevt", register_event_types=lambda: [visited]))
    assert app.registry.event_types["hookevt.visited"].plugin == "hookevt"


# --------------------------------------------------------------------------- register_workflows


def test_register_workflows_present_and_refuse_undeclared_steps(make_app):
    mediation = Workflow(
        id="hookflow.mediation",
        title="矛盾纠纷调解",
        initial="受理",
        transitions=(
            Transition(source="受理", target="调解中", action="派单"),
            Transition(source="调解中", target="办结", action="结案"),
        ),
        final=("办结",),
    )
    app = started(make_app, make_plugin("hookflow", register_workflows=lambda: [mediation]))
    workflow = app.registry.workflows["hookflow.mediation"]
    assert workflow.plugin == "hookflow"
    assert workflow.step("受理", "调解中").action == "派单"
    with pytest.raises(ValueError, match="不能从「受理」转到「办结」.*调解中"):
        workflow.step("受理", "办结")


# --------------------------------------------------------------------------- on_event


def test_on_event_reaches_plugins_and_a_failing_one_is_logged_not_raised(make_app, caplog):
    received: list[Event] = []

    def on_event(event):
        received.append(event)

    def failing(event):
        raise RuntimeError("通知失败")

    app = started(make_app, make_plugin("hookboom", on_event=failing), make_plugin("hooklisten", on_event=on_event))
    event = Event(type="hooktest.visited", entity="hookdummy_record", key="1", action="create")
    with caplog.at_level(logging.ERROR, logger="gridcore.plugins"):
        app.plugins.notify(app, event)
    assert received == [event]
    assert "hookboom" in caplog.text
    assert "hooktest.visited" in caplog.text


# --------------------------------------------------------------------------- entity_write


def test_entity_write_wrapper_sees_and_can_veto_a_write(make_app, record_migrations):
    seen: list[tuple[object, ...]] = []

    @hookimpl(wrapper=True)
    def entity_write(entity, action, record):
        seen.append(("before", entity, action, record.name, record.id))
        if record.name == "禁止":
            raise ValidationError("姓名「禁止」不允许使用", field="姓名", value=record.name)
        result = yield
        seen.append(("after", record.id))
        return result

    guard = make_plugin("hookguard")
    guard.entity_write = entity_write
    app = make_app(extra=[record_plugin(record_migrations), guard])

    def write(name: str) -> HookDummyRecord:
        record = HookDummyRecord(name=name)
        with app.db.session() as session:
            app.plugins.entity_write(app, session, "hookdummy_record", "create", record, lambda: session.add(record))
        return record

    saved = write("张三")
    assert saved.id is not None
    assert seen == [("before", "hookdummy_record", "create", "张三", None), ("after", saved.id)]

    with pytest.raises(ValidationError, match="不允许"):
        write("禁止")
    with app.db.read_session() as session:
        assert session.scalars(select(HookDummyRecord.name)).all() == ["张三"]


# --------------------------------------------------------------------------- startup


def test_startup_called_once_after_registries_are_built(make_app):
    calls: list[list[str]] = []

    def startup(app):
        calls.append([m.id for m in app.registry.menus.by_plugin("hookstart")])

    plugin = make_plugin("hookstart", startup=startup, register_menus=lambda: [Menu(id="hookstart", title="启动测试")])
    app = make_app(extra=[plugin], init=False)
    assert calls == []
    app.start()
    app.start()
    assert calls == [["hookstart"]]


# --------------------------------------------------------------------------- branding


def test_branding_from_a_plugin_with_edition_overrides(make_app, cli):
    brand = make_plugin("hookbrand", branding=lambda: Branding(name="平安社区管理平台", company="某某科技"))
    silent = make_plugin("hookbrand_silent", branding=lambda: None)
    app = make_app(extra=[brand, silent], init=False, branding={"company": "某某街道办事处"})
    assert app.branding.name == "平安社区管理平台"  # the plugin's answer
    assert app.branding.company == "某某街道办事处"  # the edition's [branding] wins field by field

    result = cli(app, "version", "--format", "json")
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    assert (shown["name"], shown["company"]) == ("平安社区管理平台", "某某街道办事处")


# --------------------------------------------------------------------------- populate_demo


def test_populate_demo_called_in_load_order_with_folder_and_seed(make_app, tmp_path):
    calls: list[tuple[str, object, int]] = []
    first = make_plugin("hookdemo_a", populate_demo=lambda folder, seed: calls.append(("a", folder, seed)))
    second = make_plugin(
        "hookdemo_b",
        requires=("hookdemo_a",),
        populate_demo=lambda seed: calls.append(("b", None, seed)),
    )

    def place_everything(seed):
        calls.append(("last", None, seed))

    place_everything.gridcore_impl = {"trylast": True}  # type: ignore[attr-defined]
    last = make_plugin("hookdemo_0", populate_demo=place_everything)
    app = make_app(extra=[last, second, first], init=False)
    done = app.plugins.populate_demo(app, tmp_path, 7)
    assert calls == [("a", tmp_path, 7), ("b", None, 7), ("last", None, 7)]
    assert done == ["hookdemo_a", "hookdemo_b", "hookdemo_0"]
