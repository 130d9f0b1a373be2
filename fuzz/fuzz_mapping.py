"""Coverage-guided fuzzing of the mapping importer's parsing (services/mapping/sets.py).

Every input is a CSV or an XLSX file (chosen by its first byte) read into rules as
`mapping import` does before it writes (an accounts set, or with the second bit a cost-objects
set); anything but rules or one one-line `InputError` (file:row:column) is a crash. Seeds:
fuzz/seeds/mapping. CI runs it briefly:

    .venv/bin/python fuzz/fuzz_mapping.py -max_total_time=8 /tmp/corpus
"""

from __future__ import annotations

import atheris
from common import check_refusal, fuzz, input_file

with atheris.instrument_imports():
    from migctl.errors import InputError
    from migctl.services.mapping.sets import read_rules

DIMENSIONS = ["vastuuyksikko", "palveluluokka"]


def one_input(data: bytes) -> None:
    if not data:
        return
    path = input_file(data, "mapping")
    source = "kustannuspaikka" if data[0] & 2 else None
    try:
        rules, summary = read_rules(path, known_dimensions=DIMENSIONS, source_dimension=source)
        assert rules and summary.rules == len(rules)
    except InputError as exc:
        check_refusal(exc, path)


if __name__ == "__main__":
    fuzz(one_input)
