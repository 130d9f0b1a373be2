"""Hostile or odd input refused at its cell, nothing recorded (issue 16, the remaining items)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from migctl.errors import InputError
from migctl.importers import Column, TableSpec, read_table
from tests.conftest import Cli, snapshot, write_csv, write_xlsx
from tests.test_mapping_translate import _setup

SPEC = TableSpec(columns=(Column("key"), Column("name"),
                          Column("amount", required=False, type="decimal")))
HUGE = 100_000


def _error(path: Path) -> str:
    from migctl.importers.cells import choice_cell, decimal_cell

    with pytest.raises(InputError) as caught:
        for row in read_table(path, SPEC).rows:
            decimal_cell(row, "amount")
            choice_cell(row, "name", {"a": "a"})
    return str(caught.value)


@pytest.mark.parametrize("cell", ["9" * HUGE, "x" * HUGE, "1" * 10 + "," + "5" * HUGE])
def test_a_huge_amount_cell_is_cut_in_its_error(tmp_path: Path, cell: str) -> None:
    message = _error(write_csv(tmp_path / "big.csv", f"key;name;amount\na;a;{cell}\n"))
    assert message.startswith("big.csv:2:amount: ") and len(message) < 400


def test_a_huge_choice_cell_is_cut_in_its_error(tmp_path: Path) -> None:
    message = _error(write_csv(tmp_path / "big.csv", f"key;name;amount\na;{'b' * HUGE};1\n"))
    assert message.startswith("big.csv:2:name: ") and len(message) < 400


def test_a_huge_key_on_the_command_line_is_cut_in_its_error(cli: Cli) -> None:
    stderr = cli("system", "add", "k" * HUGE, "--name", "x", "--role", "legacy", code=2).stderr
    assert "not a valid key" in stderr and len(stderr) < 400


def test_a_formula_without_a_computed_value_says_so(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "calc.xlsx", {"Laskelma": [["key", "name", "amount"],
                                                            ["a", "A", 5], ["b", "B", "=C2*2"]]})
    message = _error(path)
    assert message.startswith("calc.xlsx:3:C: holds a formula, but the workbook was saved "
                              "without computed values")


def test_a_formula_on_another_sheet_does_not_matter(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "calc.xlsx", {"Data": [["key", "name"], ["a", "A"]],
                                               "Calc": [["x"], ["=1+1"]]})
    table = read_table(path, SPEC, sheet="Data")
    assert [row.get("key") for row in table.rows] == ["a"]


def test_a_cp1252_file_with_a_later_utf8_line_is_refused_at_that_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes("key;name\na;Pääkirja\nb;Kööpenhamina 5 €\n".encode("cp1252")
                     + "c;Päivä\n".encode())
    spec = TableSpec(columns=(Column("key"), Column("name")))
    with pytest.raises(InputError, match=r"^mixed\.csv:4: this line is UTF-8 but the lines "
                                         "before it are cp1252"):
        list(read_table(path, spec).rows)
    assert [r.get("name") for r in read_table(path, spec, encoding="cp1252").rows][-1] \
        == "PÃ¤ivÃ¤"  # --encoding is the user's word: read as told
    clean = tmp_path / "clean.csv"
    clean.write_bytes("key;name\na;Pääkirja\nb;Kööpenhamina 5 €\n".encode("cp1252"))
    assert [r.get("name") for r in read_table(clean, spec).rows] == ["Pääkirja",
                                                                      "Kööpenhamina 5 €"]


def test_a_future_kpi_time_is_refused_unless_allowed(cli: Cli) -> None:
    cli("kpi", "define", "kulut", "--unit", "€", "--target", "100", "--direction", "down")
    ahead = (datetime.now(UTC) + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%SZ")
    before = snapshot(cli.db_url)
    stderr = cli("kpi", "record", "kulut", "120", "--at", ahead, code=2).stderr
    assert stderr.startswith("error: --at: ") and "in the future" in stderr
    assert "--allow-future" in stderr and snapshot(cli.db_url) == before
    cli("kpi", "record", "kulut", "120", "--at", ahead, "--allow-future")
    soon = (datetime.now(UTC) + timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    cli("kpi", "record", "kulut", "110", "--at", soon)  # another machine's clock, a bit ahead


@pytest.mark.parametrize("bad", ["abc", "1" * 20 + ",00", "9" * HUGE, "1,00\x1b[2J"])
@pytest.mark.parametrize("aggregate", [False, True])
def test_translate_records_nothing_when_a_late_line_is_bad(cli: Cli, tmp_path: Path, bad: str,
                                                          aggregate: bool) -> None:
    _setup(cli, tmp_path)
    good = "".join(f"1000;;2025-{month:02d};{n},00\n" for n in range(1, 3001)
                   for month in (11, 12))
    source = write_csv(tmp_path / "tb.csv", "tili;kustannuspaikka;kausi;summa\n" + good
                       + f"1000;;2025-12;{bad}\n")
    out = tmp_path / "out.csv"
    before = snapshot(cli.db_url)
    result = cli("mapping", "translate", source, "--set", "m", "-o", out,
                 *(["--aggregate"] if aggregate else []), code=2)
    assert result.stderr.startswith("error: tb.csv:6002:summa: ") and len(result.stderr) < 400
    assert not out.exists() and [p.name for p in tmp_path.iterdir()
                                 if p.name.startswith(".out")] == []
    assert snapshot(cli.db_url) == before
