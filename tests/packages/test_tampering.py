"""Tampered, foreign and malicious packages are refused before the database is touched (E1, E2, B2, B6)."""

from __future__ import annotations

import json
import os
import zipfile

import pytest
from sqlalchemy import select

from gridcore.packages.codec import PackageError
from gridcore.packages.reader import Limits, open_package
from gridcore.security.models import AuditRecord
from gridcore.services import backups
from gridcore.testing import run_service

from .conftest import hashes, make_key


@pytest.fixture
def backup(town, unit_key, tmp_path):
    out = tmp_path / "good.gcpkg"
    run_service(town, backups.backup, out, key=unit_key)
    return out


def rewrite(source, target, *, change=None, extra=(), drop=(), raw_members=()):
    """A copy of the zip ``source`` with members changed (``change[name](bytes) -> bytes``), added or dropped."""
    change = change or {}
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename in drop:
                continue
            data = old.read(info)
            if info.filename in change:
                data = change[info.filename](data)
            new.writestr(info, data)
        for name, data in extra:
            new.writestr(name, data)
        for info, data in raw_members:
            new.writestr(info, data)
    return target


def flip(data, at=None):
    index = len(data) // 2 if at is None else at
    return data[:index] + bytes([data[index] ^ 0x01]) + data[index + 1 :]


def refused(app, path, key, match):
    """Restoring ``path`` is refused with ``match``; the data is unchanged and the refusal audited."""
    before = hashes(app)
    with pytest.raises(PackageError, match=match):
        run_service(app, backups.restore, path, key=key)
    assert hashes(app) == before
    with app.db.read_session() as session:
        last = session.execute(select(AuditRecord).order_by(AuditRecord.id.desc()).limit(1)).scalar_one()
    assert (last.event_type, last.result) == ("restore", "failure")


def test_flipped_byte_in_a_data_file(town, unit_key, backup, tmp_path):
    bad = rewrite(backup, tmp_path / "bad.gcpkg", change={"data/core_resident.jsonl": flip})
    refused(town, bad, unit_key, "SHA-256 mismatch")


def test_flipped_byte_in_the_raw_package(town, unit_key, backup, tmp_path):
    data = backup.read_bytes()
    bad = tmp_path / "raw.gcpkg"
    bad.write_bytes(flip(data, at=200))  # inside the first data file's compressed bytes
    refused(town, bad, unit_key, "损坏|SHA-256|不是")


def test_flipped_byte_in_the_manifest(town, unit_key, backup, tmp_path):
    def edit(raw):
        return raw.replace(b'"rows": 3', b'"rows": 4', 1) if b'"rows": 3' in raw else flip(raw)

    bad = rewrite(backup, tmp_path / "bad.gcpkg", change={"manifest.json": edit})
    refused(town, bad, unit_key, "签名无效")


def test_signed_with_an_untrusted_key(town, unit_key, tmp_path):
    stranger = make_key(tmp_path, "XX", "陌生单位", "stranger.key")
    out = tmp_path / "stranger.gcpkg"
    run_service(town, backups.backup, out, key=stranger)
    refused(town, out, unit_key, "不是受信任的单位")


def test_consistent_resigned_package_with_another_key_is_still_refused(town, unit_key, backup, tmp_path):
    """An attacker who rewrites data, hashes and manifest can sign only with a key of their own."""
    stranger = make_key(tmp_path, "DC", "东城街道", "impostor.key")
    with zipfile.ZipFile(backup) as package:
        manifest = json.loads(package.read("manifest.json"))
    manifest["sender"]["fingerprint"] = stranger.public.fingerprint
    raw = json.dumps(manifest).encode()
    signature = json.dumps(
        {"alg": "Ed25519", "key": "", "signature": __import__("base64").b64encode(stranger.sign(raw)).decode()}
    ).encode()
    bad = rewrite(
        backup,
        tmp_path / "resigned.gcpkg",
        change={"manifest.json": lambda _: raw, "manifest.sig": lambda _: signature},
    )
    refused(town, bad, unit_key, "签名")


