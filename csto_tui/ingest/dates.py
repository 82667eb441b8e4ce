"""Find every date expression in the article and resolve it to an ISO partial date.

Explicit forms are ``1992年5月15日``, ``2007年10月``, ``2002年``, ``6月14日`` (the
year comes from earlier in the paragraph), ranges ``2009年7月31日至8月1日`` and
years written without 年 (``鲁贝兹2008``, ``自2013起``). Relative forms are
``第二年``/``次年``/``翌年`` (optionally with a month: ``次年10月``), ``五年后``,
``三天前``, ``随后一个月`` and ``仅仅几周后``; they resolve against a base date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from csto_tui.model.records import DateMethod, Precision

NUMERALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
NUM = r"[0-9一二两三四五六七八九十几数]+"

PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "range",
        re.compile(
            r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日至(?:(?P<y2>\d{4})年)?(?:(?P<m2>\d{1,2})月)?(?P<d2>\d{1,2})日"
        ),
    ),
    ("day", re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日")),
    ("month", re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月")),
    ("year", re.compile(r"(?P<y>\d{4})年")),
    ("next_year", re.compile(r"(?P<ord>第[0-9一二三四五六七八九十]+|次|翌)年(?:(?P<m>\d{1,2})月)?")),
    (
        "offset",
        re.compile(r"(?:仅仅|仅|随后)?(?P<n>" + NUM + r")(?:个)?(?P<unit>年|月|周|星期|天)(?P<dir>之后|以后|后|前)"),
    ),
    ("offset", re.compile(r"随后(?P<n>" + NUM + r")(?:个)?(?P<unit>年|月|周|星期|天)(?P<dir>)")),
    ("month_day", re.compile(r"(?<![年\d])(?P<m>\d{1,2})月(?P<d>\d{1,2})日")),
    ("bare_year", re.compile(r"(?<![\d.])(?P<y>1[89]\d{2}|20\d{2})(?![\d年])")),
)


@dataclass(frozen=True, slots=True)
class DateExpr:
    kind: str  # range, day, month, year, next_year, offset, month_day, bare_year
    start: int
    end: int
    text: str
    groups: tuple[tuple[str, str], ...]

    def group(self, name: str) -> str | None:
        return dict(self.groups).get(name) or None

    @property
    def relative(self) -> bool:
        return self.kind in ("next_year", "offset")

    @property
    def has_year(self) -> bool:
        return self.kind in ("range", "day", "month", "year", "bare_year")


@dataclass(frozen=True, slots=True)
class Resolved:
    date: str
    precision: Precision
    basis: str
    method: DateMethod = "explicit"
    end: str | None = None  # the last day of a range


class DateError(ValueError):
    """A date expression that cannot be resolved as asked."""


def find_dates(text: str, start: int = 0, end: int | None = None) -> tuple[DateExpr, ...]:
    """Every date expression in text[start:end], leftmost-longest, not overlapping."""
    end = len(text) if end is None else end
    found: list[DateExpr] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text, start, end):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            groups = tuple((k, v) for k, v in m.groupdict().items() if v)
            found.append(DateExpr(kind, m.start(), m.end(), m.group(0), groups))
            taken.append((m.start(), m.end()))
    return tuple(sorted(found, key=lambda d: d.start))


def iso(year: int, month: int | None = None, day: int | None = None) -> str:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def precision_of(value: str) -> Precision:
    return {4: "year", 7: "month"}.get(len(value), "day")  # type: ignore[return-value]


def _checked(year: int, month: int | None = None, day: int | None = None) -> str:
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"month {month} does not exist")
    if month is not None and day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise DateError(f"day {year}-{month:02d}-{day:02d} does not exist")
    return iso(year, month, day)


def _number(word: str) -> int | None:
    """Chinese or Arabic numerals up to 99; None for 几/数 (a few)."""
    if word.isdigit():
        return int(word)
    if word in ("几", "数"):
        return None
    if word.startswith("十"):
        return 10 + NUMERALS.get(word[1:], 0)
    if "十" in word:
        tens, _, ones = word.partition("十")
        return NUMERALS.get(tens, 0) * 10 + NUMERALS.get(ones, 0)
    if word in NUMERALS:
        return NUMERALS[word]
    raise DateError(f"not a number: {word!r}")


def resolve(expr: DateExpr, base: Resolved | None, base_label: str = "") -> Resolved:
    """The ISO date an expression stands for; relative and yearless ones need ``base``."""
    y = expr.group("y")
    m = expr.group("m")
    d = expr.group("d")
    if expr.kind == "range":
        first = _checked(int(y or 0), int(m or 0), int(d or 0))
        last = _checked(int(expr.group("y2") or y or 0), int(expr.group("m2") or m or 0), int(expr.group("d2") or 0))
        return Resolved(first, "day", f"range {expr.text}: {first} to {last}", "range", last)
    if expr.kind == "day":
        return Resolved(_checked(int(y or 0), int(m or 0), int(d or 0)), "day", "explicit")
    if expr.kind == "month":
        return Resolved(_checked(int(y or 0), int(m or 0)), "month", "explicit")
    if expr.kind == "year":
        return Resolved(_checked(int(y or 0)), "year", "explicit")
    if expr.kind == "bare_year":
        return Resolved(_checked(int(y or 0)), "year", f"explicit: the year {y} written without 年")
    if base is None:
        raise DateError(f"{expr.text!r} needs a base date and none precedes it")
    where = f" {base_label}" if base_label else ""
    base_year = int(base.date[:4])
    if expr.kind == "month_day":
        value = _checked(base_year, int(m or 0), int(d or 0))
        return Resolved(value, "day", f"{expr.text} with the year {base_year} of {base.date}{where}", "yearless")
    if expr.kind == "next_year":
        ordinal = expr.group("ord") or "次"
        step = 1 if ordinal in ("次", "翌") else (_number(ordinal[1:]) or 2) - 1
        year = base_year + step
        if m:
            value = _checked(year, int(m))
            return Resolved(
                value, "month", f"{expr.text}: {step} year after {base.date}{where}, month {int(m)}", "relative"
            )
        return Resolved(iso(year), "year", f"{expr.text}: {step} year(s) after {base.date}{where}", "relative")
    return _offset(expr, base, where)


def _offset(expr: DateExpr, base: Resolved, where: str) -> Resolved:
    n = _number(expr.group("n") or "")
    unit = expr.group("unit") or ""
    sign = -1 if expr.group("dir") == "前" else 1
    after = "before" if sign < 0 else "after"
    year = int(base.date[:4])
    if unit == "年":
        if n is None:
            raise DateError(f"{expr.text!r}: 'a few years' cannot be resolved")
        return Resolved(iso(year + sign * n), "year", f"{expr.text}: {n} years {after} {base.date}{where}", "relative")
    if unit == "月":
        if base.precision == "year" or n is None:
            raise DateError(f"{expr.text!r}: needs a base month and a count, got {base.date}")
        months = year * 12 + int(base.date[5:7]) - 1 + sign * n
        value = iso(months // 12, months % 12 + 1)
        return Resolved(value, "month", f"{expr.text}: {n} month(s) {after} {base.date}{where}", "relative")
    if base.precision != "day":
        raise DateError(f"{expr.text!r}: needs a base day, got {base.date}")
    start = date.fromisoformat(base.date)
    per = 7 if unit in ("周", "星期") else 1
    if n is not None:
        moved = start + timedelta(days=sign * n * per)
        if per == 1:
            return Resolved(moved.isoformat(), "day", f"{expr.text}: {n} day(s) {after} {base.date}{where}", "relative")
        return Resolved(
            moved.isoformat()[:7], "month", f"{expr.text}: {n} week(s) {after} {base.date}{where}", "relative"
        )
    # "A few" weeks or days: two to four of them; keep only what all of those agree on.
    low = start + timedelta(days=sign * 2 * per)
    high = start + timedelta(days=sign * 4 * per)
    if low.strftime("%Y-%m") == high.strftime("%Y-%m"):
        value_text = low.isoformat()[:7]
    elif low.year == high.year:
        value_text = str(low.year)
    else:
        raise DateError(f"{expr.text!r}: 'a few' {unit} from {base.date} spans two years")
    span = f"{min(low, high).isoformat()}..{max(low, high).isoformat()}"
    return Resolved(
        value_text,
        precision_of(value_text),
        f"{expr.text}: a few (2-4) {'weeks' if per == 7 else 'days'} {after} {base.date}{where} "
        f"falls in {span}; only {value_text} is certain",
        "relative",
    )
