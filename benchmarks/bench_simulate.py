"""Window confidence at scale: 10,000 Monte Carlo simulations of the demo runbook (71 tasks)
and of a generated 2,000-task runbook with three rehearsals' actuals (issue 21).

End to end, as a user runs them (`task forecast --simulate 10000 --seed 1 -f json`, a fresh
process, start-up included), plus the engine alone in-process for reference.
"""

from __future__ import annotations

import random
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks import stores
from benchmarks.gen_runbook import write_runbook
from benchmarks.harness import Case, migctl

CSV = "runbook2k.csv"
TASKS = 2_000
DEPENDENCIES = 6_000
REHEARSALS = 3


def _run(db: str, *args: str | Path) -> None:
    subprocess.run([migctl(), "--db", db, *map(str, args)], check=True, capture_output=True)


def _demo(workdir: Path) -> None:
    from migctl.store.migrate import HEAD

    stores.build(workdir, "demo", lambda db: _run(db, "demo"), stamp=HEAD)


def _actuals(path: Path, number: int) -> Path:
    """Every task done once, its duration 60–180 % of a nominal 30 minutes (seeded)."""
    rng = random.Random(number)
    day = datetime(2026, 10, 1 + 7 * number, 8, 0, tzinfo=UTC)
    lines = ["key;status;actual_start;actual_end"]
    for i in range(TASKS):
        begin = day + timedelta(minutes=i)
        end = begin + timedelta(minutes=round(30 * rng.uniform(0.6, 1.8)))
        lines.append(f"T{i:05d};done;{begin.isoformat()};{end.isoformat()}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _big(workdir: Path) -> None:
    from migctl.store.migrate import HEAD

    if not (workdir / CSV).exists():
        write_runbook(workdir / CSV, tasks=TASKS, dependencies=DEPENDENCIES)

    def make(db: str) -> None:
        _run(db, "init")
        _run(db, "task", "import", workdir / CSV)
        _run(db, "settings", "set", "cutover.window_end", "2027-01-06T20:00:00+02:00")
        for number in range(1, REHEARSALS + 1):
            _run(db, "cutover", "run", "import", f"rehearsal-{number}",
                 _actuals(workdir / f"actuals2k-{number}.csv", number), "--finish")

    stores.build(workdir, "simulate2k", make, stamp=f"{HEAD}-{TASKS}-{REHEARSALS}")


def _forecast(name: str) -> Callable[[Path], list[str]]:
    return lambda w: [migctl(), "--db", stores.store(w, name), "task", "forecast",
                      "--simulate", "10000", "--seed", "1", "-f", "json"]


def _engine_only(_: Path) -> object:
    """The engine alone: 10,000 simulations of a 2,000-task DAG, empirical draws."""
    from migctl.services.runbook.simulate import Draw, SimTask, simulate

    rng = random.Random(7)
    tasks = [SimTask(f"T{i}", Draw.from_history(30, [rng.randint(18, 54) for _ in range(3)]),
                     tuple(sorted(rng.sample(range(max(0, i - 200), i), min(i, 3)))))
             for i in range(TASKS)]
    return simulate(tasks, simulations=10_000, seed=1)


CASES = [
    Case("task forecast --simulate 10000, demo runbook (71 tasks)", "simulate", setup=_demo,
         command=_forecast("demo"), target_s=2.0, repeat=5, peak_memory=True),
    Case("task forecast --simulate 10000, 2,000 tasks / 6,000 deps, 3 rehearsals", "simulate",
         setup=_big, command=_forecast("simulate2k"), target_s=20.0, repeat=3,
         peak_memory=True),
    Case("simulate() only: 10,000 × 2,000 tasks, in-process", "simulate", call=_engine_only,
         repeat=3, engine_free=True, note="reference: no start-up, no store"),
]
