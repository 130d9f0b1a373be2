"""`mapping export`: a set version back to CSV or XLSX that re-imports to the same rules.

A cost-objects set is written as ``source``, its dimension columns, ``share``, ``valid_from``,
``valid_to``, ``note``.

Cells starting with ``=``, ``+``, ``-`` or ``@`` would run as formulas when a spreadsheet opens
the file. In CSV they get a leading apostrophe (which `mapping import` removes again); in XLSX
they are written as text cells with Excel's quote prefix, so the text stays exactly the same.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlmodel import Session

from migctl.errors import OptionError
from migctl.services.mapping.documents import ExportSummary
from migctl.services.mapping.fields import ACCOUNTS
from migctl.services.mapping.files import atomic_output
from migctl.services.mapping.rules import Rule, load_rules
from migctl.services.mapping.sets import resolve_set, set_label

FORMULA_STARTS = ("=", "+", "-", "@")
BASE_HEADERS = ["source_account", "source_cost_centre", "target_account"]
TAIL_HEADERS = ["share", "valid_from", "valid_to", "note"]


def neutralise(text: str) -> str:
    """``=1+2`` → ``'=1+2`` for CSV (spreadsheets then show it as text)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _dimension_keys(rules: list[Rule], columns: str) -> list[str]:
    """The set's dimension columns in their file order (then any others the rules use)."""
    keys: dict[str, None] = dict.fromkeys(k for k in columns.split(",") if k)
    for rule in rules:
        for key, _ in rule.dims:
            keys.setdefault(key, None)
    return list(keys)


def _share_text(share: Decimal) -> str:
    text = f"{share.normalize():f}"
    return text.replace(".", ",")


def _rows(rules: list[Rule], dimension_keys: list[str], *, accounts: bool = True
          ) -> Iterator[list[Any]]:
    for rule in rules:
        dims = dict(rule.dims)
        head = [str(rule.source), rule.cost_centre, rule.target] if accounts \
            else [str(rule.source)]
        yield [*head, *[dims.get(k) for k in dimension_keys],
               rule.share, rule.valid_from, rule.valid_to, rule.note or None]


def export_set(session: Session, *, ref: str, fmt: str, output: Path) -> ExportSummary:
    """Write the set's rules to ``output`` as ``csv`` or ``xlsx``; returns a summary."""
    mapping_set = resolve_set(session, ref)
    assert mapping_set.id is not None
    rules = load_rules(session, mapping_set.id)
    keys = _dimension_keys(rules, mapping_set.dimensions)
    accounts = mapping_set.kind == ACCOUNTS
    headers = [*(BASE_HEADERS if accounts else ["source"]), *keys, *TAIL_HEADERS]
    rows = _rows(rules, keys, accounts=accounts)
    if fmt == "csv":
        _write_csv(output, headers, rows)
    elif fmt == "xlsx":
        _write_xlsx(output, set_label(mapping_set), headers, rows)
    else:
        raise OptionError(f"{{option}} {fmt}: export writes csv or xlsx", field="format")
    return {"set": mapping_set.name, "version": mapping_set.version, "kind": mapping_set.kind,
            "format": fmt, "output": str(output), "rules": len(rules), "dimensions": keys}


def _write_csv(output: Path, headers: list[str], rows: Iterator[list[Any]]) -> None:
    """UTF-8 with BOM, ``;`` and decimal comma: what Finnish Excel opens without a wizard."""
    with atomic_output(output) as handle:
        handle.write("\ufeff")
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(headers)
        for row in rows:
            writer.writerow([_csv_cell(value) for value in row])


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return _share_text(value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return neutralise(str(value))


def _write_xlsx(output: Path, title: str, headers: list[str], rows: Iterator[list[Any]]
                ) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31].replace("@", " v"))

    def cell(value: Any) -> Any:
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            text = WriteOnlyCell(sheet, value=value)
            text.data_type = "s"  # not a formula: openpyxl would store "=…" as one
            text.quotePrefix = True
            return text
        return value

    sheet.append(headers)
    for row in rows:
        sheet.append([cell(value) for value in row])
    with atomic_output(output, binary=True) as handle:
        workbook.save(handle)
