"""Opening a package: decrypt, check every member, verify the signature and every hash (E1, E2).

Nothing in a package is trusted until it is checked, and nothing is ever extracted under a name taken
from it: members are read as streams. In order:

1. ``.sql`` files and anything that is not a zip (after decryption) are refused (B6);
2. every member name is checked before anything is read: no absolute path, no ``..``, no backslash,
   no directory entry, no symbolic link, no duplicate, no encrypted member, sizes and compression
   ratios within :class:`Limits`;
3. the signature of ``manifest.json`` is verified against the accepted keys, then the manifest is
   validated against its schema;
4. the members must be exactly the manifest, its signature and the listed data files;
5. every data file is read once to check its size, row count and SHA-256.

Only then does a caller touch the database; while loading, :meth:`OpenedPackage.lines` checks each
file's hash again at its end, so a file changed in between still fails (and rolls back).
"""

from __future__ import annotations

import hashlib
import json
import re
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import attrs

from gridcore.packages import manifest
from gridcore.packages.codec import PackageError
from gridcore.packages.envelope import decrypt_file, is_encrypted
from gridcore.packages.keys import PublicUnitKey, UnitKey, fingerprint_of, unb64

GIB = 1 << 30
MIB = 1 << 20
_DRIVE = re.compile(r"^[A-Za-z]:")


@attrs.frozen(kw_only=True)
class Limits:
    """Size limits of an accepted package (defaults fit a district's data with a wide margin)."""

    package_bytes: int = 8 * GIB
    member_bytes: int = 8 * GIB
    total_bytes: int = 32 * GIB
    manifest_bytes: int = 16 * MIB
    line_bytes: int = 16 * MIB
    members: int = 2002
    ratio: int = 200
    ratio_floor: int = MIB


DEFAULT_LIMITS = Limits()


def check_member_name(name: str) -> None:
    """Refuse a member name that could point outside a folder or is not a plain relative path."""
    parts = name.split("/")
    if (
        not name
        or "\\" in name
        or "\x00" in name
        or name.startswith("/")
        or _DRIVE.match(name)
        or any(part in {"", ".", ".."} for part in parts)
    ):
        raise PackageError(f"数据包含有不安全的文件名 {name!r}: 已拒绝 (absolute path or '..' in member name)")


def _check_members(infos: Sequence[zipfile.ZipInfo], limits: Limits) -> None:
    if len(infos) > limits.members:
        raise PackageError(f"数据包的文件数 {len(infos)} 超过上限 {limits.members}")
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        check_member_name(name.rstrip("/") if info.is_dir() else name)
        if info.is_dir():
            raise PackageError(f"数据包含有意外的目录 {name!r}: 已拒绝 (unexpected entry)")
        if stat.S_ISLNK(info.external_attr >> 16):
            raise PackageError(f"数据包含有符号链接 {name!r}: 已拒绝 (symlink)")
        if info.flag_bits & 0x1:
            raise PackageError(f"数据包中的 {name!r} 使用了 zip 加密: 已拒绝")
        if name in seen:
            raise PackageError(f"数据包中的 {name!r} 重复出现: 已拒绝 (duplicate member)")
        seen.add(name)
        if info.file_size > limits.member_bytes:
            raise PackageError(f"数据包中的 {name} 超过 {limits.member_bytes} 字节的上限 (too large)")
        total += info.file_size
        if total > limits.total_bytes:
            raise PackageError(f"数据包解压后超过 {limits.total_bytes} 字节的上限 (too large)")
        if info.file_size > limits.ratio_floor and info.file_size > limits.ratio * max(info.compress_size, 1):
            raise PackageError(f"数据包中的 {name} 压缩比过高, 疑似压缩炸弹: 已拒绝 (compression ratio)")


