"""Writing and reading back the XLSX workbooks (openpyxl writes, python-calamine reads).

Workbooks are rewritten with fixed zip timestamps so the output is byte-identical; openpyxl
serialises XML differently with and without lxml, so the entry point sets OPENPYXL_LXML=False
(the committed files were written that way)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

from .common import fi_date, parse_fi_decimal

FIXED_ZIP_TIME = (2026, 11, 13, 14, 5, 0)
FIXED_ISO = "2026-11-13T14:05:00Z"


def normalise_xlsx(path: Path):
    """Rewrite the zip with fixed timestamps so the output is byte-identical."""
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            if name == "docProps/core.xml":
                txt = data.decode("utf-8")
                txt = re.sub(r"(<dcterms:modified[^>]*>)[^<]*(<)", rf"\g<1>{FIXED_ISO}\g<2>", txt)
                txt = re.sub(r"(<dcterms:created[^>]*>)[^<]*(<)", rf"\g<1>{FIXED_ISO}\g<2>", txt)
                data = txt.encode("utf-8")
            zi = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)
    path.write_bytes(buf.getvalue())


def style_header(ws, row, ncols):
    from openpyxl.styles import Font, PatternFill
    fill = PatternFill("solid", fgColor="DDEBF7")
    for c in range(1, ncols + 1):
        cell = ws.cell(row=row, column=c)
        cell.font = Font(bold=True)
        cell.fill = fill


def code_cell(value: str, as_text: bool):
    """Account/dimension codes: Excel stores typed codes as numbers."""
    if value in ("", None):
        return None
    if ".." in value or as_text or not value.strip().isdigit():
        return value
    return int(value)


def share_cell(share):
    if share is None:
        return None
    if isinstance(share, str):
        return share               # text like "33,33" (pasted with decimal comma)
    return share                   # number


def date_cell(d, as_text):
    if d is None:
        return None
    if as_text:
        return fi_date(d)
    return dt.datetime(d.year, d.month, d.day)


def norm_cell(v):
    """calamine cell -> normalised string / date / None."""
    if v is None or v == "":
        return None
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, (dt.date, dt.datetime)):
        return v if not isinstance(v, dt.datetime) else v.date()
    s = str(v).strip()
    return s or None


def parse_date_cell(v):
    if v is None:
        return None
    if isinstance(v, dt.date):
        return v
    d, m, y = v.split(".")
    return dt.date(int(y), int(m), int(d))


def parse_share(v):
    if v is None:
        return Decimal(100)
    if isinstance(v, float) and not v.is_integer():
        return Decimal(repr(v))
    return parse_fi_decimal(str(v))


def read_sheet(path, sheet, first_header):
    from python_calamine import CalamineWorkbook
    wb = CalamineWorkbook.from_path(str(path))
    data = wb.get_sheet_by_name(sheet).to_python()
    hdr_idx = next(i for i, row in enumerate(data) if row and str(row[0]).strip() == first_header)
    header = [str(h).strip() for h in data[hdr_idx]]
    out = []
    for i, row in enumerate(data[hdr_idx + 1:], start=hdr_idx + 2):   # Excel row number
        raw = dict(zip(header, row, strict=False))
        if all(norm_cell(v) is None for v in row):
            continue
        out.append((i, raw))
    return wb.sheet_names, header, out
