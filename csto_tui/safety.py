"""Make untrusted store text inert before it reaches a terminal, Rich or a clipboard.

One module serves the UI, the clipboard and the CLI. Text from a store is data:
escape sequences are removed whole (so no "[31m" debris is left), other control
characters, bidi overrides and zero-width characters are dropped, and only
http(s) URLs may become hyperlinks. Markup is never parsed from store text:
widgets wrap it in ``rich.text.Text`` rather than escaping and re-parsing.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# ESC-introduced sequences: CSI (ESC [ ... final), OSC/DCS/SOS/PM/APC strings up to
# BEL or ST, and two-character escapes. The 8-bit C1 forms are covered too.
_ESCAPE_SEQUENCE = re.compile(
    r"""
    (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]                 # CSI
    | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])        # OSC, DCS, SOS, PM, APC ...
      [^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?          # ... up to BEL or ST
    | \x1b[ -/]*[0-~]                                 # other escapes
    """,
    re.VERBOSE,
)
# C0 and C1 controls (newline and tab handled separately), DEL, bidi embeddings,
# overrides and isolates, zero-width characters, the BOM, lone surrogates (they cannot
# be encoded for a terminal) and Unicode tag characters (invisible text smuggling).
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069"
    "\ud800-\udfff\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)
_WHITESPACE_RUN = re.compile(r"\s+")


def clean(text: str) -> str:
    """``text`` without escape sequences or invisible controls; newlines kept, tabs as spaces."""
    text = _ESCAPE_SEQUENCE.sub("", text)
    # Line and paragraph separators break lines for Python but not for a terminal.
    text = text.replace("\r\n", "\n").replace("\t", " ").replace("\u2028", "\n").replace("\u2029", "\n")
    return _INVISIBLE.sub("", text)


def clean_line(text: str) -> str:
    """``clean`` folded to one line: every run of whitespace becomes one space."""
    return _WHITESPACE_RUN.sub(" ", clean(text)).strip()


def safe_url(url: str | None) -> str | None:
    """The URL if it may become a terminal hyperlink (http or https, no controls), else None."""
    if not url:
        return None
    if url != clean(url) or any(ch.isspace() for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url
