"""The column-by-column rule reader (`mapping import`, `mapping validate FILE`) against the
row-by-row one it replaced, which stays as the oracle (and as the path that words bad cells):
the same rules from every sheet, or the same one-line error naming file:row:column."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from migctl.errors import InputError
from migctl.importers import read_table
from migctl.importers.fast import cell_tuples
from migctl.services.mapping import sets
from migctl.services.mapping.rules import Rule
from migctl.services.mapping.sets import (
    MAPPING_TABLE,
    _dimension_columns,
    _RuleParser,
    read_rules,
)

KNOWN = ["palveluluokka", "vastuuyksikko"]
HEADER = ["Vanha tili", "Vanha kustannuspaikka", "Uusi tili", "vastuuyksikko",
          "target_palveluluokka", "Osuus", "Voimassa alkaen", "Voimassa asti", "Huomautus"]

good_targets = st.sampled_from(["4000", " 4010 ", "400000", "'4000", "A1"])
good_codes = st.one_of(good_targets, st.sampled_from(["4000..4099", "4000 .. 4099"]))
codes = st.one_of(good_codes, st.sampled_from(["", "40 00", "4000..409", "4099..4000"]))
good_centres = st.sampled_from(["", "C1", " C2", "'=C3", "  "])
centres = st.one_of(good_centres, st.just("C 1"))
good_dim_values = st.sampled_from(["", "100", "1000", " 100 ", " "])
dim_values = st.one_of(good_dim_values, st.just("10 0"))
good_shares = st.sampled_from(["", "100", "50", "50,00", "33,3333", "12.5 %", " "])
shares = st.one_of(good_shares, st.sampled_from(["0", "101", "1,23456", "x"]))
good_days = st.sampled_from(["", "2025-01-01", "31.12.2025", "1.7.2025"])
days = st.one_of(good_days, st.sampled_from(["2025-02-30", "soon"]))
notes = st.sampled_from(["", "jako", " '=SUM(A1) ", "'+1", "a;b", "\t"])
good_row = st.tuples(good_codes, good_centres, good_targets, good_dim_values, good_dim_values,
                     good_shares, good_days, good_days, notes)
bad_row = st.tuples(codes, centres, codes, dim_values, dim_values, shares, days, days, notes)
blank = st.sampled_from([("",) * 9, (" ",) * 9, ("4000", "", "400000"), ("", " ", "")])
rows = st.one_of(st.lists(st.one_of(good_row, good_row, blank), max_size=25),
                 st.lists(st.one_of(good_row, good_row, good_row, bad_row, blank), max_size=25))

def _oracle(path: Path) -> list[Rule]:
    """The row-by-row reading, as `mapping import` read every sheet before the columns."""
    table = read_table(path, MAPPING_TABLE)
    dimension_columns, _ = _dimension_columns(table.extra_headers, KNOWN)
    parser = _RuleParser(table, dimension_columns)
    rules = [parser.rule(number, cells, texts)
             for number, cells, texts in cell_tuples(table, parser.columns())]
    if not rules:
        raise InputError("no rules in the file (only a header)", file=table.file)
    return rules


def _outcome(read: object, path: Path) -> tuple[str, object]:
    try:
        return "rules", read(path)  # type: ignore[operator]
    except InputError as exc:
        return "error", (str(exc), exc.file, exc.row, exc.column)


def _write(folder: Path, lines: list[tuple[str, ...]]) -> Path:
    path = folder / "mapping.csv"
    text = "\n".join(";".join(line) for line in [tuple(HEADER), *lines]) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=rows, chunk=st.sampled_from([1, 2, 3, 7, sets.CHUNK]))
def test_columns_read_what_rows_read(lines: list[tuple[str, ...]], chunk: int) -> None:
    """Also across chunks (rows read ``chunk`` at a time): a bad cell in a later chunk."""
    default = sets.CHUNK
    sets.CHUNK = chunk
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = _write(Path(folder), lines)
            fast = _outcome(lambda p: read_rules(p, known_dimensions=KNOWN)[0], path)
            assert fast == _outcome(_oracle, path)
    finally:
        sets.CHUNK = default


@pytest.mark.parametrize("chunk", [1, 2, 10_000])
def test_a_bad_cell_before_a_bad_line_is_the_error(tmp_path: Path, chunk: int,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader refuses a later line (NUL byte); a bad cell in an earlier row comes first,
    as when the rows were read one at a time (also when they are in different chunks)."""
    monkeypatch.setattr(sets, "CHUNK", chunk)
    good = ";".join(["4000", "", "400000", "", "", "", "", "", ""])
    bad_cell = ";".join(["4000", "", "400000", "", "", "abc", "", "", ""])
    path = tmp_path / "m.csv"
    path.write_text("\n".join([";".join(HEADER), good, bad_cell, good, "4000;\x00;400000"])
                    + "\n", encoding="utf-8")
    kind, (message, _, row, column) = _outcome(
        lambda p: read_rules(p, known_dimensions=KNOWN), path)  # type: ignore[misc]
    assert (kind, row, column) == ("error", 3, "Osuus")
    path.write_text("\n".join([";".join(HEADER), good, "4000;\x00;400000", bad_cell]) + "\n",
                    encoding="utf-8")
    kind, (message, _, row, _) = _outcome(
        lambda p: read_rules(p, known_dimensions=KNOWN), path)  # type: ignore[misc]
    assert (kind, row) == ("error", 3) and "NUL" in message
