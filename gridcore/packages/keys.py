"""The unit's keys: Ed25519 to sign packages (E2) and X25519 to receive encrypted ones (E3).

The private keys live in one key file outside the database, readable by its owner only (0600): a JSON
document with the unit's code and name. The public half is shared as one line::

    gcunit1:HQ:<base64url of the 32-byte Ed25519 key and the 32-byte X25519 key>

which a superior unit registers with ``gridcore keys trust NAME LINE``. The fingerprint people compare
on the phone is the first 16 hex digits of the SHA-256 of the signing key.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import re
import stat
from pathlib import Path
from typing import Any

import attrs
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from gridcore.errors import ConfigError
from gridcore.packages.codec import PackageError

LINE_PREFIX = "gcunit1"
KEY_FORMAT = "gridcore-unit-key"
CODE_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
KEY_BYTES = 32


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str, *, what: str) -> bytes:
    try:
        data = base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError):
        raise PackageError(f"{what} 不是有效的 base64") from None
    return data


def fingerprint_of(signing_key: bytes) -> str:
    return hashlib.sha256(signing_key).hexdigest()[:16]


def check_code(code: str) -> str:
    code = code.strip()
    if not CODE_PATTERN.match(code):
        raise ConfigError(f"单位代码 {code!r} 无效: 只能用字母、数字、- 和 _ (1-40 个字符), 例如 HQ")
    return code


@attrs.frozen(kw_only=True)
class PublicUnitKey:
    """What others know of a unit: its code and its two public keys (32 bytes each)."""

    code: str
    signing_key: bytes
    encryption_key: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint_of(self.signing_key)

    def line(self) -> str:
        raw = base64.urlsafe_b64encode(self.signing_key + self.encryption_key).decode("ascii").rstrip("=")
        return f"{LINE_PREFIX}:{self.code}:{raw}"

    @classmethod
    def parse(cls, text: str) -> PublicUnitKey:
        """Read a line printed by ``gridcore keys show``; anything else is one clear error."""
        parts = text.strip().split(":")
        if len(parts) != 3 or parts[0] != LINE_PREFIX:
            raise ConfigError(f"公钥格式不对: 应为 {LINE_PREFIX}:代码:密钥 (copy the whole line of gridcore keys show)")
        code = check_code(parts[1])
        try:
            raw = base64.urlsafe_b64decode(parts[2] + "=" * (-len(parts[2]) % 4))
        except ValueError:
            raise ConfigError("公钥格式不对: 密钥部分不是有效的 base64url") from None
        if len(raw) != 2 * KEY_BYTES:
            raise ConfigError(f"公钥长度不对: 应为 {2 * KEY_BYTES} 字节, 实际 {len(raw)} 字节")
        return cls(code=code, signing_key=raw[:KEY_BYTES], encryption_key=raw[KEY_BYTES:])

    def verify(self, signature: bytes, data: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.signing_key).verify(signature, data)
        except (InvalidSignature, ValueError):
            return False
        return True


@attrs.frozen(kw_only=True)
class UnitKey:
    """The unit's own keys (private), with its code and name."""

    code: str
    name: str
    signing: Ed25519PrivateKey
    encryption: X25519PrivateKey
    created_at: str = ""

    @classmethod
    def generate(cls, code: str, name: str, *, now: dt.datetime) -> UnitKey:
        return cls(
            code=check_code(code),
            name=name.strip() or code,
            signing=Ed25519PrivateKey.generate(),
            encryption=X25519PrivateKey.generate(),
            created_at=now.isoformat(timespec="seconds"),
        )

    @property
    def public(self) -> PublicUnitKey:
        return PublicUnitKey(
            code=self.code,
            signing_key=self.signing.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw),
            encryption_key=self.encryption.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw),
        )

    def sign(self, data: bytes) -> bytes:
        return self.signing.sign(data)

    def document(self) -> dict[str, Any]:
        def raw(key: Ed25519PrivateKey | X25519PrivateKey) -> str:
            return b64(key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()))

        return {
            "format": KEY_FORMAT,
            "version": 1,
            "code": self.code,
            "name": self.name,
            "created_at": self.created_at,
            "signing_private": raw(self.signing),
            "encryption_private": raw(self.encryption),
        }

    def write(self, path: Path) -> None:
        """Create the key file, readable by its owner only; an existing file is never overwritten."""
        path.parent.mkdir(parents=True, exist_ok=True)
        data = (json.dumps(self.document(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        try:
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            raise ConfigError(f"密钥文件 {path} 已存在: 不会覆盖 (an existing unit key is never replaced)") from None
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())

    @classmethod
    def read(cls, path: Path) -> UnitKey:
        """Load the key file; a missing, unreadable, open-to-others or malformed file is one line."""
        try:
            info = path.stat()
        except FileNotFoundError:
            raise ConfigError(
                f"找不到本单位密钥文件 {path}: 请先运行 gridcore keys init (or give --key-file)"
            ) from None
        if os.name == "posix" and info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise ConfigError(f"密钥文件 {path} 的权限过宽: 请运行 chmod 600 {path} (others can read it)")
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            if document.get("format") != KEY_FORMAT:
                raise ValueError("format")
            signing = Ed25519PrivateKey.from_private_bytes(unb64(document["signing_private"], what="签名私钥"))
            encryption = X25519PrivateKey.from_private_bytes(unb64(document["encryption_private"], what="加密私钥"))
            return cls(
                code=check_code(str(document["code"])),
                name=str(document.get("name") or document["code"]),
                signing=signing,
                encryption=encryption,
                created_at=str(document.get("created_at", "")),
            )
        except (OSError, ValueError, KeyError, TypeError, PackageError):
            raise ConfigError(f"密钥文件 {path} 无法读取或已损坏 (not a gridcore unit key file)") from None
