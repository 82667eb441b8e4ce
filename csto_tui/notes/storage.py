"""A TinyDB storage for the user's notes that never loses data.

Every write takes a lock file, re-reads the file, merges this session's changes into what
is there now (three-way: what this session last read, what it wants, what is on disk), keeps
the previous file as ``.bak`` and replaces the file with ``csto_tui.atomic`` (temp file, fsync, rename,
fsync of the folder). Two sessions marking at the same moment therefore both keep their
marks, and a crash leaves the old file or the new one, never a part.

A corrupt or foreign file is moved aside with a warning (and the backup is used if it is
good); a file from a newer csto-tui, an unreadable file, a read-only folder or a full disk
turn the storage into memory only, with a warning: the session goes on, nothing on disk
changes. Pure Python: no Textual.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from csto_tui.atomic import write_text_atomic

FORMAT = "csto-tui-notes"
VERSION = 1
# Notes are short; a file far larger than any notebook is not ours (and would be slow to merge).
MAX_BYTES = 32 * 1024 * 1024

Data = dict[str, dict[str, dict[str, Any]]]


class NotOurs(ValueError):
    """The file is not a csto-tui notebook (``str()`` says why, in a few words)."""


class TooNew(Exception):
    """The file is a notebook of a newer csto-tui: read nothing from it, and never write it."""


def meta_table() -> dict[str, dict[str, Any]]:
    return {"1": {"format": FORMAT, "version": VERSION}}


def check(data: object) -> Data:
    """``data`` if it is a notebook this version can read; raises NotOurs otherwise."""
    if not isinstance(data, dict):
        raise NotOurs("top level is not an object")
    meta = data.get("meta")
    if not isinstance(meta, dict) or not meta:
        raise NotOurs("no csto-tui notes header")
    header = next(iter(meta.values()))
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise NotOurs("no csto-tui notes header")
    for name, table in data.items():
        if not isinstance(table, dict) or not all(isinstance(doc, dict) for doc in table.values()):
            raise NotOurs(f"table {name!r} is not a TinyDB table")
        if not all(key.isdigit() for key in table):
            raise NotOurs(f"table {name!r} has a non-numeric document id")
    return data


def _copy(data: Data) -> Data:
    """A copy TinyDB may change freely: it replaces and updates documents, never what is inside a field."""
    return {name: {doc_id: dict(doc) for doc_id, doc in table.items()} for name, table in data.items()}


def _key(doc: dict[str, Any]) -> tuple[object, object]:
    """Documents are the same record's when kind and id agree (TinyDB ids differ between sessions)."""
    return doc.get("kind"), doc.get("id")


def _keyed(table: dict[str, dict[str, Any]] | None) -> dict[tuple[object, object], tuple[str, dict[str, Any]]]:
    return {_key(doc): (doc_id, doc) for doc_id, doc in (table or {}).items()}


def _both(table: str, ours: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any]:
    """Two sessions changed the same document: a note keeps both texts, anything else takes ours."""
    if table != "notes" or ours.get("text") == theirs.get("text"):
        return ours
    merged = dict(ours)
    merged["text"] = f"{theirs.get('text', '')}\n\n[also written in another session]\n{ours.get('text', '')}"
    return merged


def merge(base: Data, ours: Data, disk: Data) -> Data:
    """``disk`` with the changes that turned ``base`` into ``ours``; a deletion never removes another's edit."""
    result: Data = _copy(disk)
    for name in set(base) | set(ours):
        was, now, there = _keyed(base.get(name)), _keyed(ours.get(name)), _keyed(disk.get(name))
        table = result.setdefault(name, {})
        for key, (doc_id, doc) in now.items():
            before = was.get(key)
            if before is not None and before[1] == doc:
                continue  # unchanged here: whatever is on disk stands
            current = there.get(key)
            if current is not None:
                theirs = current[1]
                changed_there = before is None or theirs != before[1]
                table[current[0]] = _both(name, doc, theirs) if changed_there else doc
            else:
                taken = doc_id in table
                table[str(max(map(int, table), default=0) + 1) if taken else doc_id] = doc
        for key, (_, doc) in was.items():
            if key in now:
                continue
            current = there.get(key)
            if current is not None and current[1] == doc:
                del table[current[0]]
    return result


