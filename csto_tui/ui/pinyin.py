"""Pinyin for finding and sorting Chinese names: every reading of each character, from pypinyin.

pypinyin's phrase dictionary would pick one reading per word, but costs 57 MiB and 0.8 s to load,
in every session of a served app. Without it each character keeps all its readings (塔什干: ta,
shi or shen, gan), so a query matches whichever reading the reader types; sorting takes the
first, most common reading. Imported when the filter dialog first opens, not at start-up.
"""

from __future__ import annotations

import os
from functools import cache

os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")  # read by pypinyin when it is imported

from pypinyin import Style, pinyin  # after the switch above

__all__ = ["match_rank", "readings", "sort_key"]


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


@cache
def readings(name: str) -> tuple[tuple[str, ...], ...]:
    """Each Chinese character's readings without tones, in order; other characters are skipped."""
    out = []
    for char in name:
        if _is_han(char):
            [found] = pinyin(char, style=Style.NORMAL, heteronym=True)
            out.append(tuple(dict.fromkeys(r.lower() for r in found if r.isascii() and r.isalpha())) or (char,))
    return tuple(out)


def sort_key(name: str) -> str:
    """The name spelled in its first readings (白俄罗斯 -> baieluosi), for an order a Chinese reader expects."""
    return "".join(options[0] for options in readings(name)) or name.casefold()


def _spells(query: str, syllables: tuple[tuple[str, ...], ...]) -> bool:
    """Whether ``query`` is the start of the syllables from the first on, each whole or (the last) begun,
    or their initials (bels for 白俄罗斯)."""

    @cache
    def from_here(q: int, s: int) -> bool:
        if q == len(query):
            return True
        if s == len(syllables):
            return False
        rest = query[q:]
        for option in syllables[s]:
            if option.startswith(rest) or (rest.startswith(option) and from_here(q + len(option), s + 1)):
                return True
            if rest[0] == option[0] and from_here(q + 1, s + 1):  # an initial
                return True
        return False

    return from_here(0, 0)


def match_rank(query: str, name: str) -> int | None:
    """How well a typed query finds a Chinese ``name`` by pinyin: 0 from its start, 1 from a later
    character, None not at all. Spaces and apostrophes in the query are ignored."""
    query = query.lower().replace(" ", "").replace("'", "")
    if not query or not query.isascii():
        return None
    syllables = readings(name)
    for start in range(len(syllables)):
        if _spells(query, syllables[start:]):
            return 0 if start == 0 else 1
    return None
