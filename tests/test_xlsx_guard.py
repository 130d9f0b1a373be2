"""Workbook bombs are refused before calamine sees them (issue 16): one line, exit 2."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from migctl.errors import InputError
from migctl.importers import xlsx_guard
from migctl.importers.xlsx_guard import check_workbook


def _workbook(path: Path, cells: dict[str, object]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for ref, value in cells.items():
        sheet[ref] = value
    book.save(path)
    return path


def _rewrite(path: Path, member: str, content: bytes) -> None:
    """Replace one member of the archive (what a hostile file can hold)."""
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in items:
            target.writestr(info.filename, content if info.filename == member else data)
        if member not in {info.filename for info, _ in items}:
            target.writestr(member, content)


def test_an_ordinary_workbook_passes(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "ok.xlsx", {"A1": "source_account", "B1": "target_account",
                                            "A2": "4000", "B2": 400000, "Z200": "far"})
    check_workbook(path)


def test_one_cell_at_the_last_address_is_refused(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "far.xlsx", {"A1": "x", "XFD1048576": 1})
    with pytest.raises(InputError, match=r"far.xlsx: .*1,048,576 rows × 16,384 columns"):
        check_workbook(path)


def test_a_lying_dimension_element_does_not_hide_the_extent(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "lie.xlsx", {"A1": "x"})
    sheet = (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
             b'spreadsheetml/2006/main"><dimension ref="A1"/><sheetData><row r="1">'
             b'<c r="A1"><v>1</v></c></row><row r="900000"><c r="XA900000"><v>2</v></c>'
             b"</row></sheetData></worksheet>")
    _rewrite(path, "xl/worksheets/sheet1.xml", sheet)
    with pytest.raises(InputError, match="900,000 rows"):
        check_workbook(path)


def test_a_member_that_inflates_enormously_is_refused(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "bomb.xlsx", {"A1": "x"})
    _rewrite(path, "xl/worksheets/sheet1.xml", b" " * (8 * 1024 * 1024))
    with pytest.raises(InputError, match=r"inflates .*-fold"):
        check_workbook(path)


def test_total_inflated_size_over_the_limit_is_refused(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    path = _workbook(tmp_path / "big.xlsx", {"A1": "x" * 1000})
    monkeypatch.setattr(xlsx_guard, "MAX_UNCOMPRESSED_BYTES", 2000)
    with pytest.raises(InputError, match="inflates to"):
        check_workbook(path)


@pytest.mark.parametrize("length, refused", [(32_767, False), (32_768, True)])
def test_a_shared_string_over_excels_limit_is_refused(tmp_path: Path, length: int,
                                                       refused: bool) -> None:
    path = _workbook(tmp_path / "long.xlsx", {"A1": "short"})
    strings = (b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/'
               b'spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>'
               + b"&amp;" * length + b"</t></si></sst>")
    _rewrite(path, "xl/sharedStrings.xml", strings)
    if refused:
        with pytest.raises(InputError, match="32,768 characters"):
            check_workbook(path)
    else:
        check_workbook(path)


def test_an_inline_string_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "inline.xlsx", {"A1": "x"})
    sheet = (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
             b'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
             + b"y" * 40_000 + b"</t></is></c></row></sheetData></worksheet>")
    _rewrite(path, "xl/worksheets/sheet1.xml", sheet)
    with pytest.raises(InputError, match=r"inline string .*40,000"):
        check_workbook(path)


def test_references_split_across_read_chunks_are_still_seen(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    monkeypatch.setattr(xlsx_guard, "_CHUNK", 7)
    path = _workbook(tmp_path / "chunks.xlsx", {"A1": "x", "C3": 1, "XFD1048576": 2})
    with pytest.raises(InputError, match="16,384 columns"):
        check_workbook(path)


def test_the_reader_refuses_a_bomb_with_exit_2(cli: object, tmp_path: Path) -> None:
    from tests.conftest import Cli

    path = _workbook(tmp_path / "far.xlsx", {"A1": "key", "XFD1048576": 1})
    runner: Cli = cli  # type: ignore[assignment]
    result = runner("system", "import", path, code=2)
    assert "far.xlsx" in result.stderr and "16,384 columns" in result.stderr
