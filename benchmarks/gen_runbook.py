"""A generated runbook: 10,000 tasks and exactly 30,000 finish-to-start dependencies.

Deterministic (seeded). Tasks depend on earlier tasks in a hidden topological order, but the
file lists them shuffled, so most dependencies point to rows further down (the importer must
resolve after reading). About 1 % of tasks have a fixed planned start, 2 % are milestones.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

TASKS = 10_000
DEPENDENCIES = 30_000
HEADER = "key;title;workstream;system;owner;kind;duration;depends_on;planned_start;rollback_note"
WORKSTREAMS = ("Talous", "Ostolaskut", "Palkat", "HR", "Integraatiot", "SSO", "Raportointi")
DURATIONS = ("15m", "30m", "45m", "1h", "90m", "2h", "4h")
START = datetime(2026, 12, 31, 16, 0, tzinfo=timezone(timedelta(hours=2)))


def dependency_counts(tasks: int, total: int) -> list[int]:
    """How many earlier tasks each task depends on (task i can have at most i)."""
    counts = [min(i, 3) for i in range(tasks)]
    extra = total - sum(counts)
    i = tasks - 1
    while extra > 0:
        counts[i] += 1
        extra -= 1
        i -= 1
    return counts


def write_runbook(path: Path, *, tasks: int = TASKS, dependencies: int = DEPENDENCIES,
                  seed: int = 20261122) -> Path:
    rng = random.Random(seed)
    keys = [f"T{i:05d}" for i in range(tasks)]
    lines = []
    for i, count in enumerate(dependency_counts(tasks, dependencies)):
        window = max(i - 200, 0)  # depend on recent work, as real runbooks do
        pool = range(window, i) if i - window >= count else range(i)
        deps = rng.sample(pool, count)
        kind = "milestone" if rng.random() < 0.02 else "task"
        duration = "0m" if kind == "milestone" else rng.choice(DURATIONS)
        planned = ""
        if rng.random() < 0.01:
            planned = (START + timedelta(minutes=10 * i)).isoformat()
        lines.append(";".join([
            keys[i], f"Tehtävä {i}", WORKSTREAMS[i % len(WORKSTREAMS)], "", f"Owner {i % 40}",
            kind, duration, ",".join(keys[d] for d in deps), planned, f"Palautus {i}",
        ]))
    rng.shuffle(lines)
    path.write_text(HEADER + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path