def describe_os_error(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return "the disk is full"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "the folder is read-only"
    return exc.strerror or str(exc)


class NotesStorage(Storage):
    """TinyDB storage over ``path``; ``path=None`` keeps everything in memory for this session only."""

    def __init__(self, path: str | None) -> None:
        self.path = Path(path) if path is not None else None
        self.warnings: list[str] = []
        self._base: Data = {}
        self._memory: Data | None = None if path is not None else {}

    @property
    def saving(self) -> bool:
        return self._memory is None

    # Reading.

    def read(self) -> Data | None:
        if self._memory is not None:
            return _copy(self._memory) or None
        assert self.path is not None
        try:
            data = self._load(locked=False)
        except OSError as exc:
            self._stop_saving({}, f"notes in {self.path} cannot be read ({describe_os_error(exc)})")
            return None
        except TooNew as exc:
            self._stop_saving({}, f"notes in {self.path} left alone: {exc}")
            return None
        self._base = _copy(data)
        return data or None

    def _load(self, *, locked: bool) -> Data:
        """The file's notebook ({} when there is none); a bad file is moved aside once the lock is held."""
        assert self.path is not None
        try:
            return self._parse(self.path)
        except FileNotFoundError:
            return {}
        except NotOurs as exc:
            if not locked:
                with self._lock():
                    return self._load(locked=True)
            return self._set_aside(str(exc))

    @staticmethod
    def _parse(path: Path) -> Data:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise NotOurs("too large for a notes file")
        try:
            parsed = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise NotOurs("not JSON") from None
        data = check(parsed)
        version = next(iter(data["meta"].values())).get("version")
        if not isinstance(version, int):
            raise NotOurs("no version in the header")
        if version > VERSION:
            raise TooNew(f"written by a newer csto-tui (notes version {version})")
        return data

    def _set_aside(self, why: str) -> Data:
        assert self.path is not None
        stamp = time.strftime("%Y%m%dT%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.bad-{stamp}")
        os.replace(self.path, aside)
        message = f"notes file {self.path} was not a csto-tui notebook ({why}); moved aside to {aside.name}"
        backup = self.backup_path
        try:
            data = self._parse(backup)
        except (OSError, NotOurs, TooNew):
            self.warnings.append(f"{message}; starting an empty notebook")
            return {}
        self.warnings.append(f"{message}; restored the previous version from {backup.name}")
        return data

    @property
    def backup_path(self) -> Path:
        assert self.path is not None
        return self.path.with_name(f"{self.path.name}.bak")

    # Writing.

    def write(self, data: Data) -> None:
        data = _copy(data)
        data.setdefault("meta", meta_table())
        if self._memory is not None:
            self._memory = data
            return
        assert self.path is not None
        try:
            with self._lock():
                merged = merge(self._base, data, self._load(locked=True))
                self._replace(merged)
        except OSError as exc:
            self._stop_saving(data, f"notes not saved to {self.path}: {describe_os_error(exc)}")
            return
        except TooNew as exc:
            self._stop_saving(data, f"notes not saved to {self.path}: {exc}")
            return
        self._base = merged

    def _replace(self, data: Data) -> None:
        assert self.path is not None
        # The lock is held, so no save is under way: a temp file left here was a killed session's.
        for stale in self.path.parent.glob(f".{self.path.name}-*.tmp"):
            with _suppress_missing():
                stale.unlink()
        if self.path.exists():
            self._keep_backup()
        write_text_atomic(self.path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", mode=0o600)

    def _keep_backup(self) -> None:
        """The file as it is now becomes ``.bak`` (a hard link: no copy, and atomic)."""
        assert self.path is not None
        link = self.path.with_name(f".{self.path.name}.bak-{os.getpid()}")
        with _suppress_missing():
            os.unlink(link)
        os.link(self.path, link)
        os.replace(link, self.backup_path)

    @contextmanager
    def _lock(self) -> Iterator[None]:
        assert self.path is not None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path.with_name(f"{self.path.name}.lock"), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing releases the lock

    def _stop_saving(self, data: Data, warning: str) -> None:
        self._memory = data
        self.warnings.append(f"{warning}; marks and notes are kept for this session only")


@contextmanager
def _suppress_missing() -> Iterator[None]:
    try:
        yield
    except FileNotFoundError:
        pass
