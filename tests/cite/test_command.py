"""``csto-tui cite``: the same text as the copy, on stdout, with one-line errors and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest

from csto_tui.cite.formats import FORMAT_KEYS, Article, render
from csto_tui.cite.selection import article, selection
from csto_tui.cli import main
from csto_tui.model import SCHEMA_VERSION, Meta, RecordRef, Store
from csto_tui.paths import shipped_store
from tests.cite.samples import ALL, ESCAPED_8, MISSING_9, MOSCOW_TIMES_20

META = Meta(
    SCHEMA_VERSION,
    "data/source/zhwiki-csto.md",
    "0" * 64,
    "集体安全条约组织",
    "https://zh.wikipedia.org/wiki/集体安全条约组织",
    "CC BY-SA 4.0",
    "tests",
    "0",
)


def _table(records: list[object]) -> dict[str, object]:
    return {str(i + 1): msgspec.to_builtins(r) for i, r in enumerate(records)}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "store.json"
    tables = {
        "meta": _table([META]),
        "events": {},
        "members": {},
        "citations": _table(list(ALL)),
        "case_files": {},
        "entities": {},
    }
    path.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")
    return path


def _run(capsysbinary: pytest.CaptureFixture[bytes], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsysbinary.readouterr()
    return code, out.decode("utf-8"), err.decode("utf-8")


@pytest.mark.parametrize("key", FORMAT_KEYS)
def test_prints_the_copy_text(db: Path, key: str, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    code, out, err = _run(capsysbinary, "cite", "20", "--format", key, "--db", str(db))
    assert (code, err) == (0, "")
    assert out == render(key, [MOSCOW_TIMES_20], article=Article(META.source_title, META.source_url)) + "\n"


def test_escaped_url_is_printed_verbatim(db: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert _run(capsysbinary, "cite", "8", "-f", "url", "--db", str(db)) == (0, f"{ESCAPED_8.url}\n", "")


def test_missing_reference(db: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    code, out, err = _run(capsysbinary, "cite", "9", "--db", str(db))
    assert code == 0 and out.startswith("[9] Reference text missing in the source: 集体安全条约组织")
    code, out, err = _run(capsysbinary, "cite", "9", "--format", "url", "--db", str(db))
    assert (code, out) == (1, "")
    assert err == "csto-tui: url: reference [9] has no URL in the source\n"
    assert MISSING_9.n == 9


def test_list_formats(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    code, out, err = _run(capsysbinary, "cite", "--list-formats")
    assert code == 0 and err == ""
    assert [line.split()[0] for line in out.splitlines()] == list(FORMAT_KEYS)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["cite", "18", "--format", "ris"], "csto-tui: unknown format 'ris' (choose from: plain, markdown,"),
        (["cite"], "csto-tui: cite needs a footnote number"),
        (["cite", "99"], "csto-tui: no footnote [99] in "),
    ],
)
def test_bad_input_is_one_line(
    db: Path, argv: list[str], message: str, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    code, out, err = _run(capsysbinary, *argv, "--db", str(db))
    assert code == 2 and out == ""
    assert err.startswith(message) and err.count("\n") == 1


def test_bad_store_is_one_line(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    code, out, err = _run(capsysbinary, "cite", "1", "--db", str(bad))
    assert code == 2 and out == "" and err.startswith("csto-tui: ") and err.count("\n") == 1
    assert bad.read_text(encoding="utf-8") == "{not json"


def test_utf8_whatever_the_locale(db: Path) -> None:
    # A script under LANG=C or an ASCII stdout still gets the exact UTF-8 bytes, never a traceback.
    env = {"LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": "ascii", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-m", "csto_tui", "cite", "9", "--db", str(db)], capture_output=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "集体安全条约组织".encode() in result.stdout


SHIPPED = str(shipped_store())


@pytest.mark.parametrize("key", FORMAT_KEYS)
def test_record_prints_what_y_copies(key: str, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    store = Store.open(shipped_store())
    chosen = selection(store, RecordRef("event", "kg-bakiyev-ousted"))
    assert chosen is not None and chosen.placements  # a passage footnote: [18] sits after a later sentence
    code, out, err = _run(capsysbinary, "cite", "--record", "event:kg-bakiyev-ousted", "-f", key, "--db", SHIPPED)
    assert (code, err) == (0, "")
    assert out == chosen.render(key, article=article(store)) + "\n"
    if key not in ("url", "wayback"):
        assert "Passage footnote: the article does not place" in out


def test_record_with_no_footnote(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    argv = ["cite", "--record", "event:lead-uzbekistan-leaves", "--db", SHIPPED]
    assert _run(capsysbinary, *argv) == (
        1,
        "",
        "csto-tui: this event has no footnote in the article (--article cites the article itself for it)\n",
    )
    code, out, err = _run(capsysbinary, *argv, "--article")
    assert (code, err) == (0, "")
    assert out.startswith(
        "集体安全条约组织. Wikipedia. https://zh.wikipedia.org/wiki/集体安全条约组织\nCited for 「但于2012年退出」"
    )


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["--record", "event:no-such"], 2, "csto-tui: no record event:no-such in "),
        (["--record", "nonsense"], 2, "csto-tui: --record takes KIND:ID"),
        (["--record", "event:lead-uzbekistan-suspended", "--article"], 1, "csto-tui: event:lead-uzbekistan-suspended"),
        (["18", "--article"], 2, "csto-tui: --article goes with --record"),
        (["18", "--record", "citation:18"], 2, "csto-tui: cite needs a footnote number or a record"),
    ],
)
def test_bad_record_is_one_line(
    argv: list[str], code: int, message: str, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    got, out, err = _run(capsysbinary, "cite", *argv, "--db", SHIPPED)
    assert (got, out) == (code, "")
    assert err.startswith(message) and err.count("\n") == 1
