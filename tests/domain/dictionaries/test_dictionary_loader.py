"""The data-file loader accepts a folder of TOML files and stops on bad data, naming file and entry."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from gridcore.contributions import Dictionary, DictionaryEntry
from gridcore.domain.dictionaries import (
    DictionaryDataError,
    load_default_dictionaries,
    load_dictionaries,
    parse_dictionary,
    validate_dictionary,
)
from gridcore.errors import GridcoreError

GOOD = """\
id = "colour"
title = "颜色"
standard = "local"

[[entries]]
code = "1"
label = "红"
sort = 1
aliases = ["红色"]

[[entries]]
code = "2"
label = "蓝"
sort = 2
protected = true
semantic = "BLUE"
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def entry_block(code: str, label: str, extra: str = "") -> str:
    return f'\n[[entries]]\ncode = "{code}"\nlabel = "{label}"\n{extra}\n'


def test_a_folder_of_toml_files_loads_in_file_name_order(tmp_path):
    write(tmp_path, "colour.toml", GOOD)
    write(tmp_path, "animal.toml", 'id = "animal"\ntitle = "动物"' + entry_block("01", "猫"))
    write(tmp_path, "notes.txt", "not a dictionary")
    loaded = load_dictionaries(tmp_path)
    assert [d.id for d in loaded] == ["animal", "colour"]
    colour = loaded[1]
    assert colour == Dictionary(
        id="colour",
        title="颜色",
        standard="local",
        entries=(
            DictionaryEntry(code="1", label="红", sort=1, aliases=("红色",)),
            DictionaryEntry(code="2", label="蓝", sort=2, protected=True, semantic="BLUE"),
        ),
    )
    assert load_dictionaries(str(tmp_path)) == loaded


def test_sort_defaults_to_the_position_in_the_file(tmp_path):
    write(
        tmp_path,
        "animal.toml",
        'id = "animal"\ntitle = "动物"' + entry_block("01", "猫") + entry_block("02", "狗"),
    )
    (animal,) = load_dictionaries(tmp_path)
    assert [e.sort for e in animal.entries] == [1, 2]


def test_the_shipped_data_folder_passes_the_same_checks():
    folder = resources.files("gridcore.domain.dictionaries.data")
    assert load_dictionaries(folder) == load_default_dictionaries()
    for dictionary in load_default_dictionaries():
        validate_dictionary(dictionary)


def test_the_error_is_a_gridcore_error_naming_the_file(tmp_path):
    bad = write(tmp_path, "colour.toml", GOOD.replace('label = "蓝"', 'label = "红"'))
    with pytest.raises(DictionaryDataError) as caught:
        load_dictionaries(tmp_path)
    assert isinstance(caught.value, GridcoreError)
    message = str(caught.value)
    assert str(bad) in message
    assert "第 2 项" in message
    assert "code='2'" in message
    assert "'红'" in message


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('id = "colour"\ntitle = "颜色"\nentries = [', "TOML"),
        ('title = "颜色"' + entry_block("1", "红"), "缺少必填键 id"),
        ('id = "colour"' + entry_block("1", "红"), "缺少必填键 title"),
        ('id = "colour"\ntitle = "颜色"\n', "缺少必填键 entries"),
        ('id = "colour"\ntitle = "颜色"\nentries = []\n', "entries"),
        ('id = "colour"\ntitle = "颜色"\ncolor = 1' + entry_block("1", "红"), "未知的键 color"),
        ('id = "Colour"\ntitle = "颜色"' + entry_block("1", "红"), "id 'Colour'"),
        ('id = "colour"\ntitle = ""' + entry_block("1", "红"), "title"),
        ('id = "colour"\ntitle = "颜色"\nsensitive = "yes"' + entry_block("1", "红"), "sensitive"),
        ('id = "colour"\ntitle = "颜色"\n[[entries]]\nlabel = "红"\n', "缺少必填键 code"),
        ('id = "colour"\ntitle = "颜色"' + entry_block("1", "红", "colour = 1"), "未知的键 colour"),
        ('id = "colour"\ntitle = "颜色"' + entry_block("1", " 红"), "首尾不能有空白"),
        ('id = "colour"\ntitle = "颜色"' + entry_block("1 2", "红"), "code '1 2'"),
        ('id = "colour"\ntitle = "颜色"' + entry_block("1", "红", "sort = true"), "sort"),
        ('id = "colour"\ntitle = "颜色"' + entry_block("1", "红", 'protected = "no"'), "protected"),
        ('id = "colour"\ntitle = "颜色"' + entry_block("1", "红", 'aliases = "赤"'), "aliases"),
        ('id = "colour"\ntitle = "颜色"' + entry_block("1", "红", 'semantic = "red"'), "semantic 'red'"),
        ('id = "colour"\ntitle = "颜色"' + entry_block("1", "红", "protected = true"), "semantic"),
        ('id = "colour"\ntitle = "颜色"' + entry_block("1", "红") + entry_block("1", "蓝"), "code '1'"),
        ('id = "colour"\ntitle = "颜色"' + entry_block("1", "红") + entry_block("2", "红"), "label '红'"),
        (
            'id = "colour"\ntitle = "颜色"' + entry_block("1", "红") + entry_block("2", "蓝", 'aliases = ["红"]'),
            "alias '红'",
        ),
        (
            'id = "colour"\ntitle = "颜色"' + entry_block("1", "红") + entry_block("2", "蓝", 'aliases = ["１"]'),
            "alias '１'",
        ),
        ('id = "colour"\ntitle = "颜色"' + entry_block("1", "红", 'aliases = ["红"]'), "alias '红'"),
        (
            'id = "colour"\ntitle = "颜色"'
            + entry_block("1", "红", 'semantic = "X"')
            + entry_block("2", "蓝", 'semantic = "X"'),
            "semantic 'X'",
        ),
        (
            'id = "colour"\ntitle = "颜色"' + entry_block("1", "红", "sort = 1") + entry_block("2", "蓝", "sort = 1"),
            "sort=1",
        ),
    ],
)
def test_malformed_files_fail_with_a_message_naming_the_file(tmp_path, text, fragment):
    bad = write(tmp_path, "colour.toml", text)
    with pytest.raises(DictionaryDataError, match=re.escape(str(bad))) as caught:
        load_dictionaries(tmp_path)
    assert fragment in str(caught.value)


