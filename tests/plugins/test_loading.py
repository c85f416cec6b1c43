"""Plugin discovery, dependency order, isolation of broken plugins and strict mode."""

from __future__ import annotations

import pytest

from gridcore import Menu, Permission
from gridcore.app import GridApp
from gridcore.edition import Edition
from gridcore.errors import ConfigError, PluginError
from gridcore.testing import make_plugin

RAISES_AT_IMPORT = """
raise RuntimeError("boom at import")
"""

GOOD = """
from gridcore import PluginInfo, hookimpl, Permission
PLUGIN = PluginInfo(name="{name}", title="好插件", version="1.2.3", requires={requires!r})

@hookimpl
def register_permissions():
    return [Permission(id="{name}.view", title="查看")]
"""


def statuses(app: GridApp) -> dict[str, tuple[str, str]]:
    return {s.name: (s.status, s.reason) for s in app.plugins.statuses}


def test_broken_plugin_is_isolated_and_reported(plugin_installer, database_url):
    plugin_installer.install("broken", RAISES_AT_IMPORT)
    plugin_installer.install("good", GOOD.format(name="good", requires=()))
    app = GridApp(Edition(), database_url=database_url, strict=False)
    found = statuses(app)
    assert found["broken"][0] == "broken"
    assert "boom at import" in found["broken"][1]
    assert found["good"] == ("ok", "")
    assert "good.view" in app.start().registry.permissions


def test_broken_plugin_fails_start_up_in_strict_mode(plugin_installer, database_url):
    plugin_installer.install("broken", RAISES_AT_IMPORT)
    with pytest.raises(PluginError, match="broken.*boom at import"):
        GridApp(Edition(), database_url=database_url, strict=True)


def test_strict_mode_comes_from_the_environment(plugin_installer, database_url, monkeypatch):
    plugin_installer.install("broken", RAISES_AT_IMPORT)
    monkeypatch.setenv("GRIDCORE_STRICT_PLUGINS", "0")
    GridApp(Edition(), database_url=database_url)
    monkeypatch.setenv("GRIDCORE_STRICT_PLUGINS", "1")
    with pytest.raises(PluginError):
        GridApp(Edition(), database_url=database_url)


def test_plugins_load_in_dependency_order(plugin_installer, database_url):
    plugin_installer.install("alpha", GOOD.format(name="alpha", requires=("zeta",)))
    plugin_installer.install("zeta", GOOD.format(name="zeta", requires=()))
    app = GridApp(Edition(), database_url=database_url)
    loaded = app.plugins.loaded
    assert loaded[0] == "core"
    assert loaded.index("zeta") < loaded.index("alpha")


def test_missing_requirement_breaks_the_plugin_with_its_reason(plugin_installer, database_url):
    plugin_installer.install("party2", GOOD.format(name="party2", requires=("orgs2",)))
    app = GridApp(Edition(), database_url=database_url, strict=False)
    status, reason = statuses(app)["party2"]
    assert status == "broken"
    assert "requires plugin 'orgs2', which is not installed" in reason


def test_edition_enabling_a_plugin_without_its_requirement_is_a_config_error(plugin_installer, database_url):
    plugin_installer.install("party3", GOOD.format(name="party3", requires=("orgs3",)))
    plugin_installer.install("orgs3", GOOD.format(name="orgs3", requires=()))
    with pytest.raises(ConfigError, match="party3.*orgs3.*disabled"):
        GridApp(Edition(enabled_plugins=("party3",)), database_url=database_url, strict=False)


def test_requirement_cycle_is_reported(plugin_installer, database_url):
    plugin_installer.install("ping", GOOD.format(name="ping", requires=("pong",)))
    plugin_installer.install("pong", GOOD.format(name="pong", requires=("ping",)))
    app = GridApp(Edition(), database_url=database_url, strict=False)
    assert "cycle" in statuses(app)["ping"][1]


def test_unknown_plugin_in_edition_names_the_installed_ones(database_url):
    with pytest.raises(ConfigError) as error:
        GridApp(Edition(enabled_plugins=("nosuch",)), database_url=database_url)
    message = str(error.value)
    assert "nosuch" in message
    assert "core" in message
    assert "\n" not in message


