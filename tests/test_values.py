"""Parsing what people type: Finnish numbers, dates, durations, yes/no."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from migctl import values

HELSINKI = ZoneInfo("Europe/Helsinki")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("-1 234,56", "-1234.56"),
        ("1.234,56", "1234.56"),
        ("1,234.56", "1234.56"),
        ("1\u00a0234\u00a0567,89", "1234567.89"),
        ("1\u202f234,5", "1234.5"),
        ("33,33", "33.33"),
        ("12.5", "12.5"),
        ("1.234.567", "1234567"),
        ("123,45-", "-123.45"),
        ("\u22121 000,00", "-1000.00"),
        ("(50,00)", "-50.00"),
        ("100 %", "100"),
        ("+7", "7"),
        ("1e3", "1E+3"),
        ("12 €", "12"),
    ],
)
def test_parse_decimal_accepts_finnish_and_machine_formats(text: str, expected: str) -> None:
    assert values.parse_decimal(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["abc", "", "1,2,3", "12,5x", "--1", "NaN", "inf", "1..2,3,4"])
def test_parse_decimal_refuses_garbage(text: str) -> None:
    with pytest.raises(ValueError):
        values.parse_decimal(text)


@given(st.decimals(min_value=-10**12, max_value=10**12, places=2, allow_nan=False))
def test_parse_decimal_round_trips_finnish_formatting(amount: Decimal) -> None:
    whole, _, cents = f"{abs(amount):f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = ("-" if amount < 0 else "") + "\u00a0".join(groups) + "," + cents
    assert values.parse_decimal(text) == amount


def test_parse_date() -> None:
    assert values.parse_date("2024-01-31") == date(2024, 1, 31)
    assert values.parse_date("31.1.2024") == date(2024, 1, 31)
    assert values.parse_date("2024-01-31T00:00:00") == date(2024, 1, 31)
    for bad in ("31.13.2024", "2024-02-30", "tomorrow", "2024-01-31T12:00:00"):
        with pytest.raises(ValueError):
            values.parse_date(bad)


def test_parse_datetime_reads_naive_times_in_the_project_zone() -> None:
    assert values.parse_datetime("2026-12-31 16:00", HELSINKI) == datetime(
        2026, 12, 31, 14, 0, tzinfo=UTC)
    assert values.parse_datetime("2026-07-01T16:00", HELSINKI) == datetime(
        2026, 7, 1, 13, 0, tzinfo=UTC)
    assert values.parse_datetime("31.12.2026 16.00", HELSINKI) == datetime(
        2026, 12, 31, 14, 0, tzinfo=UTC)
    assert values.parse_datetime("2026-12-31T16:00:00+00:00", HELSINKI) == datetime(
        2026, 12, 31, 16, 0, tzinfo=UTC)
    assert values.parse_datetime("2026-12-31T16:00:00Z", HELSINKI).hour == 16
    with pytest.raises(ValueError):
        values.parse_datetime("31.12.2026 25:00", HELSINKI)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("90m", 90), ("4h", 240), ("2d", 2880), ("1h30m", 90), ("1,5h", 90), ("45", 45),
     ("0m", 0), ("2 h", 120), ("15min", 15)],
)
def test_parse_duration(text: str, minutes: int) -> None:
    assert values.parse_duration(text) == minutes


@pytest.mark.parametrize("text", ["", "h", "4x", "1.01m", "m4", "4h 3"])
def test_parse_duration_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        values.parse_duration(text)


@given(st.integers(min_value=0, max_value=100_000))
def test_format_duration_round_trips(minutes: int) -> None:
    assert values.parse_duration(values.format_duration(minutes)) == minutes


def test_parse_bool_and_split_list() -> None:
    assert values.parse_bool("Kyllä") is True
    assert values.parse_bool("ei") is False
    assert values.parse_bool("", default=True) is True
    with pytest.raises(ValueError):
        values.parse_bool("maybe")
    assert values.split_list("A, B;C; ;A") == ["A", "B", "C"]


@pytest.mark.parametrize(("text", "expected"), [
    ("in_progress", "in_progress"), ("In Progress", "in_progress"),
    ("  in-PROGRESS ", "in_progress"), ("käynnissä", "in_progress"),
    ("KÄYNNISSÄ", "in_progress"), ("to   do", "todo"),
    ("todo", "todo"),
])
def test_choose_reads_every_vocabulary_the_same_way(text: str, expected: str) -> None:
    words = ("todo", "in_progress", "done")
    aliases = {"käynnissä": "in_progress", "to do": "todo"}
    assert values.choose(text, words, aliases, what="a status") == expected


def test_choose_names_what_it_wanted() -> None:
    with pytest.raises(ValueError, match=r"^'doing' is not a status; use todo, done$"):
        values.choose("doing", ("todo", "done"), what="a status")
    with pytest.raises(ValueError, match=r"^'' is not a role; use legacy or target$"):
        values.choose("", ("legacy", "target"), what="a role", use="legacy or target")


def test_identifier_keeps_one_case_and_says_what_a_good_one_looks_like() -> None:
    import re

    pattern = re.compile(r"[A-Z][A-Z0-9-]{0,9}")
    assert values.identifier("  inc-014 ", pattern, upper=True, what="a key") == "INC-014"
    assert values.identifier("Abc", re.compile(r"[a-z]+"), what="a name") == "abc"
    with pytest.raises(ValueError, match=r"^'1x' is not a key \(e\.g\. INC-014\)$"):
        values.identifier("1x", pattern, upper=True, what="a key (e.g. INC-014)")
