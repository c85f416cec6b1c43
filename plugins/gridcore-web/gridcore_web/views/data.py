"""数据备份, 数据恢复, 数据上报, 数据接收 (R-Q06, R-Q07, R-Q09, R-Q10; security.md B1-B5, C8, E1-E4).

The packages are the kernel's (signed, checksummed, verified before anything is touched). In the
browser a backup or a report is downloaded; a restore or a package to receive is uploaded. A restore
replaces every record, so it asks for the operator's password again and a typed confirmation (C8).
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


def _key(*, optional: bool = False) -> UnitKey | None:
    try:
        return keys.load_key(grid_app())
    except ConfigError:
        if optional:
            return None
        raise ConfigError(
            f"本单位密钥文件 {keys.key_path(grid_app())} 不存在或无法读取: 请安全管理员先运行 gridcore keys init"
        ) from None


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
            if request.form.get("confirm", "").strip() != CONFIRM:
                raise ValidationError(f"请在确认框中输入「{CONFIRM}」", field="确认")
            actor = current_actor()
            try:
                sessions.login(
                    grid_app(),
                    actor.login,
                    request.form.get("password", ""),
                    terminal=auth.terminal(request),
                    create_session=False,
                )
            except AuthenticationError as failure:
                raise AuthenticationError(f"密码不正确, 未恢复: {failure}") from None
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