def test_disabled_plugin_is_not_imported(plugin_installer, database_url):
    plugin_installer.install("broken", RAISES_AT_IMPORT)
    app = GridApp(Edition(enabled_plugins=()), database_url=database_url, strict=True)
    assert statuses(app)["broken"][0] == "disabled"


def test_misspelt_hook_name_is_an_error_naming_plugin_and_hook(database_url):
    typo = make_plugin("typo", register_menu=lambda: [])
    app = GridApp(Edition(), database_url=database_url, extra_plugins=[typo], strict=False)
    status, reason = statuses(app)["typo"]
    assert status == "broken"
    assert "register_menu" in reason
    assert "register_menus" in reason  # the suggestion
    with pytest.raises(PluginError, match="register_menu"):
        GridApp(Edition(), database_url=database_url, extra_plugins=[typo], strict=True)


def test_hook_with_unknown_argument_is_rejected(database_url):
    def register_menus(app, colour):  # 'colour' is not an argument of the hook
        return []

    bad = make_plugin("badargs", register_menus=register_menus)
    app = GridApp(Edition(), database_url=database_url, extra_plugins=[bad], strict=False)
    status, reason = statuses(app)["badargs"]
    assert status == "broken"
    assert "colour" in reason


def test_duplicate_contribution_names_both_plugins(database_url):
    one = make_plugin("one", register_permissions=lambda: [Permission(id="same.code", title="一")])
    two = make_plugin("two", register_permissions=lambda: [Permission(id="same.code", title="二")])
    app = GridApp(Edition(), database_url=database_url, extra_plugins=[one, two])
    with pytest.raises(PluginError) as error:
        app.start()
    assert "one" in str(error.value)
    assert "two" in str(error.value)
    assert "same.code" in str(error.value)


def test_duplicate_menu_across_core_and_plugin(database_url):
    clash = make_plugin("clash", register_menus=lambda: [Menu(id="system", title="冲突")])
    with pytest.raises(PluginError, match="core.*clash"):
        GridApp(Edition(), database_url=database_url, extra_plugins=[clash]).start()


def test_trace_writes_hook_calls(database_url, capsys):
    app = GridApp(Edition(), database_url=database_url)
    app.plugins.trace = True
    app.registry.permissions  # noqa: B018
    assert "register_permissions -> core" in capsys.readouterr().err


def test_trace_enabled_from_environment(database_url, monkeypatch, capsys):
    monkeypatch.setenv("GRIDCORE_TRACE_PLUGINS", "1")
    app = GridApp(Edition(), database_url=database_url)
    app.start()
    assert "register_menus -> core" in capsys.readouterr().err


def test_entity_write_that_is_not_a_wrapper_is_refused(database_url):
    def entity_write(write):
        return None  # would silently replace the core's write

    plugin = make_plugin("hijack", entity_write=entity_write)
    app = GridApp(Edition(), database_url=database_url, extra_plugins=[plugin], strict=False)
    status, reason = statuses(app)["hijack"]
    assert status == "broken"
    assert "wrapper=True" in reason


def test_failing_add_hookspecs_breaks_only_that_plugin(database_url):
    def add_hookspecs():
        raise RuntimeError("no specs today")

    plugin = make_plugin("specless", add_hookspecs=add_hookspecs)
    app = GridApp(Edition(), database_url=database_url, extra_plugins=[plugin], strict=False)
    assert statuses(app)["specless"][0] == "broken"
    assert "no specs today" in statuses(app)["specless"][1]
    assert statuses(app)["core"] == ("ok", "")


def test_plugin_declared_hooks_are_called_through_the_facade(database_url):
    from gridcore import hookspec

    class Specs:
        @hookspec
        def tell_me(self, topic):  # pragma: no cover - a specification
            """A hook another plugin may answer."""

    speaker = make_plugin("speaker", add_hookspecs=lambda: Specs)
    listener = make_plugin("listener", tell_me=lambda topic: f"about {topic}")
    app = GridApp(Edition(), database_url=database_url, extra_plugins=[speaker, listener])
    assert app.plugins.call("tell_me", topic="grids") == ["about grids"]
    with pytest.raises(PluginError, match="nosuch"):
        app.plugins.call("nosuch")
