"""The shared tabular reader: encodings, delimiters, headers, XLSX quirks, row numbers."""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest

from migctl.errors import InputError
from migctl.importers import Column, TableSpec, read_table
from tests.conftest import write_csv, write_xlsx

SPEC = TableSpec(
    what="test",
    columns=(
        Column("source_account", ("vanha tili", "lähdetili")),
        Column("target_account", ("uusi tili", "kohdetili")),
        Column("share", ("osuus",), required=False),
        Column("note", ("huomautus",), required=False),
    ),
)


def rows(path: Path, **kwargs: object) -> list[tuple[int, dict[str, str], dict[str, str]]]:
    table = read_table(path, SPEC, **kwargs)  # type: ignore[arg-type]
    return [(r.number, r.values, r.extras) for r in table.rows]


def test_semicolon_utf8_bom_with_finnish_headers(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "m.csv",
                     "Vanha tili;Uusi tili;Osuus;Huomautus\r\n4010;401000;33,33;Äänestys\r\n",
                     encoding="utf-8-sig")
    table = read_table(path, SPEC)
    assert table.source == "CSV, ';' delimited, utf-8-sig"
    assert [(r.number, r.values) for r in table.rows] == [
        (2, {"source_account": "4010", "target_account": "401000", "share": "33,33",
             "note": "Äänestys"})
    ]


def test_cp1252_is_detected_and_decoded(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "m.csv", "lähdetili;kohdetili;huomautus\n4010;401000;Käyttö\n",
                     encoding="cp1252")
    table = read_table(path, SPEC)
    assert "cp1252" in table.source
    assert next(table.rows).values["note"] == "Käyttö"


@pytest.mark.parametrize(("delimiter", "name"), [(",", "','"), ("\t", "tab"), (";", "';'")])
def test_delimiter_is_found_from_the_header(tmp_path: Path, delimiter: str, name: str) -> None:
    text = delimiter.join(["Source Account", "TARGET_ACCOUNT", "share"]) + "\n"
    text += delimiter.join(["4010", "401000", "50"]) + "\n"
    table = read_table(write_csv(tmp_path / "m.csv", text), SPEC)
    assert name in table.source
    assert next(table.rows).values["target_account"] == "401000"


def test_comma_delimiter_with_decimal_commas_in_quotes(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "m.csv",
                     'source_account,target_account,share\n4010,401000,"33,33"\n')
    assert rows(path)[0][1]["share"] == "33,33"


def test_title_rows_above_header_and_blank_rows_are_skipped(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "m.csv",
                     "Kuusiniemi tilimappaus v0.7;;\n;;\nvanha tili;uusi tili;osuus\n"
                     "4010;401000;100\n;;\n4020;402000;100\n")
    assert [(n, v["source_account"]) for n, v, _ in rows(path)] == [(4, "4010"), (6, "4020")]


def test_row_number_is_where_a_multiline_record_starts(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "m.csv",
                     'source_account;target_account;note\n4010;401000;"line one\nline two"\n'
                     "4020;402000;x\n")
    assert [(n, v["source_account"]) for n, v, _ in rows(path)] == [(2, "4010"), (4, "4020")]
    assert rows(path)[0][1]["note"] == "line one\nline two"


def test_unknown_headers_are_kept_as_extras(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "m.csv",
                     "source_account;target_account;Vastuuyksikkö\n1;2;100100\n")
    assert rows(path)[0][2] == {"Vastuuyksikkö": "100100"}


def test_missing_column_names_file_and_alternatives(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "m.csv", "source_account;share\n4010;100\n")
    with pytest.raises(InputError) as info:
        rows(path)
    message = str(info.value)
    assert message.startswith("m.csv:1: missing column 'target_account'")
    assert "'uusi tili'" in message


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^e\.csv: the file is empty$"):
        rows(write_csv(tmp_path / "e.csv", ""))
    with pytest.raises(InputError, match="the file is empty"):
        rows(write_csv(tmp_path / "bom.csv", "\ufeff", encoding="utf-8"))


def test_bytes_that_are_neither_utf8_nor_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(b"source_account;target_account\n4010;40\x81\x8d00\n")
    with pytest.raises(InputError, match=r"^bad\.csv:2: byte 0x81 is neither UTF-8 nor cp1252"):
        rows(path)


def test_mixed_encoding_later_in_the_file_names_the_row(tmp_path: Path) -> None:
    head = "source_account;target_account;note\n" + "4010;401000;ok\n" * 10000
    path = tmp_path / "mixed.csv"
    path.write_bytes(head.encode("utf-8") + "4020;402000;Käyttö\n".encode("cp1252"))
    with pytest.raises(InputError, match=r"^mixed\.csv:10002: this line is not utf-8"):
        rows(path)


def test_duplicate_header_is_refused(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "d.csv", "source_account;target_account;uusi tili\n1;2;3\n")
    with pytest.raises(InputError, match="appears twice"):
        rows(path)


def test_no_header_anywhere(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "n.csv", "a;b\n1;2\n")
    with pytest.raises(InputError, match="no header row found"):
        rows(path)


