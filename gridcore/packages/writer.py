"""Writing a package: data files streamed into a zip, then the manifest and its signature.

The zip is written to a temporary file beside ``OUT`` and moved into place with ``os.replace`` only
when complete (and encrypted, when a receiver is given): a failed or interrupted write never leaves a
half package under the final name (B1).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import uuid
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from gridcore.packages import manifest
from gridcore.packages.codec import TableCodec
from gridcore.packages.envelope import encrypt_file
from gridcore.packages.keys import PublicUnitKey, UnitKey, b64

FLUSH_BYTES = 1 << 16
FILE_MODE = 0o600


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = (0o100000 | FILE_MODE) << 16  # a regular file, never a link
    return info


def fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


class PackageWriter:
    """``with PackageWriter(out, key=...) as writer: writer.add_table(...); writer.finish(header)``."""

    def __init__(self, out: Path, *, key: UnitKey, recipient: PublicUnitKey | None = None) -> None:
        self.out = out
        self.key = key
        self.recipient = recipient
        self.tables: list[dict[str, Any]] = []
        out.parent.mkdir(parents=True, exist_ok=True)
        stem = f".{out.name}.{uuid.uuid4().hex[:12]}"
        self._zip_path = out.parent / f"{stem}.zip.part"
        self._sealed_path = out.parent / f"{stem}.enc.part"
        handle = os.open(self._zip_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        self._file = os.fdopen(handle, "wb")
        self._zip = zipfile.ZipFile(self._file, "w", allowZip64=True)
        self._done = False

    def __enter__(self) -> PackageWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if not self._done:
            self.abort()

    def add_table(
        self, codec: TableCodec, lines: Iterable[bytes], *, entity: str | None = None, key: Sequence[str] = ()
    ) -> dict[str, Any]:
        """Stream one table's encoded rows into its data file; return its manifest entry."""
        name = codec.table.name
        digest = hashlib.sha256()
        rows = size = 0
        buffer: list[bytes] = []
        pending = 0
        with self._zip.open(_info(manifest.data_file(name)), "w", force_zip64=True) as handle:
            for encoded in lines:
                buffer.append(encoded)
                pending += len(encoded)
                rows += 1
                if pending >= FLUSH_BYTES:
                    chunk = b"".join(buffer)
                    digest.update(chunk)
                    handle.write(chunk)
                    size += len(chunk)
                    buffer, pending = [], 0
            chunk = b"".join(buffer)
            digest.update(chunk)
            handle.write(chunk)
            size += len(chunk)
        entry: dict[str, Any] = {
            "name": name,
            "file": manifest.data_file(name),
            "rows": rows,
            "bytes": size,
            "sha256": digest.hexdigest(),
            "fields": codec.fields,
        }
        if entity is not None:
            entry["entity"] = entity
            entry["key"] = list(key)
        self.tables.append(entry)
        return entry

    def finish(self, header: Mapping[str, Any]) -> dict[str, Any]:
        """Write the manifest and its signature, seal the package and move it to ``out``."""
        document = {**header, "tables": self.tables}
        raw = manifest.dumps(document)
        signature = {
            "alg": "Ed25519",
            "fingerprint": self.key.public.fingerprint,
            "key": b64(self.key.public.signing_key),
            "signature": b64(self.key.sign(raw)),
        }
        self._zip.writestr(_info(manifest.MANIFEST), raw)
        self._zip.writestr(_info(manifest.SIGNATURE), json.dumps(signature, sort_keys=True).encode("utf-8"))
        self._zip.close()
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        final = self._zip_path
        if self.recipient is not None:
            sealed = os.open(self._sealed_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
            with os.fdopen(sealed, "wb") as target:
                encrypt_file(self._zip_path, target, self.recipient)
                target.flush()
                os.fsync(target.fileno())
            self._zip_path.unlink()
            final = self._sealed_path
        os.replace(final, self.out)
        fsync_dir(self.out.parent)
        self._done = True
        return document

    def abort(self) -> None:
        """Drop the temporary files (the final name is never touched)."""
        self._done = True
        with contextlib.suppress(OSError, ValueError):
            self._zip.close()
        self._file.close()
        for path in (self._zip_path, self._sealed_path):
            path.unlink(missing_ok=True)
