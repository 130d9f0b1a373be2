"""Coverage-guided fuzzing of the runbook importer's parsing (services/runbook/importer.py).

Every input is a CSV or an XLSX file (chosen by its first byte), read with the runbook's table
and parsed row by row as `task import` does before it writes; anything but parsed tasks or one
one-line `InputError` (file:row:column) is a crash. Seeds: fuzz/seeds/runbook. CI runs it
briefly:

    .venv/bin/python fuzz/fuzz_runbook.py -max_total_time=8 /tmp/corpus
"""

from __future__ import annotations

from datetime import UTC

import atheris
from common import check_refusal, fuzz, input_file

with atheris.instrument_imports():
    from migctl.errors import InputError
    from migctl.importers import read_table
    from migctl.services.runbook.importer import RUNBOOK_TABLE, _parse_row

SYSTEMS = {"populus": 1, "raindance": 2}


def one_input(data: bytes) -> None:
    if not data:
        return
    path = input_file(data, "runbook")
    try:
        table = read_table(path, RUNBOOK_TABLE)
        for row in table.rows:
            _parse_row(row, file=table.file, path=str(path), tz=UTC, systems=SYSTEMS,
                       with_criteria=True)
    except InputError as exc:
        check_refusal(exc, path)


if __name__ == "__main__":
    fuzz(one_input)
