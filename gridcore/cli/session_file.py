"""Where ``gridcore login`` keeps its session token: a file only its owner can read (0600).

``GRIDCORE_SESSION_FILE`` names the file; by default it is ``$XDG_STATE_HOME/gridcore/session.json``
(``~/.local/state/gridcore/session.json``). It maps each database to the token of its session, so one
person can be logged in to a test and a live database at once. The server keeps only the token's hash.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from gridcore.errors import AuthenticationError

if TYPE_CHECKING:
    from gridcore.app import GridApp

FILE_MODE = 0o600
FOLDER_MODE = 0o700


def session_path() -> Path:
    given = os.environ.get("GRIDCORE_SESSION_FILE", "").strip()
    if given:
        return Path(given).expanduser()
    state = os.environ.get("XDG_STATE_HOME", "").strip()
    base = Path(state).expanduser() if state else Path.home() / ".local" / "state"
    return base / "gridcore" / "session.json"


def database_key(app: GridApp) -> str:
    """Which database a token belongs to: the SQLite file's absolute path, or the URL without password."""
    path = app.db.sqlite_path
    return f"sqlite:{path.resolve()}" if path is not None else app.db.display


def _load(path: Path) -> dict[str, str]:
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return {}
    if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise AuthenticationError(
            f"会话文件 {path} 的权限过宽 (其他用户可读): 请删除它后重新登录 (chmod 600 or remove it)"
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    sessions = data.get("sessions") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in sessions.items()} if isinstance(sessions, dict) else {}


def _store(path: Path, sessions: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    # mkstemp creates the file readable and writable by its owner only (FILE_MODE)
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=".session.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump({"sessions": sessions}, handle)
        os.replace(name, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)


def read_token(app: GridApp) -> str | None:
    return _load(session_path()).get(database_key(app))


def save_token(app: GridApp, token: str) -> Path:
    path = session_path()
    sessions = _load(path)
    sessions[database_key(app)] = token
    _store(path, sessions)
    return path


def remove_token(app: GridApp) -> str | None:
    """Forget this database's token; the token that was kept (``None`` when there was none)."""
    path = session_path()
    sessions = _load(path)
    token = sessions.pop(database_key(app), None)
    if token is not None:
        if sessions:
            _store(path, sessions)
        else:
            path.unlink(missing_ok=True)
    return token
