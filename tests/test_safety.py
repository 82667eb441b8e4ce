"""The one sanitizing module: escape sequences removed whole, controls dropped, only http(s) links."""

import pytest

from csto_tui.safety import clean, clean_line, safe_url


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("plain 集体安全", "plain 集体安全"),
        ("\x1b[31mred\x1b[0m", "red"),
        ("a\x1b]52;c;aGVsbG8=\x07b", "ab"),  # OSC 52 clipboard write, BEL-terminated
        ("a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b", "alinkb"),  # OSC 8 hyperlink, ST-terminated
        ("a\x1b]0;title\x07b", "ab"),  # window title
        ("a\x9b31mb", "ab"),  # 8-bit CSI
        ("a\x00b\x07c\x7fd\x85e", "abcde"),  # C0, DEL, C1
        ("a\u202eb\u2066c\u200bd\ufeffe", "abcde"),  # bidi override, isolate, zero width, BOM
        ("tab\there\r\nnext", "tab here\nnext"),
        ("[bold]x[/bold] [@click=app.quit]y[/]", "[bold]x[/bold] [@click=app.quit]y[/]"),  # markup stays literal text
        ("𝔸𠀀", "𝔸𠀀"),  # astral plane kept
    ],
)
def test_clean(raw: str, expected: str) -> None:
    assert clean(raw) == expected


def test_clean_line_folds_whitespace() -> None:
    assert clean_line("  one\n two\t\tthree \x1b[2J ") == "one two three"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.reuters.com/article/idUSTRE63O0PT20100425", True),
        ("http://www.dailytimes.com.pk/default.asp?page=2007%5C10%5C06%5Cstory_6-10-2007_pg4_3", True),
        ("HTTP://EXAMPLE.ORG/", True),
        ("javascript:alert(1)", False),
        ("file:///etc/passwd", False),
        ("https://", False),
        ("https://example.org/\x1b]52;c;x\x07", False),
        ("https://example.org/a b", False),
        ("", False),
        (None, False),
    ],
)
def test_safe_url(url: str | None, expected: bool) -> None:
    assert safe_url(url) == (url if expected else None)
