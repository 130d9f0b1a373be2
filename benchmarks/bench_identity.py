"""`migctl identity check`: 50,000 roster rows against two directories of 60,000 accounts
(issue 19: ≤ 3 s for the whole process), with the floor measured in the same run — Python's
csv module reading the same three files into sets, no parsing, no pseudonyms.

The files look like the city's: the roster cp1252 with ``;`` and ``d.m.yyyy`` dates, the admin
export UTF-8 with ``,`` and ``True``/``False``, the education export ``;`` with ``kyllä``/``ei``.
About 1 % of the active people lack an account and 0.5 % of the accounts are leavers' accounts
still enabled; the rest of each directory are old accounts, disabled.
"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

from benchmarks import stores
from benchmarks.harness import Case, migctl

GROUP = "identity"
ROSTER_ROWS = 50_000
DIRECTORY_ROWS = 60_000
KEY = "benchmark-pseudonym-key-0123456789"


def _write(workdir: Path) -> tuple[Path, Path, Path]:
    roster = workdir / "identity_roster_50k.csv"
    admin = workdir / "identity_admin_60k.csv"
    education = workdir / "identity_education_60k.csv"
    if roster.exists() and admin.exists() and education.exists():
        return roster, admin, education
    rng = random.Random(19)
    people = [(str(100_000 + n), "admin" if n % 5 < 3 else "education")
              for n in range(ROSTER_ROWS)]
    lines = ["henkilönumero;organisaatioyksikkö;alkupäivä;loppupäivä;ympäristö;rooli;nimi"]
    for number, env in people:
        start = f"{rng.randint(1, 28)}.{rng.randint(1, 12)}.{rng.randint(1990, 2026)}"
        end = "31.12.2026" if rng.random() < 0.01 else ""
        unit = f"{'TALOUS' if env == 'admin' else 'SIV-OPE'}-{rng.randint(1, 60)}"
        lines.append(f"{number};{unit};{start};{end};{'hallinto' if env == 'admin' else 'opetus'}"
                     f";{'kirjanpitäjä' if env == 'admin' else 'opettaja'};Etunimi Sukunimi")
    roster.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    for path, env, sep, yes, no in ((admin, "admin", ",", "True", "False"),
                                    (education, "education", ";", "kyllä", "ei")):
        rows = [sep.join(("userPrincipalName", "employeeId", "accountEnabled", "displayName"))]
        mine = [n for n, e in people if e == env and rng.random() >= 0.01]
        for number in mine:
            rows.append(sep.join((f"u{number}@{env}.kuusiniemi.fi", number, yes, "Etu Suku")))
        old = 0
        while len(rows) <= DIRECTORY_ROWS:
            old += 1
            enabled = yes if rng.random() < 0.005 else no
            rows.append(sep.join((f"old{old}@{env}.kuusiniemi.fi", str(900_000 + old), enabled,
                                  "Entinen Työntekijä")))
        path.write_bytes(("\n".join(rows) + "\n").encode("utf-8"))
    return roster, admin, education


def _setup(workdir: Path) -> None:
    from migctl.store.migrate import HEAD

    _write(workdir)

    def make(db: str) -> None:
        subprocess.run([migctl(), "--db", db, "init"], check=True, capture_output=True)

    stores.build(workdir, "identity", make, stamp=HEAD)


def _check(workdir: Path) -> list[str]:
    roster, admin, education = _write(workdir)
    return [migctl(), "--db", stores.store(workdir, "identity"), "identity", "check",
            "--roster", str(roster), "--on", "4.1.2027", "--directory", f"admin={admin}",
            "--directory", f"education={education}", "-f", "json", "-o",
            str(workdir / "identity_check.json")]


FLOOR = """
import csv, sys
def rows(path, encoding, delimiter):
    with open(path, encoding=encoding, newline="") as handle:
        found = csv.reader(handle, delimiter=delimiter)
        next(found)
        return [row for row in found]
roster = rows(sys.argv[1], "cp1252", ";")
active = {r[0] for r in roster if not r[3]}
missing = 0
for path, delimiter in ((sys.argv[2], ","), (sys.argv[3], ";")):
    enabled = {r[1] for r in rows(path, "utf-8", delimiter) if r[2] in ("True", "kyllä")}
    missing += len(active - enabled)
print(missing)
"""


def _floor(workdir: Path) -> list[str]:
    roster, admin, education = _write(workdir)
    return [sys.executable, "-c", FLOOR, str(roster), str(admin), str(education)]


CASES = [
    Case("identity check -f json, 50k roster rows × 2 directories of 60k", GROUP,
         setup=_setup, repeat=5, target_s=3.0, peak_memory=True, command=_check,
         env={"MIGCTL_PSEUDONYM_KEY": KEY},
         note="cp1252 ';' roster, UTF-8 exports; ~1 % without an account, run recorded"),
    Case("floor: csv module reads the three files into sets, no parsing", GROUP,
         setup=_setup, repeat=5, peak_memory=True, engine_free=True, command=_floor,
         note="reference: no dates, no pseudonyms, no store"),
]