@pytest.mark.parametrize(
    ("name", "match"),
    [
        ("../evil.txt", "不安全的文件名"),
        ("/etc/evil", "不安全的文件名"),
        ("data/../../evil", "不安全的文件名"),
        ("data\\evil.jsonl", "不安全的文件名"),
        ("C:/evil", "不安全的文件名"),
        ("dump.sql", "清单之外的文件"),
        ("data/extra.jsonl", "清单之外的文件"),
    ],
)
def test_unexpected_or_unsafe_members_are_refused(town, unit_key, backup, tmp_path, name, match):
    outside = tmp_path.parent / "evil.txt"
    bad = rewrite(backup, tmp_path / "zipslip.gcpkg", extra=[(name, b"DROP TABLE core_resident;")])
    refused(town, bad, unit_key, match)
    assert not outside.exists()
    assert not (tmp_path / "evil.txt").exists()


def test_symlink_member_is_refused(town, unit_key, backup, tmp_path):
    info = zipfile.ZipInfo("data/link.jsonl")
    info.external_attr = 0o120777 << 16
    bad = rewrite(backup, tmp_path / "link.gcpkg", raw_members=[(info, b"/etc/passwd")])
    refused(town, bad, unit_key, "符号链接")


def test_directory_entry_is_refused(town, unit_key, backup, tmp_path):
    bad = rewrite(backup, tmp_path / "dir.gcpkg", extra=[("data/sub/", b"")])
    refused(town, bad, unit_key, "意外的目录")


def test_missing_data_file_is_refused(town, unit_key, backup, tmp_path):
    bad = rewrite(backup, tmp_path / "missing.gcpkg", drop={"data/core_household.jsonl"})
    refused(town, bad, unit_key, "缺少清单列出的文件")


def test_sql_input_is_refused(town, unit_key, tmp_path):
    dump = tmp_path / "backup.sql"
    dump.write_text("DROP TABLE core_resident;", encoding="utf-8")
    refused(town, dump, unit_key, "SQL")
    renamed = tmp_path / "backup.gcpkg"
    renamed.write_text("-- pg_dump\nDROP TABLE core_resident;", encoding="utf-8")
    refused(town, renamed, unit_key, "不是 gridcore 数据包")


def test_over_limit_sizes_are_refused(unit_key, backup):
    with pytest.raises(PackageError, match="上限"):
        open_package(backup, accepted=[unit_key.public], limits=Limits(member_bytes=100))
    with pytest.raises(PackageError, match="上限"):
        open_package(backup, accepted=[unit_key.public], limits=Limits(package_bytes=100))
    with pytest.raises(PackageError, match="文件数"):
        open_package(backup, accepted=[unit_key.public], limits=Limits(members=3))


def test_compression_bomb_is_refused_before_reading(unit_key, backup, tmp_path):
    bomb = rewrite(backup, tmp_path / "bomb.gcpkg", extra=[("data/bomb.jsonl", b"0" * (8 << 20))])
    with pytest.raises(PackageError, match="压缩比"):
        open_package(bomb, accepted=[unit_key.public])


def test_a_package_of_the_other_kind_is_refused(town, unit_key, tmp_path):
    from gridcore.services import exchange

    out = tmp_path / "report.gcpkg"
    run_service(town, exchange.report, out, key=unit_key)
    refused(town, out, unit_key, "不是备份")


def test_truncated_encrypted_package_is_refused(town, unit_key, tmp_path):
    out = tmp_path / "enc.gcpkg"
    run_service(town, backups.backup, out, key=unit_key, encrypt=True)
    data = out.read_bytes()
    cut = tmp_path / "cut.gcpkg"
    cut.write_bytes(data[: len(data) - 10])
    refused(town, cut, unit_key, "不完整|篡改")
    flipped = tmp_path / "flipped.gcpkg"
    flipped.write_bytes(flip(data))
    refused(town, flipped, unit_key, "篡改")


def test_nothing_is_left_in_the_temp_folder_of_the_package(backup, unit_key, tmp_path):
    before = set(os.listdir(tmp_path))
    with open_package(backup, accepted=[unit_key.public]) as package:
        assert package.kind == "backup"
    assert set(os.listdir(tmp_path)) == before
