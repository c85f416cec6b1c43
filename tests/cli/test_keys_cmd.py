"""``gridcore keys``: init (0600, never overwritten), show (one line), trust, list, untrust."""

from __future__ import annotations

import datetime as dt
import json
import stat

import pytest

from gridcore.packages.keys import PublicUnitKey, UnitKey
from gridcore.testing.security import add_operator


@pytest.fixture
def keys_cli(cli):
    """``keys`` commands are the security administrator's (三权分立): run them as one."""
    officers = {}

    def run(app, *args, **options):
        if id(app) not in officers:
            officers[id(app)] = add_operator(app, f"sec{len(officers)}", group="安全管理员")
        return cli(app, *args, actor=officers[id(app)], **options)

    return run


def test_init_show_and_trust(gridcore_app, keys_cli, tmp_path):
    cli = keys_cli
    key_file = tmp_path / "keys" / "hq.key"
    result = cli(gridcore_app, "keys", "init", "--code", "HQ", "--name", "红旗社区", "--key-file", str(key_file))
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert "指纹" in result.output
    shown = cli(gridcore_app, "keys", "show", "--key-file", str(key_file))
    assert shown.exit_code == 0, shown.output
    line = shown.output.strip()
    assert len(shown.output.strip().splitlines()) == 1
    assert line.startswith("gcunit1:HQ:")
    assert PublicUnitKey.parse(line) == UnitKey.read(key_file).public
    again = cli(gridcore_app, "keys", "init", "--code", "HQ", "--key-file", str(key_file))
    assert again.exit_code != 0
    assert "不会覆盖" in again.output
    trusted = cli(gridcore_app, "keys", "trust", "红旗社区", line)
    assert trusted.exit_code == 0, trusted.output
    listing = cli(gridcore_app, "keys", "list", "--format", "json")
    [row] = json.loads(listing.output)
    assert (row["代码"], row["名称"]) == ("HQ", "红旗社区")
    removed = cli(gridcore_app, "keys", "untrust", "HQ")
    assert removed.exit_code == 0
    assert json.loads(cli(gridcore_app, "keys", "list", "--format", "json").output) == []


def test_key_file_from_the_environment_and_code_from_the_edition(make_app, keys_cli, tmp_path, monkeypatch):
    cli = keys_cli
    app = make_app(branding={"unit_code": "DC", "unit_name": "东城街道"})
    monkeypatch.setenv("GRIDCORE_KEY_FILE", str(tmp_path / "env.key"))
    result = cli(app, "keys", "init")
    assert result.exit_code == 0, result.output
    key = UnitKey.read(tmp_path / "env.key")
    assert (key.code, key.name) == ("DC", "东城街道")
    shown = json.loads(cli(app, "keys", "show", "--format", "json").output)
    assert shown["code"] == "DC"
    assert shown["fingerprint"] == key.public.fingerprint


def test_without_a_code_init_says_what_to_do(gridcore_app, keys_cli, tmp_path):
    cli = keys_cli
    result = cli(gridcore_app, "keys", "init", "--key-file", str(tmp_path / "x.key"))
    assert result.exit_code != 0
    assert "--code" in result.output
    assert "Traceback" not in result.output


def test_a_different_key_for_a_trusted_code_needs_replace(gridcore_app, keys_cli, tmp_path):
    cli = keys_cli
    first = UnitKey.generate("HQ", "红旗社区", now=dt.datetime.now(dt.UTC))
    second = UnitKey.generate("HQ", "红旗社区", now=dt.datetime.now(dt.UTC))
    assert cli(gridcore_app, "keys", "trust", "红旗社区", first.public.line()).exit_code == 0
    refused = cli(gridcore_app, "keys", "trust", "红旗社区", second.public.line())
    assert refused.exit_code != 0
    assert "--replace" in refused.output
    replaced = cli(gridcore_app, "keys", "trust", "红旗社区", second.public.line(), "--replace")
    assert replaced.exit_code == 0
    bad = cli(gridcore_app, "keys", "trust", "红旗社区", "not-a-key")
    assert bad.exit_code != 0
    assert "公钥格式不对" in bad.output


def test_keys_are_the_security_administrators(gridcore_app, cli, tmp_path):
    for actor in (None, add_operator(gridcore_app, "viewer", group="查询员")):
        result = cli(gridcore_app, "keys", "list", actor=actor)
        assert result.exit_code != 0
        assert "keys.manage" in result.output
