"""trial_balance_2025.csv: the 2025 closing trial balance of the legacy ledger (Populus),
drawn from the amounts in the legacy chart spec (seeded), balanced by a plug account."""

from __future__ import annotations

import random
from collections import defaultdict
from decimal import Decimal

from .charts import PNL_LEGACY_TYPES
from .common import CENT, SEED, Build, Seen, fi_amount, need, parse_fi_decimal, read_csv, write_csv
from .dimensions import CC_GAP, CC_POOLS

TB_COLS = ["tili", "kustannuspaikka", "kausi", "summa"]
#: thousands separators, drawn per line: a hand-made export is not consistent
SEPARATORS = [" ", " ", " ", "\u00a0", ""]


def build_trial_balance(legacy, rng):
    lines = []          # (account, cc, Decimal)
    plug_line = None
    for a in legacy:
        if a["summary"] or not a["active"]:
            continue
        amt = a["amount"]
        if a["type"] in PNL_LEGACY_TYPES:
            spec = a["ccs"]
            if ":" in spec:
                pool, n = spec.split(":")
                ccs = sorted(rng.sample(CC_POOLS[pool], int(n)))
            else:
                ccs = spec.split(",")
            total = Decimal(amt)
            sign = 1 if a["type"] == "kulu" else -1
            total = (total * Decimal(str(1 + rng.uniform(-0.05, 0.05)))).quantize(CENT)
            weights = [rng.uniform(0.4, 1.6) for _ in ccs]
            ws = sum(weights)
            parts = []
            for w in weights[:-1]:
                parts.append((total * Decimal(str(w / ws))).quantize(CENT))
            parts.append(total - sum(parts, Decimal(0)))
            for cc, p in zip(ccs, parts, strict=True):
                lines.append((a["code"], cc, sign * p))
        else:
            if amt == "PLUG":
                plug_line = len(lines)
                lines.append((a["code"], "", Decimal(0)))
            elif amt == "0":
                lines.append((a["code"], "", Decimal("0.00")))
            else:
                v = (Decimal(amt) * Decimal(str(1 + rng.uniform(-0.04, 0.04)))).quantize(CENT)
                lines.append((a["code"], "", v))
    total = sum((x[2] for x in lines), Decimal(0))
    code, cc, _ = lines[plug_line]
    lines[plug_line] = (code, cc, -total)
    return lines


def generate(build: Build) -> None:
    rng = random.Random(SEED)
    tb = build_trial_balance(build.legacy, rng)
    tb_rows = [(acc, cc, "2025-12", fi_amount(v, rng.choice(SEPARATORS))) for acc, cc, v in tb]
    write_csv(build.out, "trial_balance_2025.csv", TB_COLS, tb_rows, lineterminator="\r\n")
    build.tb = tb


def check(seen: Seen) -> None:
    raw = (seen.out / "trial_balance_2025.csv").read_bytes()
    need(b"\r\n" in raw and "\u00a0".encode() in raw, "TB: CRLF / NBSP expected")
    h, tb = read_csv(seen.out, "trial_balance_2025.csv")
    need(h == TB_COLS, "TB header")
    total = Decimal(0)
    balances = defaultdict(Decimal)
    seen_pairs = set()
    for r in tb:
        v = _check_line(seen, r)
        total += v
        balances[r["tili"]] += v
        need((r["tili"], r["kustannuspaikka"]) not in seen_pairs, f"dup TB {r}")
        seen_pairs.add((r["tili"], r["kustannuspaikka"]))
    need(total == Decimal("0.00"), f"TB total {total}")
    need(200 <= len(tb) <= 600, f"TB lines {len(tb)}")
    for c, a in seen.legacy.items():
        if not a["summary"] and a["active"] == "1" and c != "2040":
            need(balances.get(c, 0) != 0, f"active account {c} without balance")
    need(CC_GAP not in {r["kustannuspaikka"] for r in tb}, "gap cc has TB lines")
    seen.tb = tb


def _check_line(seen: Seen, r) -> Decimal:
    need(r["kausi"] == "2025-12", r)
    a = seen.legacy.get(r["tili"])
    need(a and not a["summary"] and a["active"] == "1", f"TB account {r}")
    v = parse_fi_decimal(r["summa"])
    need(v == v.quantize(CENT), r)
    if a["type"] in PNL_LEGACY_TYPES:
        c = seen.ccs.get(r["kustannuspaikka"])
        need(c and c["active"] == "1" and r["kustannuspaikka"] not in seen.cc_parents,
             f"TB cost centre {r}")
    else:
        need(r["kustannuspaikka"] == "", f"TB balance sheet line with cc {r}")
    return v
