"""One language at a time: English for the article's table vocabulary, and labels for what stays Chinese.

In English mode nothing Chinese is shown unless it is labelled as the source: ``source: 「…」``.
The member tables' cells are a small closed vocabulary (dates, 未簽署, 創始國 …), given here
in English word for word; a cell outside it is shown as labelled source text rather than guessed.
In Chinese mode, text that exists only in English is labelled as such (``ENGLISH``).
No Textual here: the roster, the inspector and the tests share these helpers.
"""

from __future__ import annotations

import re

from csto_tui.dates import MONTH_NAMES

SOURCE = "source:"
ENGLISH = "English summary: "  # the label, in Chinese mode, of text the store has only in English
# Chinese characters and full-width punctuation; digits are taken in when they belong to a run (1994年).
_HAN = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
CJK = re.compile(f"[{_HAN}]")
# A run is Chinese from its first character to its last, with what the article puts between (digits,
# quotation marks, brackets, spaces, an acronym like NATO) but no lower-case letter: the English around it
# is left outside.
_RUN = re.compile(f"[0-9]*[{_HAN}](?:[^a-z{_HAN}]*[{_HAN}])*")
_DATE = re.compile(r"(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?")

# The member tables' headers, the article's section names, and the cell values of the tables.
HEADERS = {
    "签署": "signed",
    "批准": "ratified",
    "宪章批准": "charter ratified",
    "宣布退出": "withdrawal announced",
    "退出生效": "withdrawal effective",
    "備註": "note",
    "軍隊": "armed forces",
    "軍事力量": "armed forces",
    "国家": "state",
}
SECTIONS = {
    "lead": "lead",
    "infobox": "infobox",
    "歷史": "History",
    "現況": "Current situation",
    "吉爾吉斯衝突": "Kyrgyz conflict",
    "集體快速反應部隊": "Collective Rapid Reaction Force",
}
CELLS = {
    "未簽署": "not signed",
    "未批准": "not ratified",
    "已退出": "withdrawn",
    "创始成员国": "founding member state",
    "創始國，已退出": "founding state, withdrawn",
    "創始國，計畫加入北約（NATO）": "founding state, plans to join NATO",
    "觀察員國。自2013起開始成為觀察員國。": "observer state. An observer state since 2013.",
    "候選國": "candidate state",
}
_ARMED_FORCES = "軍事"  # "X軍事": the wiki page on state X's military


def source(text: str) -> str:
    """Chinese text shown in English mode, labelled as the article's."""
    return f"{SOURCE} 「{text}」"  # the space lets a narrow pane wrap after the label, not inside it


def label_runs(text: str) -> str:
    """English text that quotes the article (a note, how a date was found): each Chinese run labelled."""
    return _RUN.sub(lambda m: source(m.group()), text)


def english_date(text: str) -> str | None:
    """2002年5月14日 -> 14 May 2002, 2002年5月 -> May 2002, 2002年 -> 2002; None if ``text`` is not a date."""
    m = _DATE.fullmatch(text)
    if m is None:
        return None
    year, month, day = m.groups()
    if month is None:
        return year
    if not 1 <= int(month) <= 12:
        return None
    name = MONTH_NAMES[int(month) - 1]
    return f"{name} {year}" if day is None else f"{int(day)} {name} {year}"


def cell(header: str, value: str, state: str) -> str:
    """A table cell in English (``state``: the row's state, English name); unknown values labelled as source."""
    value = value.strip()
    if value in CELLS:
        return CELLS[value]
    if (date := english_date(value)) is not None:
        return date
    if value.endswith("退出") and (date := english_date(value.removesuffix("退出"))) is not None:
        return f"withdrew {date}"
    if header in ("軍隊", "軍事力量") and value.endswith(_ARMED_FORCES):
        return f"military of {state}"
    return source(value)


def header(name: str) -> str:
    return HEADERS.get(name) or source(name)


def section(name: str) -> str:
    return SECTIONS.get(name) or source(name)


def unlabelled_cjk(text: str) -> int:
    """Chinese characters in ``text`` outside ``source: 「…」`` labels (the tests' measure of mixed language).

    ``text`` is what a pane shows: a label scrolled above its top leaves the rest of its quote, up to
    the closing 」 (or from the opening 「 on the first line), and a quote cut at the bottom runs to the end.
    """
    text = text.lstrip()
    if text.startswith("「"):  # the pane's first line opens a quote whose label wrapped onto the line above
        text = f"{SOURCE} {text}"
    first_open = text.find("「")
    first_close = text.find("」")
    if first_close != -1 and (first_open == -1 or first_close < first_open):
        text = text[first_close + 1 :]
    return len(CJK.findall(re.sub(f"{SOURCE}\\s*「[^」]*(」|$)", "", text)))
