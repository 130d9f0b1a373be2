"""The shared reader a chunk at a time (`Table.take`, what `mapping import` reads) against
the reader a row at a time (`Table.raw`, what every importer reads, and what the chunks
replaced): the same rows with the same numbers, then the same error (message, row, column) at
the same place, on random CSV files with multi-line cells, CR LF, blank lines, NUL bytes,
control characters, bytes that are not UTF-8 and a cp1252 file with a later UTF-8 line."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from migctl.errors import InputError, MigctlError
from migctl.importers import read_table
from migctl.importers.tabular import RawRow
from migctl.services.mapping.sets import MAPPING_TABLE

HEADER = b"Vanha tili;Uusi tili;Huomautus"

plain = st.sampled_from([b"4000", b"400000", b" 4010 ", b"", b"x y", b"'=1"])
odd = st.sampled_from([
    b'"two\nlines"', b'"cr\r\nlf"', b"nul\x00", b"bell\x07", b"tab\tok", b'"quoted;cell"',
    b"\xc3\xa4", b"\xe4", b"\xff", b"\xc3\x83\xc2\xa4", b'"open', b"\x85",
])
cell = st.one_of(plain, plain, plain, odd)
line = st.one_of(st.lists(cell, min_size=1, max_size=4).map(b";".join), st.just(b""))
ending = st.sampled_from([b"\n", b"\r\n"])


def _outcome(path: Path, chunk: int | None, encoding: str | None
             ) -> tuple[list[RawRow], tuple[str, str | None, int | None, str | None] | None]:
    rows: list[RawRow] = []
    try:
        table = read_table(path, MAPPING_TABLE, encoding=encoding)
        if chunk is None:
            for row in table.raw:
                rows.append(row)
            return rows, None
        while True:
            part, failure = table.take(chunk)
            rows.extend(part)
            if failure is not None:
                raise failure
            if len(part) < chunk:
                return rows, None
    except MigctlError as exc:
        assert isinstance(exc, InputError)
        return rows, (str(exc), exc.file, exc.row, exc.column)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(line, max_size=30), end=ending,
       chunk=st.sampled_from([1, 2, 3, 7, 10_000]),
       encoding=st.sampled_from([None, None, "utf-8", "cp1252"]))
def test_chunks_read_what_rows_read(lines: list[bytes], end: bytes, chunk: int,
                                    encoding: str | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "m.csv"
        path.write_bytes(end.join([HEADER, *lines]) + end)
        assert _outcome(path, chunk, encoding) == _outcome(path, None, encoding)


@pytest.mark.parametrize("chunk", [1, 3, 10_000])
def test_a_multi_line_cell_late_in_the_file_keeps_every_row_number(tmp_path: Path,
                                                                   chunk: int) -> None:
    """The chunk that holds it is read again record by record: rows after it are numbered
    by the line they start on, as when reading a row at a time."""
    lines = [b"4000;400000;"] * 5 + [b'4001;400001;"a\nb\nc"'] + [b"4002;400002;"] * 3
    path = tmp_path / "m.csv"
    path.write_bytes(b"\n".join([HEADER, *lines]) + b"\n")
    rows, failure = _outcome(path, chunk, None)
    assert failure is None
    assert [number for number, _ in rows] == [2, 3, 4, 5, 6, 7, 10, 11, 12]
    assert rows == _outcome(path, None, None)[0]


def test_a_control_character_is_refused_with_the_rows_before_it(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_bytes(b"\n".join([HEADER, b"4000;400000;", b"4000;400000;a\x07b",
                                 b"4000;400000;"]) + b"\n")
    table = read_table(path, MAPPING_TABLE)
    rows, failure = table.take(10_000)
    assert [number for number, _ in rows] == [2]
    assert isinstance(failure, InputError) and (failure.row, failure.column) == (3, "Huomautus")
