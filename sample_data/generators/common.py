"""What every generator shares: the story's constants, Finnish number/date formats, the CSV
dialect, the code ranges of the mapping rules and the two contexts the generators pass on
(:class:`Build` while writing, :class:`Seen` while re-reading for the self-check)."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

SEED = 20261122
TODAY = dt.date(2026, 11, 22)
TZ2 = dt.timezone(dt.timedelta(hours=2))   # EET  (winter)
TZ3 = dt.timezone(dt.timedelta(hours=3))   # EEST (summer, until 2026-10-25)

ADMIN_TENANT = "5c1e3a8b-2f47-4d96-8e0b-7a13c9d2f604"
EDU_TENANT = "a9d04f6e-71b3-4c28-95ea-e2b7f3186c0d"

P = {  # owners
    "pm": "Riikka Mäkelä", "cm": "Tuomas Lindqvist", "fin": "Satu Lehtonen",
    "rd": "Antti Heikkinen", "mig": "Marko Peltonen", "ast": "Petri Ahonen",
    "ap": "Paula Nieminen", "pay": "Timo Laaksonen", "hr": "Hanna Virtanen",
    "intg": "Mikko Salonen", "sso": "Elina Koskinen", "edu": "Sami Jokinen",
    "rep": "Janne Räsänen", "bud": "Leena Turunen", "trv": "Merja Salminen",
    "com": "Outi Karjalainen",
}

CENT = Decimal("0.01")


@dataclass
class Build:
    """What the generators have made so far, for the generators after them (and the README).

    Each generator sets the fields it owns; a new generator adds its own fields here."""

    out: Path
    legacy: list[dict[str, Any]] = field(default_factory=list)     # charts
    target: list[dict[str, Any]] = field(default_factory=list)     # charts
    tb: list[tuple[str, str, Decimal]] = field(default_factory=list)  # ledger
    fixed: list[dict[str, Any]] = field(default_factory=list)      # mapping v0.8
    defective: list[dict[str, Any]] = field(default_factory=list)  # mapping v0.7
    defects: list[dict[str, Any]] = field(default_factory=list)    # mapping v0.7
    defect_rows: dict[str, list[int]] = field(default_factory=dict)  # mapping v0.7
    v09: list[dict[str, Any]] = field(default_factory=list)        # mapping v0.9
    tasks: dict[str, dict[str, str]] = field(default_factory=dict)  # runbook
    act: dict[str, tuple[str, Any, Any]] = field(default_factory=dict)  # rehearsal


@dataclass
class Seen:
    """What the self-check has re-read from the files so far, for the checks after it."""

    out: Path
    systems: list[dict[str, str]] = field(default_factory=list)
    skeys: dict[str, dict[str, str]] = field(default_factory=dict)
    legacy: dict[str, dict[str, Any]] = field(default_factory=dict)
    target: dict[str, dict[str, Any]] = field(default_factory=dict)
    dims: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    ccs: dict[str, dict[str, str]] = field(default_factory=dict)
    cc_parents: set[str] = field(default_factory=set)
    tb: list[dict[str, str]] = field(default_factory=list)
    co: list[dict[str, Any]] = field(default_factory=list)
    fixed: list[dict[str, Any]] = field(default_factory=list)
    defective: list[dict[str, Any]] = field(default_factory=list)
    v09: list[dict[str, Any]] = field(default_factory=list)
    rb: list[dict[str, str]] = field(default_factory=list)
    tasks: dict[str, dict[str, str]] = field(default_factory=dict)
    end: dict[str, dt.datetime] = field(default_factory=dict)
    acts: dict[str, dict[str, str]] = field(default_factory=dict)
    sso: dict[str, Any] = field(default_factory=dict)
    incidents: list[dict[str, str]] = field(default_factory=list)
    kpi_history: list[dict[str, str]] = field(default_factory=list)


# ---------------------------------------------------------------------------
# Finnish formats
# ---------------------------------------------------------------------------
def fi_amount(d: Decimal, sep: str = " ") -> str:
    """Finnish number: -1 234 567,89 (sep = thousands separator)."""
    s = f"{abs(d):.2f}"
    ip, fp = s.split(".")
    groups = []
    while len(ip) > 3:
        groups.insert(0, ip[-3:])
        ip = ip[:-3]
    groups.insert(0, ip)
    return ("-" if d < 0 else "") + sep.join(groups) + "," + fp


def parse_fi_decimal(s: str) -> Decimal:
    s = s.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    return Decimal(s)


def fi_num(x, nd=1) -> str:
    return f"{x:.{nd}f}".replace(".", ",")


def fi_date(d: dt.date) -> str:
    return f"{d.day}.{d.month}.{d.year}"


def iso(t: dt.datetime) -> str:
    return t.isoformat()


# ---------------------------------------------------------------------------
# CSV files (semicolon-separated, UTF-8)
# ---------------------------------------------------------------------------
def write_csv(out: Path, name, header, rows, lineterminator="\n"):
    path = out / name
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator=lineterminator,
                       quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        for r in rows:
            w.writerow(r)
    return path


def read_csv(out: Path, name):
    with open(out / name, encoding="utf-8", newline="") as f:
        r = csv.reader(f, delimiter=";")
        header = next(r)
        return header, [dict(zip(header, row, strict=False)) for row in r]


# ---------------------------------------------------------------------------
# code ranges and validity of mapping rules (account and cost-object mappings)
# ---------------------------------------------------------------------------
def range_of(spec):
    a, b = spec.split("..")
    return int(a), int(b)


def src_matches(spec, code):
    if ".." in spec:
        lo, hi = range_of(spec)
        return lo <= int(code) <= hi
    return spec == code


def valid_at(r, d):
    return (r["vfrom"] is None or r["vfrom"] <= d) and (r["vto"] is None or d <= r["vto"])


# ---------------------------------------------------------------------------
# self-check
# ---------------------------------------------------------------------------
class CheckError(AssertionError):
    pass


def need(cond, msg):
    if not cond:
        raise CheckError(msg)


class Generator(Protocol):
    """One module of this package: writes its files, then re-reads them in the self-check."""

    def generate(self, build: Build) -> None: ...

    def check(self, seen: Seen) -> None: ...
