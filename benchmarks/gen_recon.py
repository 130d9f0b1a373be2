"""Generated inputs of the recon benchmarks (deterministic).

Items: 1,000,000 open invoices on each side, one key column and two compared columns (amount
with a cent's tolerance, due date). The legacy file is cp1252, ``;``-delimited, with decimal
commas, ``dd.mm.yyyy`` dates and a supplier name holding a € now and then; the target file is
UTF-8 with ``,``, points and ISO dates. 1 % of the keys differ: a quarter missing, a quarter
unexpected, a quarter with a changed amount, a quarter with a changed due date.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

ITEMS = 1_000_000


def write_items(workdir: Path, rows: int = ITEMS, seed: int = 20261207) -> tuple[Path, Path]:
    legacy, target = workdir / f"items_legacy_{rows}.csv", workdir / f"items_target_{rows}.csv"
    if legacy.exists() and target.exists():
        return legacy, target
    draw = random.Random(seed).randrange
    base = date(2026, 1, 1)
    with legacy.open("w", encoding="cp1252", newline="") as lf, \
            target.open("w", encoding="utf-8", newline="") as tf:
        lf.write("laskunro;toimittaja;summa;eräpäivä\n")
        tf.write("laskunro,toimittaja,summa,eräpäivä\n")
        for number in range(rows):
            key = f"INV{number:08d}"
            cents = draw(1, 5_000_000)
            due = base + timedelta(days=draw(365))
            supplier = f"Toimittaja {number % 5000}" + (" €" if number % 97 == 0 else "")
            fate = number % 400
            if fate != 1:  # 0.25 % missing in the target
                lf.write(f"{key};{supplier};{cents // 100},{cents % 100:02d};"
                         f"{due.day:02d}.{due.month:02d}.{due.year}\n")
            if fate == 0:
                continue  # … written to the target only below: unexpected
            t_cents = cents + 500 if fate == 2 else cents
            t_due = due + timedelta(days=3) if fate == 3 else due
            if fate != 1:
                tf.write(f"{key},{supplier},{t_cents // 100}.{t_cents % 100:02d},"
                         f"{t_due.isoformat()}\n")
        for extra in range(rows // 400):
            tf.write(f"NEW{extra:08d},Uusi,1.00,2026-03-01\n")
    return legacy, target
