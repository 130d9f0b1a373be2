"""rehearsal_1_actuals.csv: the actuals of cutover rehearsal 1 (16.–18.10.2026, EEST), drawn
from the runbook's schedule with seeded overruns and skips."""

from __future__ import annotations

import datetime as dt
import random

from .common import SEED, TZ3, Build, Seen, iso, need, read_csv, write_csv
from .runbook import parse_duration, topo_order

ACTUALS_COLS = ["key", "status", "actual_start", "actual_end"]

REH_SKIPPED = {"SSO-040", "GEN-060", "MS-030", "HC-010", "HC-020", "HC-030", "HC-040",
               "HC-050", "HC-060", "HC-070", "GEN-050"}
REH_FACTORS = {"FIN-060": 2.2, "INT-030": 1.9, "PAY-030": 1.75, "HR-020": 1.6,
               "AP-030": 1.35, "FIN-090": 0.6, "REP-010": 0.7, "FIN-020": 0.75,
               "PAY-050": 1.25, "FIN-080": 1.4}
REH_ANCHORS = {"GATE-0": dt.datetime(2026, 10, 16, 13, 0, tzinfo=TZ3),
               "MS-010": dt.datetime(2026, 10, 16, 16, 0, tzinfo=TZ3),
               "GATE-1": dt.datetime(2026, 10, 17, 12, 0, tzinfo=TZ3),
               "GATE-2": dt.datetime(2026, 10, 18, 14, 0, tzinfo=TZ3)}


def round5(t):
    return t.replace(minute=t.minute - t.minute % 5, second=0, microsecond=0)


def rehearsal_actuals(tasks):
    rng = random.Random(SEED + 1)
    act = {}
    for k in topo_order(tasks):
        t = tasks[k]
        if k in REH_SKIPPED:
            act[k] = ("skipped", None, None)
            continue
        deps = [d for d in t["depends_on"].split(",") if d]
        cands = [act[d][2] for d in deps if act[d][0] == "done"]
        if k in REH_ANCHORS:
            cands.append(REH_ANCHORS[k])
        s = max(cands)
        if k not in REH_ANCHORS and deps:
            s = s + dt.timedelta(minutes=rng.choice([0, 0, 5, 10, 15]))
        dur = parse_duration(t["duration"])
        f = REH_FACTORS.get(k, rng.uniform(0.8, 1.2))
        e = s + dt.timedelta(minutes=round(dur.total_seconds() / 60 * f / 5) * 5)
        act[k] = ("done", round5(s), round5(e) if dur else round5(s))
    return act


def generate(build: Build) -> None:
    tasks = build.tasks
    act = rehearsal_actuals(tasks)
    write_csv(build.out, "rehearsal_1_actuals.csv", ACTUALS_COLS,
              [(k, act[k][0], iso(act[k][1]) if act[k][1] else "",
                iso(act[k][2]) if act[k][2] else "") for k in tasks])
    build.act = act


def check(seen: Seen) -> None:
    h, acts = read_csv(seen.out, "rehearsal_1_actuals.csv")
    need(h == ACTUALS_COLS, "actuals header")
    need([a["key"] for a in acts] == [r["key"] for r in seen.rb], "actuals keys")
    by_key = {a["key"]: a for a in acts}
    over = fast = 0
    lo = dt.datetime(2026, 10, 16, 0, 0, tzinfo=TZ3)
    hi = dt.datetime(2026, 10, 19, 0, 0, tzinfo=TZ3)
    for a in acts:
        need(a["status"] in ("done", "skipped"), a)
        if a["status"] == "skipped":
            need(not a["actual_start"] and not a["actual_end"], a)
            continue
        s = dt.datetime.fromisoformat(a["actual_start"])
        e = dt.datetime.fromisoformat(a["actual_end"])
        need(s.utcoffset() == dt.timedelta(hours=3) and lo <= s <= e <= hi, a)
        for d in filter(None, seen.tasks[a["key"]]["depends_on"].split(",")):
            if by_key[d]["status"] == "done":
                need(dt.datetime.fromisoformat(by_key[d]["actual_end"]) <= s,
                     f"{a['key']} before {d}")
        plan = parse_duration(seen.tasks[a["key"]]["duration"])
        if plan:
            over += (e - s) > plan * 1.5
            fast += (e - s) < plan
    need(over >= 3 and fast >= 3, f"overruns {over} fast {fast}")
    seen.acts = by_key
