"""Files people upload (imports, backups to restore, packages to receive), kept server-side for a while.

Each upload gets a random id and a file of its own in a private folder (mode 0700, files 0600) under the
system's temporary directory; only the session that uploaded it can use it, and files older than an
hour are removed. Nothing in the folder is ever served except an import's error workbook, to its owner.
"""

from __future__ import annotations

import atexit
import os
import secrets
import shutil
import tempfile
import threading
import time
from pathlib import Path

import attrs
from werkzeug.datastructures import FileStorage

from gridcore.errors import NotFoundError, ValidationError

#: How long an upload is kept (seconds).
LIFETIME = 3600


@attrs.frozen(kw_only=True)
class Upload:
    id: str
    session: int
    name: str
    path: Path
    created: float

    def sibling(self, suffix: str) -> Path:
        """A file next to the upload that belongs to it (``-errors.xlsx``)."""
        return self.path.with_name(f"{self.id}{suffix}")


class UploadStore:
    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="gridcore-web-uploads-"))
        os.chmod(self.folder, 0o700)
        atexit.register(shutil.rmtree, self.folder, ignore_errors=True)
        self._lock = threading.Lock()
        self._uploads: dict[str, Upload] = {}

    def save(self, storage: FileStorage | None, *, session: int, suffixes: tuple[str, ...]) -> Upload:
        """Keep an uploaded file; its name must end with one of ``suffixes``."""
        if storage is None or not storage.filename:
            raise ValidationError("请选择要上传的文件", field="文件")
        name = Path(storage.filename).name
        suffix = Path(name).suffix.lower()
        if suffix not in suffixes:
            raise ValidationError(
                f"文件「{name}」的类型不对: 请上传 {'、'.join(suffixes)} 文件", field="文件", value=name
            )
        self.expire()
        upload_id = secrets.token_urlsafe(12)
        path = self.folder / f"{upload_id}{suffix}"
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            storage.save(handle)
        upload = Upload(id=upload_id, session=session, name=name, path=path, created=time.time())
        with self._lock:
            self._uploads[upload_id] = upload
        return upload

    def get(self, upload_id: str, *, session: int) -> Upload:
        with self._lock:
            upload = self._uploads.get(upload_id)
        if upload is None or upload.session != session or not upload.path.exists():
            raise NotFoundError("上传的文件已过期或不存在, 请重新上传")
        return upload

    def expire(self) -> None:
        cutoff = time.time() - LIFETIME
        with self._lock:
            old = [upload for upload in self._uploads.values() if upload.created < cutoff]
            for upload in old:
                del self._uploads[upload.id]
        for upload in old:
            for path in upload.path.parent.glob(f"{upload.id}*"):
                path.unlink(missing_ok=True)
