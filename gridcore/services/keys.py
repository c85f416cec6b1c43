"""The unit's signing key and the keys of trusted units (``gridcore keys init / show / trust / list``).

The key file's place: ``--key-file``, else ``GRIDCORE_KEY_FILE``, else next to a SQLite database
(``gridcore.db.unit-key``), else ``~/.config/gridcore/<host>-<database>.unit-key`` for PostgreSQL. The
unit's code and name: the options, else the edition's ``[branding] unit_code`` and ``unit_name`` (the
name falls back to 用户名称, ``[branding] user_name``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from gridcore.errors import ConfigError, ConflictError, NotFoundError
from gridcore.packages.keys import PublicUnitKey, UnitKey, b64, unb64
from gridcore.packages.models import TrustedUnit
from gridcore.services import audit
from gridcore.services.unit import UnitOfWork, operation

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from gridcore.app import GridApp

KEY_FILE_ENV = "GRIDCORE_KEY_FILE"
PERMISSION = "keys.manage"


def key_path(app: GridApp, given: str | os.PathLike[str] | None = None) -> Path:
    """Where the unit's key file is (see the module's docstring)."""
    if given:
        return Path(given)
    env = os.environ.get(KEY_FILE_ENV, "").strip()
    if env:
        return Path(env)
    database = app.db.sqlite_path
    if database is not None:
        return database.with_name(f"{database.name}.unit-key")
    parsed = app.db.parsed
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", f"{parsed.host or 'local'}-{parsed.database or 'gridcore'}")
    return Path.home() / ".config" / "gridcore" / f"{name}.unit-key"


def load_key(app: GridApp, given: str | os.PathLike[str] | None = None) -> UnitKey:
    return UnitKey.read(key_path(app, given))


def unit_identity(app: GridApp, code: str | None, name: str | None) -> tuple[str, str]:
    branding = app.edition.branding
    chosen = code or str(branding.get("unit_code") or "")
    if not chosen:
        raise ConfigError("请用 --code 指定本单位代码 (或在版本配置 [branding] 中设置 unit_code), 例如 --code HQ")
    title = name or str(branding.get("unit_name") or "") or app.branding.user_name or chosen
    return chosen, title


@operation(PERMISSION)
def init_key(uow: UnitOfWork, *, path: Path, code: str | None = None, name: str | None = None) -> UnitKey:
    """Create the unit's key file (0600); an existing one is never replaced."""
    unit_code, unit_name = unit_identity(uow.app, code, name)
    key = UnitKey.generate(unit_code, unit_name, now=uow.app.clock())
    key.write(path)
    audit.record(
        uow, "keys.init", object_key=key.code, detail={"fingerprint": key.public.fingerprint, "file": str(path)}
    )
    return key


@operation(PERMISSION)
def show_key(uow: UnitOfWork, *, path: Path) -> UnitKey:
    return UnitKey.read(path)


def _public(row: TrustedUnit) -> PublicUnitKey:
    return PublicUnitKey(
        code=row.code,
        signing_key=unb64(row.signing_key, what="签名公钥"),
        encryption_key=unb64(row.encryption_key, what="加密公钥"),
    )


@operation(PERMISSION)
def trust(uow: UnitOfWork, name: str, line: str, *, replace: bool = False) -> PublicUnitKey:
    """Register a unit's public key line (its code is in the line); a different key needs ``replace``."""
    public = PublicUnitKey.parse(line)
    title = name.strip() or public.code
    row = uow.session.execute(select(TrustedUnit).where(TrustedUnit.code == public.code)).scalar_one_or_none()
    if row is not None and row.fingerprint != public.fingerprint and not replace:
        raise ConflictError(f"单位 {public.code} 已登记了另一个公钥 (指纹 {row.fingerprint}): 确认更换请加 --replace")
    if row is None:
        row = TrustedUnit(code=public.code)
        uow.session.add(row)
    row.name = title
    row.signing_key = b64(public.signing_key)
    row.encryption_key = b64(public.encryption_key)
    row.fingerprint = public.fingerprint
    row.added_at = uow.app.clock()
    audit.record(uow, "keys.trust", object_key=public.code, detail={"name": title, "fingerprint": public.fingerprint})
    return public


@operation(PERMISSION)
def untrust(uow: UnitOfWork, code: str) -> None:
    row = uow.session.execute(select(TrustedUnit).where(TrustedUnit.code == code)).scalar_one_or_none()
    if row is None:
        raise NotFoundError(f"没有登记单位 {code} 的公钥")
    uow.session.delete(row)
    audit.record(uow, "keys.untrust", object_key=code, detail={"fingerprint": row.fingerprint})


@operation(PERMISSION)
def list_trusted(uow: UnitOfWork) -> list[dict[str, Any]]:
    rows = uow.session.execute(select(TrustedUnit).order_by(TrustedUnit.code)).scalars()
    return [
        {
            "代码": row.code,
            "名称": row.name,
            "指纹": row.fingerprint,
            "登记时间": row.added_at.isoformat(timespec="seconds"),
        }
        for row in rows
    ]


def trusted_keys(session: Session) -> list[PublicUnitKey]:
    """Every trusted unit's public key (the signers whose reports are accepted)."""
    return [_public(row) for row in session.execute(select(TrustedUnit)).scalars()]


def trusted_unit(session: Session, code: str) -> tuple[PublicUnitKey, str]:
    """A trusted unit's public key and name (to encrypt a package for it)."""
    row = session.execute(select(TrustedUnit).where(TrustedUnit.code == code)).scalar_one_or_none()
    if row is None:
        raise NotFoundError(f"没有登记单位 {code} 的公钥: 请先运行 gridcore keys trust NAME PUBKEY")
    return _public(row), row.name
