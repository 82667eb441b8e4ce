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
        if validate is not None:
            validate(temp)
        os.chmod(temp, mode)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
