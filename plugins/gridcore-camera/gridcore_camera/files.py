"""Writing files whole or not at all, and never over a file that must be kept.

A file is written to a temporary name in its folder first, then moved into place in one step, so that
nobody ever sees half a photo; it gets the permissions of any new file (the umask decides: protect the
photo store with the permissions of its folder). Without ``overwrite`` the move refuses an existing file (a hard link is
atomic about it; where the file system has no hard links, an exclusive create is the fallback).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from gridcore.errors import ValidationError


def same_file(first: Path, second: Path) -> bool:
    """Whether two paths name one file (after resolving links), whether or not it exists yet."""
    if first.exists() and second.exists():
        return os.path.samefile(first, second)
    return first.resolve() == second.resolve()


def refuse_same_file(source: Path, output: Path) -> None:
    if same_file(source, output):
        raise ValidationError(
            f"{output}: 输出文件就是原图, 原图不会被覆盖; 请另选输出文件", field="输出文件", value=str(output)
        )


def temporary_copy(folder: Path, data: bytes, *, suffix: str = ".part") -> Path:
    """``data`` written (and synced) to a new hidden file in ``folder``; the caller moves or removes it."""
    folder.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=".camera-", suffix=suffix, dir=folder)
    try:
        os.chmod(name, 0o666 & ~_umask())  # as an ordinary new file (mkstemp makes it owner-only)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        remove_quietly(Path(name))
        raise
    return Path(name)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def place(temporary: Path, target: Path, *, overwrite: bool) -> None:
    """Move ``temporary`` to ``target`` in one step; an existing ``target`` is replaced only with ``overwrite``."""
    if overwrite:
        os.replace(temporary, target)
        return
    try:
        os.link(temporary, target)
    except FileExistsError:
        remove_quietly(temporary)
        raise exists(target) from None
    except OSError:  # no hard links here (FAT, some shares): exclusive create instead
        try:
            with target.open("xb") as stream:
                stream.write(temporary.read_bytes())
        except FileExistsError:
            remove_quietly(temporary)
            raise exists(target) from None
    remove_quietly(temporary)


def write_file(target: Path, data: bytes, *, overwrite: bool = False) -> None:
    """Write ``data`` to ``target`` whole (creating its folder); refuse an existing file unless ``overwrite``."""
    if target.exists() and not overwrite:
        raise exists(target)
    place(temporary_copy(target.parent, data), target, overwrite=overwrite)


def exists(target: Path) -> ValidationError:
    return ValidationError(f"{target}: 文件已存在; 如需覆盖请加 --force", field="输出文件", value=str(target))


def remove_quietly(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
