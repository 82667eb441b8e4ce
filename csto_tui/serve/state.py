"""Where served apps may write: one directory per key, or a throwaway one per anonymous session.

Every directory here is checked as OpenSSH's StrictModes checks its files: owned by this user, not
writable by others, not a symbolic link. A served app gets its ``HOME``, XDG directories and
``TMPDIR`` inside its own directory, so it has nowhere else to write.

Anonymous directories live under ``anonymous-*`` directories, one per server process, each holding a
lock for as long as its server runs. A server killed with SIGKILL cannot delete its sessions'
directories; the kernel drops its lock, and the next server to start deletes them.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import shutil
import stat
import sys
import tempfile
import time
from pathlib import Path

from csto_tui.paths import user_data_dir

LOCK = ".lock"
# An anonymous-* directory without a lock file is one a server is creating right now, or debris.
UNLOCKED_GRACE = 60.0


def data_dir() -> Path:
    """``$XDG_DATA_HOME/csto-tui`` (``~/.local/share`` when unset), per the XDG spec: host key and state."""
    return user_data_dir()


class UnsafePath(Exception):
    """A file or directory others could change; the message is one line saying how to fix it."""


def check_owned(path: Path, what: str, *, private: bool, follow: bool) -> None:
    """Raise UnsafePath unless ``path`` is ours (or root's) and not writable by others (not readable too, if private).

    ``follow`` False: a symbolic link is refused rather than followed.
    """
    try:
        info = path.stat() if follow else path.lstat()
    except FileNotFoundError:
        raise UnsafePath(f"{what} {path} does not exist") from None
    except OSError as exc:
        raise UnsafePath(f"cannot check {what} {path}: {exc.strerror}") from None
    if stat.S_ISLNK(info.st_mode):
        raise UnsafePath(f"{what} {path} is a symbolic link: remove it (csto-tui serve creates a directory there)")
    if info.st_uid not in (os.geteuid(), 0):
        raise UnsafePath(f"{what} {path} is owned by uid {info.st_uid}, not by this user: remove it or chown it")
    mode = stat.S_IMODE(info.st_mode)
    directory = stat.S_ISDIR(info.st_mode)
    if mode & (0o077 if private else 0o022):
        fix = ("700" if directory else "600") if private else "go-w"
        others = "others can read or write it" if private else "others can write to it"
        raise UnsafePath(f"{what} {path} has mode {mode:03o} ({others}): chmod {fix} {path}")


def private_dir(path: Path, what: str) -> Path:
    """``path`` as a directory only this user can use, created if missing; a symlink or a shared one is refused."""
    with contextlib.suppress(FileExistsError):
        path.mkdir(mode=0o700)
    check_owned(path, what, private=True, follow=False)
    if not path.is_dir():
        raise UnsafePath(f"{what} {path} is not a directory: remove it")
    return path


class StateRoot:
    """``serve-state``: per-key directories, and this server's anonymous ones."""

    def __init__(self, root: Path | None = None) -> None:
        root = root or data_dir() / "serve-state"
        root.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        check_owned(root.parent, "directory", private=False, follow=True)
        self.root = private_dir(root, "state directory")
        self.removed_stale = self._remove_stale()
        self._anonymous = Path(tempfile.mkdtemp(prefix="anonymous-", dir=self.root))
        self._lock = os.open(self._anonymous / LOCK, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
        fcntl.flock(self._lock, fcntl.LOCK_EX)

    def for_key(self, fingerprint: str) -> Path:
        """The directory kept for one key across its sessions."""
        name = hashlib.sha256(fingerprint.encode()).hexdigest()[:32]
        return private_dir(self.root / name, "state directory")

    def anonymous(self) -> Path:
        """A new throwaway directory, deleted when its session ends (or at the next start after a crash)."""
        return Path(tempfile.mkdtemp(prefix="session-", dir=self._anonymous))

    def close(self) -> None:
        shutil.rmtree(self._anonymous, ignore_errors=True)
        os.close(self._lock)

    def _remove_stale(self) -> int:
        removed = 0
        for path in self.root.glob("anonymous-*"):
            if path.is_symlink() or not path.is_dir():
                continue
            try:
                fd = os.open(path / LOCK, os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW)
            except FileNotFoundError:
                if time.time() - path.lstat().st_mtime < UNLOCKED_GRACE:
                    continue
            except OSError:
                continue
            else:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue  # its server is running
                finally:
                    os.close(fd)
            shutil.rmtree(path, ignore_errors=True)
            removed += 1
        return removed


def open_root() -> StateRoot | None:
    """The server's state root, or None after one line on stderr saying why it is unsafe (both servers)."""
    try:
        state = StateRoot()
    except UnsafePath as exc:
        print(f"csto-tui serve: {exc}", file=sys.stderr)
        return None
    if state.removed_stale:
        logging.getLogger("csto_tui.serve").info(
            "removed %d anonymous session directories left by a server that was killed", state.removed_stale
        )
    return state


def session_environment(home: Path) -> dict[str, str]:
    """``HOME``, the XDG directories and ``TMPDIR``, all inside ``home`` (created), for a served app."""
    dirs = {
        "HOME": home,
        "XDG_STATE_HOME": home,  # where preferences have always been kept for a key
        "XDG_DATA_HOME": home,  # notes (csto_tui.notes)
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_CACHE_HOME": home / ".cache",
        "TMPDIR": home / "tmp",
    }
    for path in dirs.values():
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return {name: str(path) for name, path in dirs.items()}
