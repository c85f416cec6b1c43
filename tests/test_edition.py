"""Reading edition files and checking plugin settings against their declarations."""

from __future__ import annotations

import pytest

from gridcore import Setting
from gridcore.app import GridApp
from gridcore.edition import DEFAULT_LEVELS, Edition, load_edition
from gridcore.errors import ConfigError
from gridcore.testing import make_plugin


def write(tmp_path, text):
    path = tmp_path / "edition.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_full_edition_is_read(tmp_path):
    path = write(
        tmp_path,
        """
[edition]
name = "城区版"
[database]
url = "sqlite:///x.db"
[plugins]
enabled = ["premises"]
[hierarchy]
levels = ["乡镇", "村", "组"]
[branding]
name = "某某网格系统"
[settings.core]
record_number_width = 4
""",
    )
    edition = load_edition(path)
    assert edition.name == "城区版"
    assert edition.database_url == "sqlite:///x.db"
    assert edition.enabled_plugins == ("premises",)
    assert edition.levels == ("乡镇", "村", "组")
    assert edition.branding["name"] == "某某网格系统"


def test_defaults_without_an_edition():
    edition = Edition()
    assert edition.enabled_plugins is None
    assert edition.levels == DEFAULT_LEVELS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[plugins\n", "TOML"),
        ("[nosuch]\n", "未知的配置段 [nosuch]"),
        ("[plugins]\nenabled = 'premises'\n", "enabled"),
        ("[hierarchy]\nlevels = ['街道']\n", "levels"),
        ("[database]\nurl = 5\n", "url"),
    ],
)
def test_bad_edition_is_one_line_naming_the_file(tmp_path, text, expected):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as error:
        load_edition(path)
    assert expected in str(error.value)
    assert str(path) in str(error.value)
    assert "\n" not in str(error.value)


def test_missing_edition_file(tmp_path):
    with pytest.raises(ConfigError, match="找不到版本配置文件"):
        load_edition(tmp_path / "none.toml")


def settings_plugin():
    return make_plugin(
        "tuned",
        register_settings=lambda: [
            Setting(name="width", type="int", default=3),
            Setting(name="label", type="str", default="x"),
        ],
    )


def test_plugin_settings_take_defaults_and_overrides(database_url):
    edition = Edition(settings={"tuned": {"width": 5}})
    app = GridApp(edition, database_url=database_url, extra_plugins=[settings_plugin()])
    assert app.setting("tuned", "width") == 5
    assert app.setting("tuned", "label") == "x"


def test_setting_of_the_wrong_type_is_refused(database_url):
    edition = Edition(settings={"tuned": {"width": "wide"}})
    app = GridApp(edition, database_url=database_url, extra_plugins=[settings_plugin()])
    with pytest.raises(ConfigError, match=r"\[settings.tuned\] width 应为 int"):
        app.start()


def test_bool_is_not_an_int_setting(database_url):
    edition = Edition(settings={"tuned": {"width": True}})
    app = GridApp(edition, database_url=database_url, extra_plugins=[settings_plugin()])
    with pytest.raises(ConfigError, match="width"):
        app.start()


def test_unknown_setting_key_is_refused(database_url):
    edition = Edition(settings={"tuned": {"colour": "red"}})
    app = GridApp(edition, database_url=database_url, extra_plugins=[settings_plugin()])
    with pytest.raises(ConfigError, match="colour.*known: label, width"):
        app.start()


def test_settings_for_a_plugin_not_loaded_are_refused(database_url):
    app = GridApp(Edition(settings={"ghost": {"a": 1}}), database_url=database_url)
    with pytest.raises(ConfigError, match="ghost"):
        app.start()


def test_example_editions_load(tmp_path):
    from pathlib import Path

    folder = Path(__file__).resolve().parents[1] / "examples" / "editions"
    files = sorted(folder.glob("*.toml"))
    assert len(files) >= 2
    for file in files:
        assert load_edition(file).name
