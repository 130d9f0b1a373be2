"""Numbers, dates and durations people type have bounds; beyond them, a clear refusal (issue 16).
Each case is one a real extract or a slip of the keyboard produced."""

from __future__ import annotations

from datetime import UTC
from decimal import Decimal
from pathlib import Path

import pytest

from migctl import values
from migctl.services.mapping.ledger import parse_cents


@pytest.mark.parametrize("text", ["1_234,56", "1_234.56", "１２３", "١٢٣", "1e400",
                                  "1234567890123456,00", "0,1234567"])
def test_numbers_out_of_bounds_or_with_foreign_digits_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        values.parse_decimal(text)


def test_the_largest_allowed_amount_still_reads() -> None:
    assert values.parse_decimal("123 456 789 012 345,99") == Decimal("123456789012345.99")
    assert values.parse_decimal("0,000001") == Decimal("0.000001")


@pytest.mark.parametrize("text", ["1_234,56", "1_234.56", "１２３,00", "１２３"])
def test_the_fast_amount_path_refuses_what_the_slow_one_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_cents(text)


@pytest.mark.parametrize("text", ["1.1.0001", "0001-01-01", "31.12.9999", "１.１.２０２６"])
def test_dates_outside_the_era_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        values.parse_date(text)


@pytest.mark.parametrize("text", ["0001-01-01T00:00", "1899-12-31 23:59",
                                  "３１.１２.２０２６ 16:00"])
def test_datetimes_outside_the_era_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        values.parse_datetime(text, UTC)


@pytest.mark.parametrize("text", ["999999999999", "100001d", "１２"])
def test_durations_beyond_any_calendar_or_in_foreign_digits_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        values.parse_duration(text)


def test_long_cells_are_cut_in_messages() -> None:
    with pytest.raises(ValueError) as caught:
        values.parse_decimal("9" * 100_000)
    assert len(str(caught.value)) < 200


def test_the_fast_amount_path_keeps_the_bounds() -> None:
    assert parse_cents("-123456789012345,67") == -12345678901234567
    for text in ("1234567890123456,00", "123456789012345678901234567,00", "1234567890123456"):
        with pytest.raises(ValueError, match="too large"):
            parse_cents(text)


def test_mapping_coverage_never_rounds_up_to_a_hundred() -> None:
    from migctl.services.mapping.checks import coverage_pct

    assert coverage_pct(19_999, 20_000) == Decimal("99.99")
    assert coverage_pct(20_000, 20_000) == Decimal("100.00")


def test_a_csv_mixing_utf8_and_cp1252_is_refused_at_the_first_foreign_line(
        tmp_path: Path) -> None:
    from migctl.errors import InputError
    from migctl.importers import Column, TableSpec, read_table

    spec = TableSpec(columns=(Column("key"), Column("name")))
    mixed = tmp_path / "mixed.csv"
    mixed.write_bytes("key;name\n1;Järvenpää\n2;Ok\n".encode()
                      + "3;Hämeenlinna\n".encode("cp1252"))
    with pytest.raises(InputError, match=r"mixed.csv:4: this line is not utf-8"):
        list(read_table(mixed, spec).rows)
    legacy = tmp_path / "legacy.csv"
    legacy.write_bytes("key;name\n1;Järvenpää\n2;€ 12\n".encode("cp1252"))
    assert [r.values["name"] for r in read_table(legacy, spec).rows] == ["Järvenpää", "€ 12"]


def test_a_directory_as_input_says_so(tmp_path: Path) -> None:
    from migctl.errors import InputError
    from migctl.importers import Column, TableSpec, read_table

    with pytest.raises(InputError, match="is a directory"):
        read_table(tmp_path, TableSpec(columns=(Column("key"),)))
