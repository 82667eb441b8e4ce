"""Bad stores: one line on stderr naming the file and the problem, exit 2, no traceback, bytes unchanged.

Each case runs through the loader in-process, through the app entry (``csto-tui --db X``) and
through ``csto-tui db check --db X``, as real subprocesses.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from csto_tui.model import Store, StoreError
from csto_tui.model.store import MAX_STORE_BYTES

from .conftest import can_drop_privileges, run_cli
from .storegen import sha256, store_doc, write_store

Maker = Callable[[Path], Path]


def _json(doc: object) -> Maker:
    def make(d: Path) -> Path:
        path = d / "store.json"
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        return path

    return make


def _raw(data: bytes) -> Maker:
    def make(d: Path) -> Path:
        path = d / "store.json"
        path.write_bytes(data)
        return path

    return make


def _edited(edit: Callable[[dict], None]) -> Maker:  # type: ignore[type-arg]
    doc = store_doc()
    edit(doc)
    return _json(doc)


def _missing(d: Path) -> Path:
    return d / "nope.json"


def _directory(d: Path) -> Path:
    (d / "store.json").mkdir()
    return d / "store.json"


def _truncated(d: Path) -> Path:
    good = write_store(d / "good.json", store_doc()).read_bytes()
    return _raw(good[: len(good) // 2])(d)


def _very_large(d: Path) -> Path:
    # Sparse: the size is real to stat() and read(), the disk holds nothing.
    path = d / "store.json"
    with open(path, "wb") as handle:
        handle.write(b'{"meta": ')
        handle.truncate(MAX_STORE_BYTES + 1024 * 1024)
    return path


def _lone_surrogate(d: Path) -> Path:
    doc = store_doc()
    doc["events"]["1"]["summary_en"] = "MARK"
    return _raw(json.dumps(doc).replace("MARK", "\\ud800").encode())(d)


def _fifo(d: Path) -> Path:
    os.mkfifo(d / "store.json")
    return d / "store.json"


def _set(table: str, field: str, value: object, doc_id: str = "1") -> Callable[[dict], None]:  # type: ignore[type-arg]
    def edit(doc: dict) -> None:  # type: ignore[type-arg]
        doc[table][doc_id][field] = value

    return edit


def _drop(table: str) -> Callable[[dict], None]:  # type: ignore[type-arg]
    return lambda doc: doc.pop(table)


# (case id, how to make it, what the one line must say)
CASES: list[tuple[str, Maker, str]] = [
    ("missing-file", _missing, "no such file"),
    ("directory", _directory, "is a directory"),
    ("empty-file", _raw(b""), "empty file"),
    ("invalid-json", _raw(b'{"meta": {"1": {oops}}}'), "invalid JSON at line 1 column"),
    ("truncated-json", _truncated, "invalid JSON at line"),
    ("not-utf8", _raw('{"meta": "\u00e9"}'.encode("latin-1")), "not UTF-8"),
    ("json-array", _json([1, 2, 3]), "not a TinyDB store"),
    ("plain-tinydb", _json({"_default": {"1": {"name": "x"}}}), "table 'meta' is missing"),
    ("table-not-object", _edited(lambda d: d.update(events=[])), "table 'events' is not an object"),
    ("bad-doc-id", _edited(lambda d: d["events"].update(x={})), "non-numeric document id"),
    ("schema-version", _edited(_set("meta", "schema_version", 99)), "schema version 99"),
    ("missing-table", _edited(_drop("citations")), "table 'citations' is missing"),
    ("wrong-type-list", _edited(_set("events", "refs", "1")), "events[1].refs: expected a list, got str"),
    ("wrong-type-int", _edited(_set("citations", "n", "1")), "citations[1].n: expected int, got str"),
    ("wrong-type-bool", _edited(_set("events", "refs", [True])), "expected int, got bool"),
    ("wrong-literal", _edited(_set("events", "precision", "week")), "'week' is not one of"),
    ("missing-field", _edited(lambda d: d["events"]["1"].pop("summary_en")), "missing field 'summary_en'"),
    ("unknown-field", _edited(_set("events", "extra", 1)), "unknown field 'extra'"),
    ("dangling-ref", _edited(_set("events", "refs", [999])), "footnote [999] does not exist"),
    ("dangling-actor", _edited(_set("events", "actors", ["country:atlantis"])), "unknown actor 'country:atlantis'"),
    ("bad-date", _edited(_set("events", "date", "19xx")), "date '19xx' is not YYYY"),
    ("duplicate-id", _edited(_set("events", "id", "ev-1")), "event id 'ev-1' appears twice"),
    ("lone-surrogate", _lone_surrogate, "events[1].summary_en: not valid Unicode text"),
    ("huge-integer", _raw(b'{"meta": ' + b"1" * 5000 + b"}"), "invalid JSON"),
    ("deep-nesting", _raw(b"[" * 100_000), "invalid JSON"),
    ("very-large", _very_large, "too large"),
    ("fifo", _fifo, "not a regular file"),
]


@pytest.fixture
def store_dir() -> Iterator[Path]:
    # World-traversable, so the unprivileged check can reach the file itself.
    with tempfile.TemporaryDirectory(prefix="csto-bad-") as name:
        os.chmod(name, 0o755)
        yield Path(name)


def _fingerprint(path: Path) -> str:
    if path.is_file():
        return sha256(path)
    return "missing" if not path.exists() else f"mode {stat.S_IFMT(path.stat().st_mode)}"


# The app entry says "csto-tui: ", the ingest command "csto-tui db check: "; the StoreError after it is the same.
PREFIX = {(): "csto-tui: ", ("db", "check"): "csto-tui db check: "}


def _assert_one_line(stderr: str, command: list[str], path: Path, problem: str) -> None:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    assert lines[0].startswith(f"{PREFIX[tuple(command)]}{path}: "), lines[0]
    assert problem in lines[0], lines[0]
    assert "\x1b" not in lines[0]


@pytest.mark.parametrize(("maker", "problem"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_loader_raises_store_error(store_dir: Path, maker: Maker, problem: str) -> None:
    path = maker(store_dir)
    before = _fingerprint(path)
    with pytest.raises(StoreError) as info:
        Store.open(path)
    message = str(info.value)
    assert "\n" not in message and message.startswith(f"{path}: ") and problem in message, message
    assert _fingerprint(path) == before


COMMANDS = [[], ["db", "check"]]


@pytest.fixture(scope="module")
def cli_runs() -> Iterator[dict[tuple[str, str], tuple[Path, str, subprocess.CompletedProcess[str], str]]]:
    """Every case through both commands, all processes at once (each is mostly start-up wait)."""
    with tempfile.TemporaryDirectory(prefix="csto-bad-cli-") as root:
        jobs = {}
        with ThreadPoolExecutor(max_workers=16) as pool:
            for name, maker, _ in CASES:
                for command in COMMANDS:
                    case_dir = Path(root) / f"{name}-{len(command)}"
                    case_dir.mkdir()
                    path = maker(case_dir)
                    before = _fingerprint(path)
                    future = pool.submit(run_cli, [*command, "--db", str(path)])
                    jobs[(name, " ".join(command) or "app")] = (path, before, future)
            yield {
                key: (path, before, future.result(), _fingerprint(path)) for key, (path, before, future) in jobs.items()
            }


@pytest.mark.parametrize(("name", "problem"), [(c[0], c[2]) for c in CASES], ids=[c[0] for c in CASES])
@pytest.mark.parametrize("command", COMMANDS, ids=["app", "db-check"])
def test_cli_reports_one_line(cli_runs: dict, name: str, problem: str, command: list[str]) -> None:  # type: ignore[type-arg]
    path, before, result, after = cli_runs[(name, " ".join(command) or "app")]
    assert result.returncode == 2, (result.returncode, result.stderr)
    _assert_one_line(result.stderr, command, path, problem)
    assert result.stdout == ""
    assert after == before
    with pytest.raises(StoreError) as info:
        Store.open(path)
    assert result.stderr == f"{PREFIX[tuple(command)]}{info.value}\n"


@pytest.mark.skipif(
    os.geteuid() == 0 and not can_drop_privileges(), reason="root, and no setpriv or no Python that runs as 'nobody'"
)
@pytest.mark.parametrize("command", [[], ["db", "check"]], ids=["app", "db-check"])
def test_unreadable_store(store_dir: Path, command: list[str]) -> None:
    # Root reads anything, so as root the check runs as 'nobody' against a file only root may
    # read; as anyone else, against a file its owner made unreadable.
    path = write_store(store_dir / "store.json", store_doc())
    before = sha256(path)
    mode = 0o600 if os.geteuid() == 0 else 0o000
    path.chmod(mode)
    try:
        result = run_cli([*command, "--db", str(path)], user="nobody" if os.geteuid() == 0 else None)
        assert result.returncode == 2, (result.returncode, result.stderr)
        _assert_one_line(result.stderr, command, path, "permission denied")
        assert stat.S_IMODE(path.stat().st_mode) == mode
    finally:
        path.chmod(0o600)
    assert sha256(path) == before


def test_hostile_path_stays_one_line(store_dir: Path) -> None:
    # The file name itself is untrusted: no newline or escape sequence reaches the terminal.
    path = store_dir / "evil\n\x1b]52;c;aGk=\x07name.json"
    result = run_cli(["--db", str(path)])
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "no such file" in result.stderr


def test_long_path_is_an_error_not_a_traceback(store_dir: Path) -> None:
    result = run_cli(["--db", str(store_dir / ("x" * 5000))])
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "File name too long" in result.stderr


def test_good_store_opens_and_stays_unchanged(good_store: Path) -> None:
    before = sha256(good_store)
    store = Store.open(good_store)
    assert len(store.events) == 12
    assert sha256(good_store) == before


def test_size_cap_admits_a_100k_event_store() -> None:
    # The size a 100,000-event store takes, estimated from 1,000 events of realistic length
    # (CJK source text, English summaries), must sit well inside the cap.
    def text(field: str, i: int) -> str:
        return ("集体安全条约组织成员国在莫斯科举行会议。" * 3) if "zh" in field or "source" in field else "x" * 120

    sample = json.dumps(store_doc(1000, text=text), ensure_ascii=False, indent=1).encode()
    per_event = len(sample) / 1000
    assert 100_000 * per_event < MAX_STORE_BYTES * 0.8, f"{per_event:.0f} bytes per event"
