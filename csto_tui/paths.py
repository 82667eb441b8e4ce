"""Where the shipped data and the per-user state live."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

_PACKAGE = Path(__file__).resolve().parent
# A wheel carries the data inside the package; a source checkout keeps it in data/.
_DATA = _PACKAGE / "_data" if (_PACKAGE / "_data").is_dir() else _PACKAGE.parent / "data"

SOURCE_NAME = "zhwiki-csto.md"


def data_dir() -> Path:
    return _DATA


def shipped_store() -> Path:
    return _DATA / "csto.json"


def source_article() -> Path:
    return _DATA / "source" / SOURCE_NAME


APP_NAME = "csto-tui"


def state_dir() -> Path:
    """Per-user state (preferences): ``$XDG_STATE_HOME/csto-tui``, ``~/.local/state/csto-tui`` by default."""
    return platformdirs.user_state_path(APP_NAME)


def user_data_dir() -> Path:
    """Per-user data (notes, the server's host key): ``$XDG_DATA_HOME/csto-tui``, ``~/.local/share/csto-tui``."""
    return platformdirs.user_data_path(APP_NAME)


# Set by ``csto-tui serve`` for its sessions: "ssh" (notes in the session's state directory, which
# the server passes as XDG_DATA_HOME) or "web" (a browser tab).
SERVED_ENV = "CSTO_TUI_SERVED"


def served() -> bool:
    """Whether this app runs for a ``csto-tui serve`` session: then it writes nothing outside its own directory."""
    return bool(os.environ.get(SERVED_ENV))
