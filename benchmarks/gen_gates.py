"""A generated runbook with gates and criteria, and two rehearsals' actuals for it.

10,000 tasks and 30,000 dependencies (as ``gen_runbook``), about 1 % of them gates, each with two
criteria (``tasks-done`` of three tasks it depends on, ``incidents-below:high:1``). The
rehearsals did every task, each taking 60–160 % of its planned time, one after another in
dependency order, so their actuals are consistent. Deterministic (seeded).
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

from benchmarks.gen_runbook import DEPENDENCIES, DURATIONS, TASKS, dependency_counts

HEADER = "key;title;workstream;owner;kind;duration;depends_on;rollback_note;criteria"
MINUTES = {"15m": 15, "30m": 30, "45m": 45, "1h": 60, "90m": 90, "2h": 120, "4h": 240}
ZONE = timezone(timedelta(hours=2))


def plan(seed: int = 20261122) -> list[tuple[str, str, int, list[int]]]:
    """(key, kind, minutes, dependencies) in dependency order."""
    rng = random.Random(seed)
    tasks = []
    for i, count in enumerate(dependency_counts(TASKS, DEPENDENCIES)):
        window = max(i - 200, 0)
        pool = range(window, i) if i - window >= count else range(i)
        deps = sorted(rng.sample(pool, count))
        kind = "gate" if i > 10 and rng.random() < 0.01 else "task"
        tasks.append((f"T{i:05d}", kind, MINUTES[rng.choice(DURATIONS)], deps))
    return tasks


def write_gates_runbook(path: Path, *, seed: int = 20261122) -> Path:
    lines = []
    for key, kind, minutes, deps in plan(seed):
        criteria = ""
        if kind == "gate":
            waited = ",".join(f"T{d:05d}" for d in deps[:3])
            criteria = f'"tasks-done:{waited};incidents-below:high:1"'
        lines.append(";".join([key, f"Tehtävä {key}", "Talous", f"Owner {int(key[1:]) % 40}",
                               kind, f"{minutes}m", ",".join(f"T{d:05d}" for d in deps),
                               f"Palautus {key}", criteria]))
    path.write_text(HEADER + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_actuals(path: Path, *, start: datetime, seed: int) -> Path:
    """Every task done, each 60–160 % of its plan, after everything it depends on."""
    rng = random.Random(seed)
    ends: list[datetime] = []
    lines = ["key;status;actual_start;actual_end"]
    for key, _, minutes, deps in plan():
        begin = max([start, *(ends[d] for d in deps)])
        end = begin + timedelta(minutes=max(1, round(minutes * rng.uniform(0.6, 1.6))))
        ends.append(end)
        lines.append(f"{key};done;{begin.isoformat()};{end.isoformat()}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


REHEARSALS = {
    "rehearsal-1": datetime(2026, 10, 16, 16, 0, tzinfo=ZONE),
    "rehearsal-2": datetime(2026, 12, 4, 16, 0, tzinfo=ZONE),
}
