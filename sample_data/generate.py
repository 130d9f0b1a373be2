#!/usr/bin/env python3
"""Deterministic generator for the migctl sample data (Kuusiniemen kaupunki).

Usage:  python3 sample_data/generate.py            # write all files + run self-check
        python3 sample_data/generate.py --check    # only re-read and check the files
        python3 sample_data/generate.py --out DIR  # write (and check) elsewhere

Dependencies: Python >= 3.11 stdlib, openpyxl (writing) and python-calamine
(reading back in the self-check).  Everything is seeded, so re-running produces
byte-identical files (the XLSX zip members get fixed timestamps, and openpyxl's own XML
writer is used even when lxml is installed).

The work is done per domain by the modules of ``generators/``, in the order of GENERATORS:
to add one, import it below and add it to the list (see generators/__init__.py).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from generators import (
    charts,
    cost_objects,
    dimensions,
    incidents,
    kpis,
    ledger,
    mapping,
    readme,
    rehearsal,
    runbook,
    sso,
    systems,
)
from generators.common import Build, CheckError, Generator, Seen

HERE = Path(__file__).resolve().parent

#: The generators in the order they run; each may use what the ones before it built, and
#: the self-check re-reads the files in the same order.  readme stays last.
GENERATORS: list[Generator] = [
    systems,
    charts,
    dimensions,
    ledger,
    cost_objects,
    mapping,
    runbook,
    rehearsal,
    sso,
    incidents,
    kpis,
    readme,
]


def write(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    build = Build(out=out)
    for generator in GENERATORS:
        generator.generate(build)
    print(f"wrote files to {out}")


def check(out: Path) -> None:
    print("self-check …")
    seen = Seen(out=out)
    for generator in GENERATORS:
        generator.check(seen)
    print(f"  systems {len(seen.systems)}, legacy chart {len(seen.legacy)}, "
          f"target chart {len(seen.target)}, TB {len(seen.tb)} lines, mapping "
          f"{len(seen.defective)}/{len(seen.fixed)}/{len(seen.v09)} rules, "
          f"cost-object {len(seen.co)}, runbook {len(seen.rb)}, sso {len(seen.sso['check'])}, "
          f"incidents {len(seen.incidents)}, kpi rows {len(seen.kpi_history)}")
    print(f"  cutover schedule: MS-020 ends {seen.end['MS-020'].isoformat()}, "
          f"rehearsal MS-020 {seen.acts['MS-020']['actual_end']}")
    print("self-check OK")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the migctl sample data and check it.")
    parser.add_argument("--check", action="store_true", help="only re-read and check the files")
    parser.add_argument("--out", type=Path, default=HERE,
                        help="directory to write and check (default: the sample_data folder)")
    args = parser.parse_args(argv)
    # the committed workbooks were written by openpyxl's own XML writer; lxml's differs
    os.environ.setdefault("OPENPYXL_LXML", "False")
    if not args.check:
        write(args.out)
    try:
        check(args.out)
    except CheckError as e:
        print("SELF-CHECK FAILED:", e)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
