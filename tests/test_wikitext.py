"""Article text made readable: what the UI shows and the clipboard copies."""

import pytest

from csto_tui.wikitext import readable


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ('[乌兹别克斯坦于](../Page/乌兹别克斯坦.md "wikilink")2006年', "乌兹别克斯坦于2006年"),
        ('[軍事同盟](https://zh.wikipedia.org/wiki/軍事同盟 "wikilink")', "軍事同盟"),
        ('[X](https://en.wikipedia.org/wiki/A_(b) "wikilink")', "X"),
        ("之前。\\[15\\]\\[16\\]", "之前。"),
        ("**集体安全条约组织**（CSTO）", "集体安全条约组织（CSTO）"),
        ("a\\*b", "a*b"),
        ("line one\nline two\x1b[31m", "line one line two"),
    ],
)
def test_readable(source: str, shown: str) -> None:
    assert readable(source) == shown
