"""Encrypting a package for its receiver (E3): X25519 key agreement, HKDF-SHA256, AES-256-GCM in chunks.

An encrypted package is the signed zip wrapped in an envelope::

    GCPKENC1\\n | header length (4 bytes, big-endian) | header (JSON) | chunk | chunk | ...

Each chunk is a 4-byte length and the AES-GCM ciphertext of up to 1 MiB of the zip. The nonce is the
header's 8-byte prefix and the chunk counter; the associated data is the header and a flag marking the
last chunk, so reordering, dropping, truncating or changing anything fails authentication. Memory stays
flat whatever the package's size. Only the holder of the receiver's X25519 private key can open it.
"""

from __future__ import annotations

import json
import os
import struct
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from gridcore.packages.codec import PackageError
from gridcore.packages.keys import PublicUnitKey, UnitKey, b64, fingerprint_of, unb64

MAGIC = b"GCPKENC1\n"
ALGORITHM = "X25519-HKDF-SHA256-AES256GCM-1MiB"
CHUNK = 1 << 20
TAG = 16
MAX_HEADER = 4096


def is_encrypted(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC


def _key(shared: bytes, salt: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    info = b"gridcore package v1" + ephemeral + recipient
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(shared)


def _nonce(prefix: bytes, counter: int) -> bytes:
    return prefix + struct.pack(">I", counter)


def encrypt_file(source: Path, target: BinaryIO, recipient: PublicUnitKey) -> None:
    """Write ``source`` encrypted for ``recipient`` to the open file ``target``."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient.encryption_key))
    salt, prefix = os.urandom(16), os.urandom(8)
    header = json.dumps(
        {
            "alg": ALGORITHM,
            "recipient": recipient.code,
            "recipient_fingerprint": recipient.fingerprint,
            "ephemeral": b64(ephemeral_public),
            "salt": b64(salt),
            "nonce_prefix": b64(prefix),
        },
        sort_keys=True,
        separators=(",", ":"),
    ).encode("utf-8")
    aead = AESGCM(_key(shared, salt, ephemeral_public, recipient.encryption_key))
    target.write(MAGIC + struct.pack(">I", len(header)) + header)
    size = source.stat().st_size
    counter = 0
    with source.open("rb") as plain:
        while True:
            block = plain.read(CHUNK)
            last = plain.tell() >= size
            sealed = aead.encrypt(_nonce(prefix, counter), block, header + (b"\x01" if last else b"\x00"))
            target.write(struct.pack(">I", len(sealed)) + sealed)
            counter += 1
            if last:
                return


def _read_exact(handle: BinaryIO, count: int) -> bytes:
    data = handle.read(count)
    if len(data) != count:
        raise PackageError("加密数据包不完整 (truncated)")
    return data


def decrypt_file(source: Path, target: BinaryIO, own: UnitKey, *, max_bytes: int) -> None:
    """Decrypt ``source`` with the unit's own key into ``target``; anything amiss is refused."""
    with source.open("rb") as sealed:
        if sealed.read(len(MAGIC)) != MAGIC:
            raise PackageError("不是加密的数据包")
        (length,) = struct.unpack(">I", _read_exact(sealed, 4))
        if length > MAX_HEADER:
            raise PackageError("加密数据包的头部过大 (malformed)")
        header = _read_exact(sealed, length)
        try:
            info = json.loads(header)
            if info["alg"] != ALGORITHM:
                raise PackageError(f"不支持的加密算法 {info['alg']!r}")
            ephemeral = unb64(info["ephemeral"], what="临时公钥")
            salt = unb64(info["salt"], what="salt")
            prefix = unb64(info["nonce_prefix"], what="nonce")
            wanted = str(info.get("recipient_fingerprint", ""))
            recipient = str(info.get("recipient", ""))
        except (ValueError, KeyError, TypeError):
            raise PackageError("加密数据包的头部无效 (malformed header)") from None
        mine = own.public
        if wanted != mine.fingerprint:
            raise PackageError(
                f"此数据包是加密给单位 {recipient} (指纹 {wanted}) 的, 本单位 {mine.code} (指纹 "
                f"{fingerprint_of(mine.signing_key)}) 无法打开 (encrypted for another receiver)"
            )
        if len(prefix) != 8 or len(ephemeral) != 32:
            raise PackageError("加密数据包的头部无效 (malformed header)")
        try:
            shared = own.encryption.exchange(X25519PublicKey.from_public_bytes(ephemeral))
        except ValueError:
            raise PackageError("加密数据包的临时公钥无效") from None
        aead = AESGCM(_key(shared, salt, ephemeral, mine.encryption_key))
        counter = written = 0
        while True:
            raw = sealed.read(4)
            if len(raw) < 4:
                raise PackageError("加密数据包不完整: 缺少最后一块 (truncated)")
            (size,) = struct.unpack(">I", raw)
            if size > CHUNK + TAG:
                raise PackageError("加密数据包的分块过大 (malformed)")
            block = _read_exact(sealed, size)
            last = sealed.peek(1) == b""
            try:
                plain = aead.decrypt(_nonce(prefix, counter), block, header + (b"\x01" if last else b"\x00"))
            except InvalidTag:
                raise PackageError("加密数据包无法解密: 已被篡改或密钥不符 (authentication failed)") from None
            written += len(plain)
            if written > max_bytes:
                raise PackageError(f"加密数据包解密后超过 {max_bytes} 字节的上限 (too large)")
            target.write(plain)
            counter += 1
            if last:
                return
