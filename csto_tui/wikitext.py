"""The article's wiki Markdown as a reader sees it.

The store keeps exact source text (links, escapes and footnote markers included) so it
can be proven to be in the article; only what is shown or copied is made readable.
"""

from __future__ import annotations

import re

from csto_tui.safety import clean_line

# [label](target "wikilink"); targets may hold one level of parentheses.
_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_FOOTNOTE = re.compile(r"\\\[\d+\\\]")
_ESCAPED = re.compile(r"\\([\[\]*_])")


def readable(text: str) -> str:
    """Wiki links shown as their label, footnote markers and bold marks dropped, on one clean line."""
    text = _FOOTNOTE.sub("", text)
    text = _LINK.sub(r"\1", text).replace("**", "")
    return clean_line(_ESCAPED.sub(r"\1", text))
