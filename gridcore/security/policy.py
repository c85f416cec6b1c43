"""The security policy of an edition (``[policies]``): passwords, lockout, sessions, audit retention, masks.

The default profile follows 等保 2.0 level 2 (GB/T 22239-2019): length at least 8, three of four
character classes, lock for 30 minutes after 5 failures, idle timeout 30 minutes, change every 90 days.
``profile = "asvs"`` switches to OWASP ASVS level 2 (length at least 12, no composition rule, no forced
rotation). Any single value can be overridden; a wrong key or type stops start-up in one line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs

from gridcore.errors import ConfigError
from gridcore.security.passwords import PasswordPolicy

#: Audit records younger than this are never purged, whatever the configuration says (L4, 网络安全法 §21).
MIN_AUDIT_RETENTION_DAYS = 180
#: The ID-number mask may show at most the 6 division digits and the last 4 (never the birth date, P4).
MAX_ID_KEEP = (6, 4)
#: The masks a field may name (``FieldInfo.mask``), and so ``masked_pi`` may list.
MASKS = ("id_number", "phone", "name", "full")

PROFILES: Mapping[str, Mapping[str, Any]] = {
    "dengbao": {"min_length": 8, "min_classes": 3, "password_max_age_days": 90},
    "asvs": {"min_length": 12, "min_classes": 1, "password_max_age_days": 0},
}

INT_KEYS = (
    "min_length",
    "min_classes",
    "max_failures",
    "lockout_minutes",
    "idle_timeout_minutes",
    "session_hours",
    "password_max_age_days",
    "issued_password_hours",
    "audit_retention_days",
)
KNOWN_KEYS = frozenset(
    {*INT_KEYS, "profile", "password_policy", "id_mask_keep", "masked_pi", "banned_passwords", "key_files"}
)


@attrs.frozen(kw_only=True)
class SecurityPolicy:
    """Every security threshold in one value; :func:`load_policy` builds it from ``[policies]``."""

    profile: str = "dengbao"
    password_policy: bool = True
    min_length: int = 8
    min_classes: int = 3
    banned_passwords: frozenset[str] = frozenset()
    max_failures: int = 5
    lockout_minutes: int = 30
    idle_timeout_minutes: int = 30
    session_hours: int = 12
    password_max_age_days: int = 90
    issued_password_hours: int = 72
    audit_retention_days: int = MIN_AUDIT_RETENTION_DAYS
    id_mask_keep: tuple[int, int] = MAX_ID_KEEP
    masked_pi: tuple[str, ...] = ("phone",)
    key_files: tuple[str, ...] = ()

    @property
    def passwords(self) -> PasswordPolicy:
        """The rule new passwords are checked against (length and classes relaxed only when switched off)."""
        if not self.password_policy:
            return PasswordPolicy(min_length=1, min_classes=0, banned=self.banned_passwords)
        return PasswordPolicy(min_length=self.min_length, min_classes=self.min_classes, banned=self.banned_passwords)

    @property
    def lockout(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.lockout_minutes)

    @property
    def idle_timeout(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.idle_timeout_minutes)

    @property
    def session_lifetime(self) -> dt.timedelta:
        return dt.timedelta(hours=self.session_hours)

    @property
    def password_max_age(self) -> dt.timedelta | None:
        return dt.timedelta(days=self.password_max_age_days) if self.password_max_age_days else None

    @property
    def issued_password_lifetime(self) -> dt.timedelta:
        return dt.timedelta(hours=self.issued_password_hours)

    @property
    def effective_audit_retention(self) -> dt.timedelta:
        """What a purge really keeps: the configured retention, never less than 180 days."""
        return dt.timedelta(days=max(self.audit_retention_days, MIN_AUDIT_RETENTION_DAYS))


def load_policy(policies: Mapping[str, Any], *, where: str = "edition") -> SecurityPolicy:
    """The policy of an edition's ``[policies]`` table; every mistake is one line naming the key."""
    unknown = sorted(set(policies) - KNOWN_KEYS)
    if unknown:
        raise ConfigError(f"{where}: [policies] 没有设置项 {unknown[0]!r};可用: {', '.join(sorted(KNOWN_KEYS))}")
    profile = policies.get("profile", "dengbao")
    if profile not in PROFILES:
        raise ConfigError(f"{where}: [policies] profile 应为 {' 或 '.join(PROFILES)},实际为 {profile!r}")
    values: dict[str, Any] = {"profile": profile, **PROFILES[profile]}
    for key in INT_KEYS:
        if key in policies:
            value = policies[key]
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ConfigError(f"{where}: [policies] {key} 应为非负整数,实际为 {value!r}")
            values[key] = value
    for key in ("max_failures", "idle_timeout_minutes", "session_hours"):
        if values.get(key) == 0:
            raise ConfigError(f"{where}: [policies] {key} 不能为 0")
    if "password_policy" in policies:
        if not isinstance(policies["password_policy"], bool):
            raise ConfigError(f"{where}: [policies] password_policy 应为 true 或 false")
        values["password_policy"] = policies["password_policy"]
    if "id_mask_keep" in policies:
        values["id_mask_keep"] = _id_mask_keep(policies["id_mask_keep"], where)
    for key in ("masked_pi", "banned_passwords", "key_files"):
        if key in policies:
            items = policies[key]
            if not (isinstance(items, list) and all(isinstance(item, str) for item in items)):
                raise ConfigError(f"{where}: [policies] {key} 应为字符串列表")
            if key == "masked_pi" and set(items) - set(MASKS):
                raise ConfigError(f"{where}: [policies] masked_pi 只能包含 {', '.join(MASKS)}")
            values[key] = frozenset(i.casefold() for i in items) if key == "banned_passwords" else tuple(items)
    return SecurityPolicy(**values)


def _id_mask_keep(value: Any, where: str) -> tuple[int, int]:
    ok = (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in value)
    )
    if not ok or value[0] > MAX_ID_KEEP[0] or value[1] > MAX_ID_KEEP[1]:
        raise ConfigError(
            f"{where}: [policies] id_mask_keep 应为 [前几位, 后几位],前不超过 {MAX_ID_KEEP[0]} 位、"
            f"后不超过 {MAX_ID_KEEP[1]} 位 (出生日期必须遮盖),实际为 {value!r}"
        )
    return int(value[0]), int(value[1])
