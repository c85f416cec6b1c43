"""Password hashing (argon2id) and the password policy (default: 等保 level 2)."""

from __future__ import annotations

import attrs
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from gridcore.errors import ValidationError

_hasher = PasswordHasher()


@attrs.frozen(kw_only=True)
class PasswordPolicy:
    """What a new password must satisfy: a minimum length and a number of character classes."""

    min_length: int = 8
    min_classes: int = 3

    def check(self, password: str) -> None:
        """Raise a one-line :class:`ValidationError` saying what the password lacks."""
        if len(password) < self.min_length:
            raise ValidationError(f"密码至少需要 {self.min_length} 个字符 (password too short)", field="密码")
        classes = sum(
            (
                any(c.islower() for c in password),
                any(c.isupper() for c in password),
                any(c.isdigit() for c in password),
                any(not c.isalnum() for c in password),
            )
        )
        if classes < self.min_classes:
            raise ValidationError(
                f"密码需包含大写字母、小写字母、数字、符号中的至少 {self.min_classes} 类 (too weak)", field="密码"
            )


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