class OpenedPackage:
    """A package whose members, signature, manifest and hashes have been checked."""

    def __init__(self, path: Path, archive: zipfile.ZipFile, handle: IO[bytes], limits: Limits) -> None:
        self.path = path
        self._archive = archive
        self._handle = handle
        self.limits = limits
        self.manifest: dict[str, Any] = {}
        self.signer: PublicUnitKey | None = None

    def __enter__(self) -> OpenedPackage:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._archive.close()
        self._handle.close()

    @property
    def kind(self) -> str:
        return str(self.manifest["kind"])

    @property
    def tables(self) -> list[dict[str, Any]]:
        return list(self.manifest["tables"])

    def table(self, name: str) -> dict[str, Any] | None:
        return next((table for table in self.tables if table["name"] == name), None)

    def _read_small(self, name: str) -> bytes:
        info = self._archive.getinfo(name)
        if info.file_size > self.limits.manifest_bytes:
            raise PackageError(f"数据包中的 {name} 过大 (too large)")
        with self._archive.open(info) as member:
            data = member.read(self.limits.manifest_bytes + 1)
        if len(data) > self.limits.manifest_bytes:
            raise PackageError(f"数据包中的 {name} 过大 (too large)")
        return data

    def lines(self, entry: dict[str, Any]) -> Iterator[bytes]:
        """The JSON lines of one data file; its size, row count and SHA-256 are checked as it is read."""
        digest = hashlib.sha256()
        size = rows = 0
        declared = int(entry["bytes"])
        with self._archive.open(entry["file"]) as member:
            while True:
                try:
                    raw = member.readline(self.limits.line_bytes + 1)
                except (zipfile.BadZipFile, zlib.error, EOFError) as error:
                    raise PackageError(f"数据包中的 {entry['file']} 已损坏: {error}") from None
                if not raw:
                    break
                size += len(raw)
                if len(raw) > self.limits.line_bytes or size > declared:
                    raise PackageError(f"数据包中的 {entry['file']} 与清单不符: 大小不对 (size mismatch)")
                if not raw.endswith(b"\n"):
                    raise PackageError(f"数据包中的 {entry['file']} 的最后一行不完整 (truncated line)")
                digest.update(raw)
                rows += 1
                yield raw
        if size != declared or rows != int(entry["rows"]) or digest.hexdigest() != entry["sha256"]:
            raise PackageError(f"数据包中的 {entry['file']} 的校验值与清单不符: 文件已损坏或被篡改 (SHA-256 mismatch)")

    def verify_files(self) -> None:
        for entry in self.tables:
            for _ in self.lines(entry):
                pass

    def _verify(self, accepted: Sequence[PublicUnitKey], kind: str | None) -> None:
        names = {info.filename for info in self._archive.infolist()}
        for required in (manifest.MANIFEST, manifest.SIGNATURE):
            if required not in names:
                raise PackageError(f"数据包缺少 {required}: 不是 gridcore 数据包 (missing {required})")
        raw = self._read_small(manifest.MANIFEST)
        self.signer = _check_signature(raw, self._read_small(manifest.SIGNATURE), accepted)
        self.manifest = manifest.parse(raw)
        sender = self.manifest["sender"]
        if sender["fingerprint"] != self.signer.fingerprint or sender["code"] != self.signer.code:
            raise PackageError(
                f"数据包声称来自 {sender['code']} (指纹 {sender['fingerprint']}), 但签名者是 "
                f"{self.signer.code} (指纹 {self.signer.fingerprint}): 已拒绝 (sender mismatch)"
            )
        if kind is not None and self.manifest["kind"] != kind:
            wanted = {"backup": "备份", "report": "上报数据包"}
            raise PackageError(
                f"这是{wanted.get(self.manifest['kind'], self.manifest['kind'])}, 不是{wanted.get(kind, kind)}: 已拒绝"
            )
        expected = {manifest.MANIFEST, manifest.SIGNATURE} | {table["file"] for table in self.tables}
        unexpected = sorted(names - expected)
        if unexpected:
            raise PackageError(f"数据包含有清单之外的文件 {', '.join(unexpected)}: 已拒绝 (unexpected file)")
        missing = sorted(expected - names)
        if missing:
            raise PackageError(f"数据包缺少清单列出的文件 {', '.join(missing)} (missing file)")
        self.verify_files()


def _check_signature(raw: bytes, signature_raw: bytes, accepted: Sequence[PublicUnitKey]) -> PublicUnitKey:
    try:
        document = json.loads(signature_raw)
        signature = unb64(str(document["signature"]), what="签名")
        hinted = unb64(str(document.get("key", "")), what="签名公钥")
    except (ValueError, KeyError, TypeError):
        raise PackageError("数据包的签名文件 manifest.sig 无效 (malformed signature)") from None
    for key in accepted:
        if key.verify(signature, raw):
            return key
    if len(hinted) == 32 and PublicUnitKey(code="?", signing_key=hinted, encryption_key=bytes(32)).verify(
        signature, raw
    ):
        raise PackageError(
            f"数据包的签名者 (指纹 {fingerprint_of(hinted)}) 不是受信任的单位: 已拒绝 "
            "(signed by an untrusted key; register it with gridcore keys trust)"
        )
    raise PackageError("数据包的签名无效: 清单已被篡改或签名不符 (bad signature)")


def open_package(
    path: Path,
    *,
    accepted: Sequence[PublicUnitKey],
    own_key: UnitKey | None = None,
    kind: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> OpenedPackage:
    """Open and fully verify ``path``; ``accepted`` are the signing keys trusted for it."""
    if path.suffix.lower() == ".sql":
        raise PackageError(f"{path.name} 是 SQL 文件: gridcore 只接受自己的数据包, 从不执行 SQL (refused)")
    try:
        size = path.stat().st_size
    except OSError as error:
        raise PackageError(f"无法读取数据包 {path}: {error.strerror}") from None
    if size > limits.package_bytes:
        raise PackageError(f"数据包 {path.name} 超过 {limits.package_bytes} 字节的上限 (too large)")
    handle: IO[bytes]
    if is_encrypted(path):
        if own_key is None:
            raise PackageError("数据包已加密: 需要本单位的密钥文件才能打开 (--key-file)")
        handle = tempfile.TemporaryFile()  # noqa: SIM115 - closed with the package
        try:
            decrypt_file(path, handle, own_key, max_bytes=limits.package_bytes)
            handle.seek(0)
        except BaseException:
            handle.close()
            raise
    else:
        handle = path.open("rb")
    try:
        if not zipfile.is_zipfile(handle):
            raise PackageError(f"{path.name} 不是 gridcore 数据包 (not a zip package)")
        handle.seek(0)
        try:
            archive = zipfile.ZipFile(handle)
        except (zipfile.BadZipFile, zipfile.LargeZipFile) as error:
            raise PackageError(f"{path.name} 不是有效的 zip 数据包: {error}") from None
        _check_members(archive.infolist(), limits)
        opened = OpenedPackage(path, archive, handle, limits)
        try:
            opened._verify(accepted, kind)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
            raise PackageError(f"数据包 {path.name} 已损坏: {error}") from None
        return opened
    except BaseException:
        handle.close()
        raise
