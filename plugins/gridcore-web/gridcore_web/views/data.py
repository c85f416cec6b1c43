"""数据备份, 数据恢复, 数据初始, 数据上报, 数据接收 (R-Q06-R-Q10; security.md B1-B5, C8, E1-E4).

The packages are the kernel's (signed, checksummed, verified before anything is touched). In the
browser a backup or a report is downloaded; a restore or a package to receive is uploaded. A restore
replaces every record and a reset clears them, so both ask for the operator's password again and a
typed confirmation (C8); the reset writes and verifies a safety backup on the server before it clears.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from pathlib import Path
from typing import Any

from flask import Blueprint, request, send_file
from werkzeug.wrappers import Response

from gridcore.errors import AuthenticationError, ConfigError, GridcoreError, ValidationError
from gridcore.packages.keys import UnitKey
from gridcore.services import backups, exchange, keys, sessions
from gridcore_web import auth
from gridcore_web.context import current_actor, grid_app, reading, render_page, uploads, writing
from gridcore_web.pages import requires
from gridcore_web.views.stats import region_options

blueprint = Blueprint("data", __name__, url_prefix="/data")

PACKAGE = "application/octet-stream"
CONFIRM = "确认恢复"
CONFIRM_RESET = "确认初始"


def _key(*, optional: bool = False) -> UnitKey | None:
    try:
        return keys.load_key(grid_app())
    except ConfigError:
        if optional:
            return None
        raise ConfigError(
            f"本单位密钥文件 {keys.key_path(grid_app())} 不存在或无法读取: 请安全管理员先运行 gridcore keys init"
        ) from None


def _reauthenticate(refused: str) -> None:
    """The operator's password again (C8), counted like a login (a wrong one brings the lockout nearer)."""
    try:
        sessions.login(
            grid_app(),
            current_actor().login,
            request.form.get("password", ""),
            terminal=auth.terminal(request),
            create_session=False,
        )
    except AuthenticationError as failure:
        raise AuthenticationError(f"密码不正确, {refused}: {failure}") from None


def _confirmed(word: str) -> None:
    if request.form.get("confirm", "").strip() != word:
        raise ValidationError(f"请在确认框中输入「{word}」", field="确认")


def safety_folder() -> Path:
    """Where 数据初始 writes its safety backup: beside the SQLite file (as ``gridcore reset``), else beside the key."""
    database = grid_app().db.sqlite_path
    if database is not None:
        return database.resolve().parent
    return keys.key_path(grid_app()).resolve().parent


def _download(body: Any, name: str) -> Response:
    """Run ``body(path)`` (which writes a package) and send the package."""
    with tempfile.TemporaryDirectory(prefix="gridcore-web-") as folder:
        path = Path(folder) / name
        body(path)
        data = io.BytesIO(path.read_bytes())
    return send_file(data, as_attachment=True, download_name=name, mimetype=PACKAGE)


# --------------------------------------------------------------------------- backup


@requires("system.backup")
@blueprint.route("/backup", methods=["GET", "POST"])
def backup() -> Any:
    """数据备份: the package downloads as 年月日.gcpkg; 备份演练 restores a fresh backup into a scratch copy."""
    error = ""
    drill = None
    if request.method == "POST":
        try:
            key = _key()
            assert key is not None
            if request.form.get("action") == "drill":
                with reading() as uow:
                    drill = backups.drill(uow, key=key)
            else:
                stem = (
                    "".join(ch for ch in request.form.get("name", "") if ch.isalnum() or ch in "-_")
                    or f"{dt.date.today():%Y%m%d}"
                )
                encrypt = request.form.get("encrypt") == "1"

                def write(path: Path) -> None:
                    with reading() as uow:
                        backups.backup(uow, path, key=key, encrypt=encrypt)

                return _download(write, f"{stem}{backups.SUFFIX}")
        except GridcoreError as failure:
            error = f"备份失败: {failure}"
    page = render_page("web/backup.html", title="数据备份", error=error, drill=drill, today=f"{dt.date.today():%Y%m%d}")
    return (page, 422) if error else page


# --------------------------------------------------------------------------- restore


@requires("system.restore")
@blueprint.route("/restore", methods=["GET", "POST"])
def restore() -> Any:
    """数据恢复: upload a backup, confirm with the password and the words 确认恢复; all or nothing."""
    error = ""
    outcome = None
    if request.method == "POST":
        try:
            _confirmed(CONFIRM)
            _reauthenticate("未恢复")
            actor = current_actor()
            kept = uploads().save(
                request.files.get("file"), session=int(actor.session_id or 0), suffixes=(backups.SUFFIX,)
            )
            key = _key(optional=True)
            with reading() as uow:
                outcome = backups.restore(uow, kept.path, key=key)
        except GridcoreError as failure:
            error = f"恢复失败: {failure} (现有数据未改动)"
    page = render_page("web/restore.html", title="数据恢复", error=error, outcome=outcome, confirm_word=CONFIRM)
    return (page, 422) if error else page


# --------------------------------------------------------------------------- reset


@requires("system.reset")
@blueprint.route("/reset", methods=["GET", "POST"])
def reset() -> Any:
    """数据初始: confirm with the password and the words 确认初始; a verified safety backup, then clearing."""
    error = ""
    outcome = None
    if request.method == "POST":
        try:
            _confirmed(CONFIRM_RESET)
            _reauthenticate("未做数据初始")
            key = _key()
            assert key is not None
            folder = safety_folder()
            with reading() as uow:
                outcome = backups.reset(uow, password=request.form.get("password", ""), backup_dir=folder, key=key)
        except GridcoreError as failure:
            error = f"数据初始失败: {failure} (现有数据未改动)"
    page = render_page(
        "web/reset.html",
        title="数据初始",
        error=error,
        outcome=outcome,
        confirm_word=CONFIRM_RESET,
        folder=safety_folder(),
    )
    return (page, 422) if error else page


# --------------------------------------------------------------------------- report and receive


@requires("exchange.report")
@blueprint.route("/report", methods=["GET", "POST"])
def report() -> Any:
    """数据上报: a signed package of a region's records, for the superior unit to receive."""
    error = ""
    if request.method == "POST":
        region = request.form.get("region") or None
        receiver = request.form.get("to") or None
        try:
            key = _key()
            assert key is not None

            def write(path: Path) -> None:
                with reading() as uow:
                    exchange.report(uow, path, key=key, region=region, to=receiver)

            return _download(write, f"上报-{region or '全部'}-{dt.date.today():%Y%m%d}{backups.SUFFIX}")
        except GridcoreError as failure:
            error = f"上报失败: {failure}"
    page = render_page("web/report.html", title="数据上报", error=error, regions=region_options())
    return (page, 422) if error else page


@requires("exchange.receive")
@blueprint.route("/receive", methods=["GET", "POST"])
def receive() -> Any:
    """数据接收: only records not present are added; nothing is overwritten; a package twice adds nothing."""
    error = ""
    outcome = None
    if request.method == "POST":
        try:
            kept = uploads().save(
                request.files.get("file"), session=int(current_actor().session_id or 0), suffixes=(backups.SUFFIX,)
            )
            key = _key(optional=True)
            with writing() as uow:
                outcome = exchange.receive(uow, kept.path, key=key)
        except GridcoreError as failure:
            error = f"接收失败: {failure}"
    page = render_page("web/receive.html", title="数据接收", error=error, outcome=outcome)
    return (page, 422) if error else page
