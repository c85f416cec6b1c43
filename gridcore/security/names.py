"""Login names (代码): one spelling per person, whatever the keyboard (A1).

Two logins that differ only in width (``ｚｈａｎｇ``), case (``Zhang``) or compatibility form are the
same name: the database keeps their NFKC + casefold form unique.
"""

from __future__ import annotations

import unicodedata

from gridcore.errors import ValidationError

MAX_LOGIN = 30


def login_key(login: str) -> str:
    """The normalised form of a login that the unique constraint is on."""
    return unicodedata.normalize("NFKC", login).strip().casefold()


def check_login(login: str) -> str:
    """The login as it will be stored (trimmed); a blank, too long or control-character login is refused."""
    cleaned = unicodedata.normalize("NFC", login).strip()
    if not cleaned:
        raise ValidationError("登录名不能为空", field="登录名")
    if len(cleaned) > MAX_LOGIN:
        raise ValidationError(f"登录名最多 {MAX_LOGIN} 个字符", field="登录名", value=cleaned)
    if any(unicodedata.category(c).startswith(("C", "Z")) and c != " " for c in cleaned) or " " in cleaned:
        raise ValidationError("登录名不能包含空格或控制字符", field="登录名")
    return cleaned
