"""The server's host key: ``--host-key FILE``, or one generated on first start in the user's data directory."""

from __future__ import annotations

import os
from pathlib import Path

import asyncssh

from csto_tui.serve.state import UnsafePath, check_owned, data_dir

KEY_NAME = "ssh_host_ed25519_key"


class HostKeyError(Exception):
    """The host key cannot be read or written; the message is one line for the user."""


def default_path() -> Path:
    """``$XDG_DATA_HOME/csto-tui/ssh_host_ed25519_key`` (``~/.local/share`` when unset), per the XDG spec."""
    return data_dir() / KEY_NAME


def load(path: Path) -> asyncssh.SSHKey:
    if not path.exists():
        raise HostKeyError(f"host key {path} does not exist")
    try:
        # As sshd's StrictModes: a key others can read is no secret, one others can replace is not ours.
        check_owned(path, "host key", private=True, follow=True)
        check_owned(path.parent, "host key directory", private=False, follow=True)
    except UnsafePath as exc:
        raise HostKeyError(str(exc)) from None
    try:
        return asyncssh.read_private_key(path)
    except FileNotFoundError:
        raise HostKeyError(f"host key {path} does not exist") from None
    except (OSError, asyncssh.KeyImportError) as exc:
        raise HostKeyError(f"cannot read host key {path}: {getattr(exc, 'strerror', None) or exc}") from None


def load_or_create(path: Path) -> tuple[asyncssh.SSHKey, bool]:
    """The key at ``path``, generating it (readable by the owner only) when absent; True if it was generated."""
    if path.exists():
        return load(path), False
    key = asyncssh.generate_private_key("ssh-ed25519", comment="csto-tui serve")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # O_EXCL: two servers starting at once must not overwrite each other's key.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return load(path), False
    except OSError as exc:
        raise HostKeyError(f"cannot write host key {path}: {exc.strerror}") from None
    with os.fdopen(fd, "wb") as out:
        out.write(key.export_private_key())
    return key, True
