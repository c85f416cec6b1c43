"""The package format: manifest schema and content, typed values, keys and the encryption envelope (E1)."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import io
import json
import os
import stat
import zipfile
from decimal import Decimal

import pytest

from gridcore.errors import ConfigError
from gridcore.packages import manifest
from gridcore.packages.codec import PackageError, decode_value, encode_value
from gridcore.packages.envelope import decrypt_file, encrypt_file
from gridcore.packages.keys import PublicUnitKey, UnitKey
from gridcore.services import backups, exchange
from gridcore.testing import run_service

from .conftest import NOW, make_key


def read_manifest(path):
    with zipfile.ZipFile(path) as package:
        return json.loads(package.read("manifest.json")), package


def test_backup_manifest_content(town, unit_key, tmp_path):
    out = tmp_path / "b.gcpkg"
    run_service(town, backups.backup, out, key=unit_key)
    document, _ = read_manifest(out)
    manifest.validate(document)
    assert document["format"] == "gridcore-package"
    assert document["kind"] == "backup"
    assert document["sender"] == {"code": "DC", "name": "东城街道", "fingerprint": unit_key.public.fingerprint}
    [core] = [state for state in town.migrations.states() if state.plugin == "core"]
    assert document["schema"]["heads"]["core"] == core.head == core.current
    assert document["schema"]["plugins"]["core"]
    names = {table["name"] for table in document["tables"]}
    assert {"core_region", "core_household", "core_resident", "core_dictionary_entry", "core_audit"} <= names
    assert "core_session" not in names
    with zipfile.ZipFile(out) as package:
        members = set(package.namelist())
        assert members == {"manifest.json", "manifest.sig"} | {t["file"] for t in document["tables"]}
        for table in document["tables"]:
            data = package.read(table["file"])
            assert hashlib.sha256(data).hexdigest() == table["sha256"]
            assert len(data) == table["bytes"]
            assert data.count(b"\n") == table["rows"]
            assert not data or all(isinstance(json.loads(line), list) for line in data.splitlines())
    resident = next(t for t in document["tables"] if t["name"] == "core_resident")
    kinds = {field["name"]: field["type"] for field in resident["fields"]}
    assert kinds["birth_date"] == "date"
    assert kinds["created_at"] == "datetime"
    assert kinds["is_dibao"] == "boolean"


def test_report_manifest_has_sequence_and_natural_keys(town, unit_key, tmp_path):
    first, second = tmp_path / "1.gcpkg", tmp_path / "2.gcpkg"
    run_service(town, exchange.report, first, key=unit_key)
    run_service(town, exchange.report, second, key=unit_key, region="HQ")
    one, _ = read_manifest(first)
    two, _ = read_manifest(second)
    assert (one["kind"], one["sequence"], two["sequence"], two["scope"]) == ("report", 1, 2, "HQ")
    assert one["package_id"] != two["package_id"]
    keys = {table["name"]: table["key"] for table in one["tables"]}
    assert keys["core_region"] == ["code"]
    assert keys["core_household"] == ["household_no"]
    assert keys["core_building"] == ["compound_id", "building_no"]
    assert next(t["name"] for t in one["tables"]) == "core_region"


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("format",), "other"),
        (("format_version",), 2),
        (("kind",), "script"),
        (("package_id",), "../x"),
        (("sequence",), -1),
        (("sender", "fingerprint"), "zz"),
        (("tables", 0, "file"), "../../etc/passwd"),
        (("tables", 0, "sha256"), "abc"),
        (("tables", 0, "fields", 0, "type"), "sql"),
        (("tables", 0, "rows"), True),
        (("extra",), 1),
    ],
)
def test_manifest_schema_rejects(path, value):
    document = {
        "format": "gridcore-package",
        "format_version": 1,
        "kind": "backup",
        "package_id": "0" * 32,
        "created_at": "2026-11-29T08:00:00+00:00",
        "sender": {"code": "DC", "name": "东城街道", "fingerprint": "0" * 16},
        "sequence": 0,
        "schema": {"heads": {"core": "c0005_exchange"}, "plugins": {"core": "0.1.0"}},
        "tables": [
            {
                "name": "core_region",
                "file": "data/core_region.jsonl",
                "rows": 0,
                "bytes": 0,
                "sha256": "0" * 64,
                "fields": [{"name": "id", "type": "integer"}],
            }
        ],
    }
    manifest.validate(document)
    broken = copy.deepcopy(document)
    target = broken
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    with pytest.raises(PackageError, match="manifest"):
        manifest.validate(broken)


def test_manifest_file_names_must_match_tables():
    raw = json.dumps(
        {
            "format": "gridcore-package",
            "format_version": 1,
            "kind": "backup",
            "package_id": "0" * 32,
            "created_at": "2026-11-29T08:00:00",
            "sender": {"code": "DC", "name": "x", "fingerprint": "0" * 16},
            "sequence": 0,
            "schema": {"heads": {}, "plugins": {}},
            "tables": [
                {
                    "name": "core_region",
                    "file": "data/core_household.jsonl",
                    "rows": 0,
                    "bytes": 0,
                    "sha256": "0" * 64,
                    "fields": [{"name": "id", "type": "integer"}],
                }
            ],
        }
    ).encode()
    with pytest.raises(PackageError, match="文件名"):
        manifest.parse(raw)


@pytest.mark.parametrize(
    ("kind", "value", "encoded"),
    [
        ("integer", 42, 42),
        ("boolean", False, False),
        ("string", "红旗社区", "红旗社区"),
        ("decimal", Decimal("86.5"), "86.50"),
        ("float", 116.397, 116.397),
        ("float", float("inf"), "inf"),
        ("date", dt.date(1950, 1, 1), "1950-01-01"),
        (
            "datetime",
            dt.datetime(2026, 11, 29, 16, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))),
            "2026-11-29T08:00:00.000000+00:00",
        ),
        ("datetime", dt.datetime(2026, 11, 29, 8, 0), "2026-11-29T08:00:00.000000+00:00"),
        ("timestamp", dt.datetime(2026, 11, 29, 8, 0), "2026-11-29T08:00:00.000000"),
        ("binary", b"\x00\xff", "AP8="),
        ("string", None, None),
    ],
)
def test_values_are_typed_and_engine_neutral(kind, value, encoded):
    scale = 2 if kind == "decimal" else None
    assert encode_value(kind, value, scale=scale) == encoded
    back = decode_value(kind, encoded)
    assert encode_value(kind, back, scale=scale) == encoded


@pytest.mark.parametrize(("kind", "value"), [("integer", "1"), ("integer", True), ("date", 19500101), ("boolean", 1)])
def test_values_of_the_wrong_shape_are_refused(kind, value):
    with pytest.raises(PackageError):
        decode_value(kind, value)


def test_key_file_is_private_and_never_overwritten(tmp_path):
    key = make_key(tmp_path)
    path = tmp_path / "unit.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with pytest.raises(ConfigError, match="不会覆盖"):
        key.write(path)
    again = UnitKey.read(path)
    assert again.public == key.public
    os.chmod(path, 0o644)
    with pytest.raises(ConfigError, match="chmod 600"):
        UnitKey.read(path)
    with pytest.raises(ConfigError, match="keys init"):
        UnitKey.read(tmp_path / "missing.key")


def test_public_key_line_round_trip_and_signature():
    key = UnitKey.generate("HQ", "红旗社区", now=NOW)
    line = key.public.line()
    assert line.startswith("gcunit1:HQ:")
    assert "\n" not in line
    parsed = PublicUnitKey.parse(line)
    assert parsed == key.public
    signature = key.sign(b"data")
    assert parsed.verify(signature, b"data")
    assert not parsed.verify(signature, b"date")
    for bad in ("gcunit1:HQ", "ssh-ed25519 AAAA", "gcunit1:H Q:abc", "gcunit1:HQ:" + "A" * 10):
        with pytest.raises(ConfigError):
            PublicUnitKey.parse(bad)


def test_envelope_opens_only_for_the_receiver(tmp_path):
    receiver = UnitKey.generate("DC", "东城街道", now=NOW)
    other = UnitKey.generate("DC", "东城街道", now=NOW)
    plain = tmp_path / "plain.bin"
    plain.write_bytes(os.urandom(3 << 20) + b"tail")
    sealed = tmp_path / "sealed.bin"
    with sealed.open("wb") as out:
        encrypt_file(plain, out, receiver.public)
    opened = io.BytesIO()
    decrypt_file(sealed, opened, receiver, max_bytes=1 << 30)
    assert opened.getvalue() == plain.read_bytes()
    with pytest.raises(PackageError, match="无法打开"):
        decrypt_file(sealed, io.BytesIO(), other, max_bytes=1 << 30)
    with pytest.raises(PackageError, match="上限"):
        decrypt_file(sealed, io.BytesIO(), receiver, max_bytes=1 << 20)
