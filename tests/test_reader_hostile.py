"""Hostile and broken input for the tabular reader: success or one InputError, nothing else."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from migctl.errors import InputError
from migctl.importers import Column, TableSpec, read_table
from tests.conftest import Cli, snapshot, write_xlsx

HOSTILE = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture]}

SPEC = TableSpec(columns=(Column("key", ("tunnus",)), Column("name", ("nimi",)),
                          Column("note", required=False)))


def _read_all(path: Path) -> int:
    try:
        return sum(1 for _ in read_table(path, SPEC).rows)
    except InputError as exc:
        text = str(exc)
        assert text and "\n" not in text.strip() and path.name in text
        return -1


@settings(max_examples=300, **HOSTILE)  # type: ignore[arg-type]
@given(data=st.binary(max_size=2000))
def test_random_bytes_as_csv(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "random.csv"
    path.write_bytes(data)
    _read_all(path)


@settings(max_examples=200, **HOSTILE)  # type: ignore[arg-type]
@given(header=st.sampled_from(["key;name\n", "\ufeffkey,name\n", "tunnus\tnimi\n"]),
       body=st.text(max_size=500))
def test_random_text_after_a_valid_header(tmp_path: Path, header: str, body: str) -> None:
    path = tmp_path / "text.csv"
    for encoding in ("utf-8", "utf-16", "cp1252"):
        try:
            path.write_bytes((header + body).encode(encoding))
        except UnicodeEncodeError:
            continue
        _read_all(path)


@settings(max_examples=150, **HOSTILE)  # type: ignore[arg-type]
@given(data=st.binary(min_size=0, max_size=3000), cut=st.integers(min_value=0, max_value=4000))
@example(data=b"\x00" * 7 + b"@", cut=3665)  # an unknown compression method in a member header
def test_random_and_truncated_xlsx(tmp_path: Path, data: bytes, cut: int) -> None:
    good = write_xlsx(tmp_path / "good.xlsx", {"S": [["key", "name"], ["a", "A"], ["b", "=1/0"]]})
    whole = good.read_bytes()
    (tmp_path / "cut.xlsx").write_bytes(whole[: cut % (len(whole) + 1)])
    _read_all(tmp_path / "cut.xlsx")
    (tmp_path / "noise.xlsx").write_bytes(data)
    _read_all(tmp_path / "noise.xlsx")
    spliced = bytearray(whole)
    for offset, byte in enumerate(data[:64]):
        spliced[(cut + offset * 97) % len(spliced)] = byte
    (tmp_path / "spliced.xlsx").write_bytes(bytes(spliced))
    _read_all(tmp_path / "spliced.xlsx")


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    (tmp_path / "z.xlsx").write_bytes(buffer.getvalue())
    assert _read_all(tmp_path / "z.xlsx") == -1


def test_huge_cell_and_many_empty_rows(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("key;name;note\n")
        out.write("a;A;" + "x" * 5_000_000 + "\n")
        out.write(";;\n" * 1_000_000)
        out.write("b;B;\n")
    table = read_table(path, SPEC)
    got = [(r.number, r.values["key"], len(r.values["note"])) for r in table.rows]
    assert got == [(2, "a", 5_000_000), (1_000_003, "b", 0)]


def test_many_empty_rows_in_xlsx(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("S")
    sheet.append(["key", "name"])
    for _ in range(200_000):
        sheet.append([None, ""])
    sheet.append(["z", "Z"])
    workbook.save(tmp_path / "empty.xlsx")
    rows = read_table(tmp_path / "empty.xlsx", SPEC).rows
    assert [(r.number, r.values["key"]) for r in rows] == [(200_002, "z")]


def test_formula_without_cached_value_is_refused_not_read_as_empty(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "f.xlsx", {"S": [["key", "name"], ["=HYPERLINK(\"x\")", "A"]]})
    with pytest.raises(InputError, match=r"^f\.xlsx:2:A: holds a formula, but the workbook was "
                                         "saved without computed values"):
        list(read_table(path, SPEC).rows)


@pytest.mark.parametrize("name", ["random.csv", "random.xlsx"])
@settings(max_examples=40, **HOSTILE)  # type: ignore[arg-type]
@given(data=st.binary(max_size=1500))
def test_importer_on_random_bytes_exits_2_or_0_and_never_half_writes(
    cli: Cli, tmp_path: Path, name: str, data: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    before = snapshot(cli.db_url)
    result = cli("system", "import", path, code=None)
    assert result.exit_code in (0, 2), result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    if result.exit_code == 2:
        assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
        assert snapshot(cli.db_url) == before
