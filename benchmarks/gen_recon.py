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


# --- balances: 1,000,000 GL lines through the 200,000-rule validation set ---------------

GL_LINES = 1_000_000
GL_CENTRES = ("C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "S1")


def write_balances_gl(workdir: Path, lines: int = GL_LINES, seed: int = 20261207) -> Path:
    """GL lines every rule of :func:`gen_mapping.validation_rules` can carry: accounts
    10000–29999, cost centres C1–C8 and S1 (a 50/50 split on every other account), twelve
    periods, Finnish amounts."""
    from benchmarks.gen_mapping import ACCOUNTS, LEGACY_FIRST

    path = workdir / "recon_gl_1m.csv"
    if path.exists():
        return path
    draw = random.Random(seed).randrange
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("tili;kustannuspaikka;kausi;summa\n")
        for number in range(lines):
            cents = draw(-1_000_000_00, 1_000_000_00)
            sign = "-" if cents < 0 else ""
            handle.write(f"{LEGACY_FIRST + draw(ACCOUNTS)};{GL_CENTRES[draw(9)]};"
                         f"2025-{1 + number % 12:02d};{sign}{abs(cents) // 100},"
                         f"{abs(cents) % 100:02d}\n")
    return path


def plant(aggregate: Path, target: Path, seed: int = 7) -> Path:
    """The target extract: ``--aggregate`` output with 1 % of the keys changed (a third
    missing, a third with another amount, a third mispostings) and its two bookkeeping
    columns dropped."""
    if target.exists():
        return target
    draw = random.Random(seed).random
    with aggregate.open(encoding="utf-8") as source, target.open("w", encoding="utf-8") as out:
        header = source.readline().rstrip("\n").split(";")[:-2]
        out.write(";".join(header) + "\n")
        moved = 0
        for line in source:
            cells = line.rstrip("\n").split(";")[:-2]
            fate = draw()
            if fate < 0.0033:
                continue
            if fate < 0.0066:
                cells[-1] = f"{float(cells[-1]) + 12.5:.2f}"
            elif fate < 0.01 and moved == 0:
                moved = 1
                cells[-1] = f"{float(cells[-1]) - 100:.2f}"
            elif moved == 1:
                moved = 0
                cells[-1] = f"{float(cells[-1]) + 100:.2f}"
            out.write(";".join(cells) + "\n")
    return target
