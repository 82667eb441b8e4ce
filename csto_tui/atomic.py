"""Replace a file atomically, so a reader never sees half of it (temp file in the same folder + rename)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_text_atomic(
    path: Path, text: str, validate: Callable[[Path], object] | None = None, mode: int = 0o644
) -> None:
    """Write ``text`` as UTF-8 to ``path`` with ``mode``; ``validate`` may inspect (and raise on) the new file first.

    Raises OSError when the disk says no; the old file is then left as it was.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            # On disk before the rename: after a crash or power loss the file is the old one or the
            # new one, never an empty or partial new one (ext4 and xfs may order the rename first).
            os.fsync(stream.fileno())
        if validate is not None:
            validate(temp)
        os.chmod(temp, mode)
        os.replace(temp, path)
        _fsync_directory(path.parent)  # the rename itself survives a crash
    finally:
        temp.unlink(missing_ok=True)


def _fsync_directory(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:  # a directory that cannot be opened for reading: the rename stands, unsynced
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
