"""Writes the sample city's load-reconciliation files (deterministic; run from the checkout):

    python sample_data/generators/recon.py

* ``target_trial_balance_rehearsal_1.csv`` — Raindance's opening trial balance after rehearsal
  1, in the columns ``mapping translate --aggregate`` writes: the 2025 trial balance carried
  through the demo's mapping set, then the load's planted faults: one amount posted to the
  wrong account (a misposting between two accounts), one responsibility unit lost in the
  load, and a few cents of rounding;
* ``legacy_open_invoices.csv`` (Populus purchase ledger: cp1252, ``;``, decimal commas,
  ``dd.mm.yyyy``) and ``basware_open_invoices.csv`` (Basware's extract: UTF-8, ``,``, ISO
  dates): one invoice missing in Basware, one with a changed due date.

The balances are computed with migctl itself (a throw-away demo store), so the file agrees
with the engine the demo reconciles with.
"""

from __future__ import annotations

import csv
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
LOST_UNIT = "130600"  # the responsibility unit whose balances the load lost
MISPOSTED_FROM, MISPOSTED_TO = "400100", "400200"  # accounts of the misposting
MISPOSTED_CENTS = 1_234_567
ROUNDING = {"100000": 1, "101000": -2, "110200": 1}  # account → cents of rounding


def _migctl(db: Path, *args: str | Path, ok: tuple[int, ...] = (0,)) -> None:
    done = subprocess.run([sys.executable, "-m", "migctl", "--db", str(db), *map(str, args)],
                          check=False, capture_output=True)
    if done.returncode not in ok:
        raise SystemExit(done.stderr.decode())


def _cents(text: str) -> int:
    whole, _, fraction = text.lstrip("-").partition(".")
    cents = int(whole) * 100 + int((fraction + "00")[:2])
    return -cents if text.startswith("-") else cents


def _text(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100}.{abs(cents) % 100:02d}"


def target_trial_balance(out: Path) -> None:
    with tempfile.TemporaryDirectory() as work:
        db = Path(work) / "demo.db"
        aggregate = Path(work) / "aggregate.csv"
        _migctl(db, "demo", "--from", HERE)
        # exit 1: the demo's set v0.7 leaves lines untranslated (recon shows them too)
        _migctl(db, "mapping", "translate", HERE / "trial_balance_2025.csv", "--aggregate",
                "-o", aggregate, ok=(0, 1))
        with aggregate.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle, delimiter=";"))
    header, body = rows[0][:-2], [row[:-2] for row in rows[1:]]  # no source_rows, lines
    unit = header.index("vastuuyksikko")
    kept = [row for row in body if row[unit] != LOST_UNIT]
    by_account = {row[0]: row for row in kept}
    source, target = by_account[MISPOSTED_FROM], by_account[MISPOSTED_TO]
    source[-1] = _text(_cents(source[-1]) - MISPOSTED_CENTS)
    target[-1] = _text(_cents(target[-1]) + MISPOSTED_CENTS)
    for account, cents in ROUNDING.items():
        row = by_account[account]
        row[-1] = _text(_cents(row[-1]) + cents)
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\n")
        writer.writerow(header)
        writer.writerows(kept)


SUPPLIERS = ("Kuntatekniikka Oy", "Lounais-Suomen Energia Oy", "Opetusväline Åberg Ab",
             "Siivouspalvelu Kirkas Oy", "Tietotalo Oyj", "Ravintola Väinö €-lounas")


def open_invoices(legacy: Path, basware: Path) -> None:
    base = date(2026, 1, 5)
    with legacy.open("w", encoding="cp1252", newline="") as lf, \
            basware.open("w", encoding="utf-8", newline="") as bf:
        lf.write("laskunro;toimittaja;summa;eräpäivä\n")
        bf.write("laskunro,toimittaja,summa,eräpäivä\n")
        for number in range(1, 41):
            invoice = f"2025-{number:05d}"
            supplier = SUPPLIERS[number % len(SUPPLIERS)]
            cents = (number * 7919) % 2_500_000 + 1_000
            due = base + timedelta(days=(number * 3) % 40)
            lf.write(f"{invoice};{supplier};{cents // 100},{cents % 100:02d};"
                     f"{due.day:02d}.{due.month:02d}.{due.year}\n")
            if number == 17:  # missing in Basware
                continue
            if number == 23:  # due date changed in the load
                due += timedelta(days=14)
            bf.write(f'{invoice},"{supplier}",{cents // 100}.{cents % 100:02d},'
                     f"{due.isoformat()}\n")


def main() -> None:
    target_trial_balance(HERE / "target_trial_balance_rehearsal_1.csv")
    open_invoices(HERE / "legacy_open_invoices.csv", HERE / "basware_open_invoices.csv")


if __name__ == "__main__":
    main()
