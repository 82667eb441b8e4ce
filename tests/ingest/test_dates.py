"""Date expressions: explicit, yearless, ranges and the relative forms the article uses."""

from __future__ import annotations

import pytest

from csto_tui.ingest.dates import DateError, DateExpr, Resolved, find_dates, resolve


def one(text: str) -> DateExpr:
    found = find_dates(text)
    assert len(found) == 1, found
    return found[0]


def day(value: str) -> Resolved:
    return Resolved(value, "day", "explicit")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1992年5月15日签署", ("1992-05-15", "day")),
        ("2007年10月，", ("2007-10", "month")),
        ("于2012年退出", ("2012", "year")),
        ("名为“鲁贝兹2008”的军事演习", ("2008", "year")),
        ("自2013起開始成為觀察員國", ("2013", "year")),
    ],
)
def test_explicit_dates(text: str, expected: tuple[str, str]) -> None:
    resolved = resolve(one(text), None)
    assert (resolved.date, resolved.precision) == expected


def test_range_keeps_its_start_and_names_its_end() -> None:
    expr = one("2009年7月31日至8月1日，集体安全条约组织")
    assert expr.kind == "range" and expr.text == "2009年7月31日至8月1日"
    resolved = resolve(expr, None)
    assert resolved.date == "2009-07-31"
    assert "2009-08-01" in resolved.basis


@pytest.mark.parametrize(
    ("text", "base", "expected"),
    [
        ("格鲁吉亚在第二年签署了该条约", Resolved("1992", "year", "explicit"), ("1993", "year")),
        ("五年后，除阿塞拜疆", Resolved("1994", "year", "explicit"), ("1999", "year")),
        ("白俄罗斯于次年10月签署了该协定", day("2009-06-14"), ("2010-10", "month")),
        ("三天前，即", day("2008-08-29"), ("2008-08-26", "day")),
        ("随后一个月，梅德韦杰夫", Resolved("2010-04", "month", "x"), ("2010-05", "month")),
        ("仅仅几周后，奥通巴耶娃", day("2010-07-21"), ("2010-08", "month")),
        ("计划于6月14日最后确定", day("2009-02-04"), ("2009-06-14", "day")),
        ("十二个月后", Resolved("2009-12", "month", "x"), ("2010-12", "month")),
        ("两周后", day("2010-12-25"), ("2011-01", "month")),
    ],
)
def test_relative_dates(text: str, base: Resolved, expected: tuple[str, str]) -> None:
    expr = one(text)
    resolved = resolve(expr, base, "(base)")
    assert (resolved.date, resolved.precision) == expected
    assert expr.text in resolved.basis and base.date in resolved.basis


def test_a_few_weeks_across_a_month_boundary_keeps_only_the_year() -> None:
    resolved = resolve(one("几周后"), day("2010-08-10"))
    assert (resolved.date, resolved.precision) == ("2010", "year")


@pytest.mark.parametrize(
    ("text", "base"),
    [
        ("第二年", None),
        ("随后一个月", Resolved("2005", "year", "explicit")),
        ("三天前", Resolved("2008-08", "month", "explicit")),
        ("几年后", Resolved("2008", "year", "explicit")),
    ],
)
def test_relative_dates_without_a_usable_base_are_errors(text: str, base: Resolved | None) -> None:
    with pytest.raises(DateError):
        resolve(one(text), base)


def test_impossible_dates_are_errors() -> None:
    with pytest.raises(DateError):
        resolve(one("2010年2月30日"), None)


@pytest.mark.parametrize(
    "text",
    ["有效期5年", "再延长5年", "10000多名士兵", "4000名士兵", "idUSTRE63O0PT20100425", "7名成员国中5名", "150px"],
)
def test_numbers_that_are_not_dates(text: str) -> None:
    assert find_dates(text) == ()


def test_expressions_do_not_overlap() -> None:
    found = find_dates("2008年8月29日，三天前，即8月26日")
    assert [(e.kind, e.text) for e in found] == [
        ("day", "2008年8月29日"),
        ("offset", "三天前"),
        ("month_day", "8月26日"),
    ]