def test_explicit_header_row(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "h.csv", "x;y\nsource_account;target_account\n1;2\n")
    assert rows(path, header_row=2) == [(3, {"source_account": "1", "target_account": "2"}, {})]
    with pytest.raises(InputError, match=r"h\.csv:1: missing column"):
        rows(path, header_row=1)


def test_explicit_delimiter_and_encoding(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "p.csv", "source_account|target_account\n1|2\n", encoding="latin-1")
    assert rows(path, delimiter="|", encoding="latin-1")[0][1]["target_account"] == "2"


# --- XLSX -----------------------------------------------------------------------------------


def test_xlsx_instructions_sheet_first_and_title_row(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "m.xlsx", {
        "Ohjeet": [["Täytä välilehti Tilimappaus"], ["Vanha tili = lähdetili"]],
        "Tilimappaus": [
            ["Kuusiniemi – tilikartan muunnos v0.7"],
            [],
            ["Vanha tili", "Uusi tili", "Osuus", "Huomautus"],
            [4010, 401000, 33.33, None],
            ["0123", "401000", 100, "teksti"],
            [],
            [4300.0, 430000, 50, None],
        ],
    })
    table = read_table(path, SPEC)
    assert table.source == "XLSX sheet 'Tilimappaus'"
    assert table.header_row == 3
    got = [(r.number, r.values["source_account"], r.values["target_account"],
            r.values["share"]) for r in table.rows]
    assert got == [(4, "4010", "401000", "33.33"), (5, "0123", "401000", "100"),
                   (7, "4300", "430000", "50")]


def test_xlsx_sheet_option_and_unknown_sheet(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "two.xlsx", {
        "A": [["source_account", "target_account"], [1, 2]],
        "B": [["source_account", "target_account"], [3, 4]],
    })
    assert [r.values["source_account"] for r in read_table(path, SPEC, sheet="b").rows] == ["3"]
    assert [r.values["source_account"] for r in read_table(path, SPEC).rows] == ["1"]
    with pytest.raises(InputError, match=r"two\.xlsx: no sheet 'C'; the workbook has 'A', 'B'"):
        read_table(path, SPEC, sheet="C")


def test_xlsx_two_sheets_without_the_header(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "w.xlsx", {"Ohjeet": [["x"]], "Data": [["a", "b"], [1, 2]]})
    with pytest.raises(InputError, match=r"none of the sheets \('Ohjeet', 'Data'\) has a header"):
        read_table(path, SPEC)


def test_xlsx_dates_and_offset_columns(tmp_path: Path) -> None:
    spec = TableSpec(columns=(Column("code"), Column("valid_from")))
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["C3"] = "Code"
    sheet["D3"] = "Valid from"
    sheet["C4"] = 4010
    sheet["D4"] = date(2024, 1, 31)
    sheet["C5"] = 12.5
    sheet["D5"] = datetime(2024, 2, 1, 12, 30)
    workbook.save(tmp_path / "o.xlsx")
    table = read_table(tmp_path / "o.xlsx", spec)
    assert [(r.number, r.values) for r in table.rows] == [
        (4, {"code": "4010", "valid_from": "2024-01-31"}),
        (5, {"code": "12.5", "valid_from": "2024-02-01T12:30:00"}),
    ]


def _with_cached_formula(path: Path) -> None:
    """openpyxl cannot write cached formula results; Excel does. Add one like Excel would."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    assert "<f>B2*2</f>" in sheet
    sheet = re.sub(r"<f>B2\*2</f>(<v\s*/>|<v></v>)?", "<f>B2*2</f><v>802000</v>", sheet)
    assert "<v>802000</v>" in sheet
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)


def test_xlsx_formulas_are_read_as_their_values(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "f.xlsx", {
        "S": [["source_account", "target_account"], [4010, 401000], [4020, "=B2*2"]],
    })
    _with_cached_formula(path)
    got = [r.values["target_account"] for r in read_table(path, SPEC).rows]
    assert got == ["401000", "802000"]


def test_truncated_xlsx_is_an_input_error(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", {"S": [["source_account", "target_account"], [1, 2]]})
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match=r"^t\.xlsx: not a readable spreadsheet"):
        read_table(path, SPEC)


def test_unsupported_suffix_and_missing_file(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(InputError, match=r"unsupported file type \.pdf"):
        read_table(tmp_path / "x.pdf", SPEC)
    with pytest.raises(InputError, match="no such file"):
        read_table(tmp_path / "nope.csv", SPEC)


def test_spec_derive_replaces_in_place_and_appends() -> None:
    spec = TableSpec(what="x", columns=(Column("a", ("aa",)), Column("b", required=False)))
    derived = spec.derive(Column("a", ("aa", "alpha"), type="code"), Column("c", required=False))
    assert derived.names() == ("a", "b", "c")
    assert derived.column("a").aliases == ("aa", "alpha")
    assert derived.column("a").type == "code"
    assert derived.what == "x"
    assert spec.names() == ("a", "b")  # the original is unchanged


def test_one_import_summary_shape() -> None:
    from migctl.importers import ImportSummary

    summary = ImportSummary(file="f.csv", source="CSV", rows=2, created=["a"], unchanged=["b"])
    assert summary.document() == {"file": "f.csv", "source": "CSV", "rows": 2,
                                  "created": ["a"], "updated": [], "unchanged": ["b"]}