def test_file_name_must_match_the_id(tmp_path):
    write(tmp_path, "color.toml", GOOD)
    with pytest.raises(DictionaryDataError, match=r"color\.toml.*colour\.toml"):
        load_dictionaries(tmp_path)


def test_sub_folders_are_not_read(tmp_path):
    write(tmp_path, "colour.toml", GOOD)
    nested = tmp_path / "more"
    nested.mkdir()
    write(nested, "paint.toml", GOOD.replace('id = "colour"', 'id = "paint"'))
    assert [d.id for d in load_dictionaries(tmp_path)] == ["colour"]


def test_ids_must_be_unique_across_folders(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    original = write(first, "colour.toml", GOOD)
    copy = write(second, "colour.toml", GOOD)
    with pytest.raises(DictionaryDataError) as caught:
        load_dictionaries(first, second)
    message = str(caught.value)
    assert str(copy) in message
    assert str(original) in message
    assert "'colour'" in message


def test_parse_dictionary_names_the_given_source():
    assert parse_dictionary(GOOD, source="inline").id == "colour"
    with pytest.raises(DictionaryDataError, match="词典数据文件 inline: "):
        parse_dictionary(GOOD + "oops", source="inline")


def test_a_file_that_is_not_utf8_is_an_error(tmp_path):
    bad = tmp_path / "colour.toml"
    bad.write_bytes(GOOD.encode("gb18030"))
    with pytest.raises(DictionaryDataError, match=re.escape(f"{bad}: 不是 UTF-8")):
        load_dictionaries(tmp_path)


def test_an_empty_folder_is_an_error(tmp_path):
    with pytest.raises(DictionaryDataError, match=r"没有 \.toml 文件"):
        load_dictionaries(tmp_path)


def test_validate_dictionary_checks_dictionaries_built_in_code():
    dictionary = Dictionary(
        id="demo",
        title="演示",
        entries=(DictionaryEntry(code="1", label="甲"), DictionaryEntry(code="2", label="甲")),
    )
    with pytest.raises(DictionaryDataError, match=r"<demo> 第 2 项 .*label '甲'"):
        validate_dictionary(dictionary)


def test_entries_built_in_code_may_share_the_default_sort():
    dictionary = Dictionary(
        id="demo",
        title="演示",
        entries=(DictionaryEntry(code="1", label="甲"), DictionaryEntry(code="2", label="乙")),
    )
    validate_dictionary(dictionary)


def test_an_alias_that_normalises_to_nothing_is_an_error():
    dictionary = Dictionary(
        id="demo", title="演示", entries=(DictionaryEntry(code="1", label="甲", aliases=("\u200b",)),)
    )
    with pytest.raises(DictionaryDataError, match="规范化后为空"):
        validate_dictionary(dictionary)
