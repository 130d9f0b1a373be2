"""Coverage-guided fuzzing of the runbook importer's parsing (services/runbook/importer.py).

Every input is a CSV or an XLSX file (chosen by its first byte), read with the runbook's table
and parsed row by row as `task import` does before it writes; anything but parsed tasks or one
one-line `InputError` (file:row:column) is a crash. Seeds: fuzz/seeds/runbook. CI runs it
briefly:

    .venv/bin/python fuzz/fuzz_runbook.py -max_total_time=8 /tmp/corpus
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from migctl.errors import InputError
    from migctl.importers import read_table
    from migctl.services.runbook.importer import RUNBOOK_TABLE, _parse_row

WORK = Path(tempfile.mkdtemp(prefix="migctl-fuzz-"))
SYSTEMS = {"populus": 1, "raindance": 2}


def one_input(data: bytes) -> None:
    if not data:
        return
    path = WORK / ("runbook.xlsx" if data[0] & 1 else "runbook.csv")
    path.write_bytes(data[1:])
    try:
        table = read_table(path, RUNBOOK_TABLE)
        for row in table.rows:
            _parse_row(row, file=table.file, tz=UTC, systems=SYSTEMS, with_criteria=True)
    except InputError as exc:
        message = str(exc)
        if "\n" in message.strip() or not message.startswith(path.name) or len(message) > 1000:
            raise AssertionError(f"badly formed error: {message[:300]!r}") from None


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
