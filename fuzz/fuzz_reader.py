"""Coverage-guided fuzzing of the tabular reader with atheris.

Every input is written as a CSV or an XLSX file (chosen by its first byte) and read through
`read_table`; anything but rows or one-line `InputError` is a crash. CI runs it briefly
(`.ci/run`), starting from the seeds in `fuzz/seeds/reader` copied to a scratch corpus:

    .venv/bin/python fuzz/fuzz_reader.py -max_total_time=30 /tmp/corpus
"""

from __future__ import annotations

import os

import atheris
from common import check_refusal, fuzz, input_file

with atheris.instrument_imports():
    from migctl.errors import InputError
    from migctl.importers import Column, TableSpec, read_table

SPEC = TableSpec(columns=(Column("key", ("tunnus",)), Column("name", ("nimi",)),
                          Column("amount", ("summa",), required=False)))


def one_input(data: bytes) -> None:
    if not data:
        return
    path = input_file(data, "input")
    try:
        for row in read_table(path, SPEC).rows:
            assert row.number >= 1
    except InputError as exc:
        check_refusal(exc, path)


if __name__ == "__main__":
    os.environ.setdefault("NO_COLOR", "1")
    fuzz(one_input)
