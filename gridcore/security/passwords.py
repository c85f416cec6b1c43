"""Password hashing (argon2id) and the password policy (default: 等保 level 2).

Hashes carry their parameters (``$argon2id$v=19$m=65536,t=3,p=4$...``); :func:`needs_rehash` says
when a stored hash is below the current parameters, so that a successful login upgrades it (A7).
"""

from __future__ import annotations

import functools

import attrs
from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

from gridcore.errors import ValidationError
from gridcore.security.common_passwords import COMMON_PASSWORDS
from gridcore.security.names import login_key

#: argon2id with argon2-cffi's RFC 9106 "low memory" profile: m = 64 MiB, t = 3, p = 4 (A7: m ≥ 19 MiB, t ≥ 2).
_hasher = PasswordHasher(type=Type.ID)

#: Longer passwords are refused (hashing megabytes is a denial of service); 64+ are accepted (A2).
MAX_LENGTH = 1024


def character_classes(password: str) -> int:
    """How many of lower case, upper case, digits and other characters ``password`` uses."""
    return sum(
        (
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        )
    )


@attrs.frozen(kw_only=True)
class PasswordPolicy:
    """What a new password must satisfy: length, character classes, not the login, not a common one."""

    min_length: int = 8
    min_classes: int = 3
    banned: frozenset[str] = frozenset()

    def check(self, password: str, *, login: str | None = None) -> None:
        """Raise a one-line :class:`ValidationError` saying what the password lacks."""
        if len(password) < self.min_length:
            raise ValidationError(f"密码至少需要 {self.min_length} 个字符 (password too short)", field="密码")
        if len(password) > MAX_LENGTH:
            raise ValidationError(f"密码最多 {MAX_LENGTH} 个字符 (password too long)", field="密码")
        if character_classes(password) < self.min_classes:
            raise ValidationError(
                f"密码需包含大写字母、小写字母、数字、符号中的至少 {self.min_classes} 类 (too weak)", field="密码"
            )
        if login is not None and login_key(password) == login_key(login):
            raise ValidationError("密码不能与登录名相同 (password equals the login)", field="密码")
        folded = password.casefold()
        if folded in COMMON_PASSWORDS or folded in self.banned:
            raise ValidationError("这是常见密码, 很容易被猜到: 请换一个 (common password)", field="密码")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether the stored hash uses weaker parameters (or another algorithm) than the current ones."""
    try:
        return _hasher.check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


@functools.cache
def dummy_hash() -> str:
    """A hash no password matches, verified against when the login is unknown (the same cost either way)."""
    return _hasher.hash("gridcore: no such operator")
