"""Gates and lint at scale: a 10,000-task runbook with ~100 gates and two finished rehearsals.

End to end, as a user (or CI) runs them: a fresh `migctl` process, the store on disk.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from benchmarks import stores
from benchmarks.gen_gates import REHEARSALS, plan, write_actuals, write_gates_runbook
from benchmarks.harness import Case, migctl

GROUP = "gates"
CSV = "gates10k.csv"


def _run(*args: str | Path) -> None:
    subprocess.run([migctl(), *map(str, args)], check=True, capture_output=True)


def _empty(workdir: Path) -> None:
    from migctl.store.migrate import HEAD

    if not (workdir / CSV).exists():
        write_gates_runbook(workdir / CSV)
    stores.build(workdir, "empty", lambda db: _run("--db", db, "init"), stamp=HEAD)


def _rehearsed(workdir: Path) -> None:
    """The runbook with its criteria and two finished rehearsals (built once)."""
    from migctl.store.migrate import HEAD

    _empty(workdir)

    def make(db: str) -> None:
        _run("--db", db, "init")
        _run("--db", db, "task", "import", workdir / CSV)
        for seed, (name, start) in enumerate(REHEARSALS.items()):
            actuals = write_actuals(workdir / f"{name}.csv", start=start, seed=seed)
            _run("--db", db, "cutover", "run", "import", name, actuals, "--finish")

    stores.build(workdir, "rehearsed", make, stamp=HEAD)


def _on(store: str, *args: str) -> Callable[[Path], list[str]]:
    return lambda w: [migctl(), "--db", stores.store(w, store), *args]


#: The first gate of the generated runbook (its criteria: tasks-done of three, incidents).
GATE = next(key for key, kind, _, _ in plan() if kind == "gate")


CASES = [
    Case("task import with criteria, 10k tasks / ~100 gates (fresh store)", GROUP,
         setup=_empty, before_each=stores.fresh_copy("empty", "import"),
         command=lambda w: [migctl(), "--db", stores.store(w, "import"), "task", "import",
                            str(w / CSV)],
         target_s=3.0, repeat=3, peak_memory=True),
    Case("task lint -f json, 10k tasks, 2 rehearsals", GROUP, setup=_rehearsed,
         command=_on("rehearsed", "task", "lint", "-f", "json",
                     "--point-of-no-return", "T09000", "--window-end", "1.1.2027 12:00"),
         target_s=2.0, repeat=5, peak_memory=True),
    Case("task estimate -f json, 10k tasks, 2 rehearsals", GROUP, setup=_rehearsed,
         command=_on("rehearsed", "task", "estimate", "-f", "json"),
         target_s=2.0, repeat=5),
    Case("task gate-check (tasks-done + incidents-below), 10k tasks", GROUP, setup=_rehearsed,
         command=_on("rehearsed", "task", "gate-check", GATE, "--run",
                     "rehearsal-2", "-f", "json"),
         target_s=1.0, repeat=5),
    Case("status -f json, 10k tasks, ~100 gates evaluated", GROUP, setup=_rehearsed,
         command=_on("rehearsed", "status", "-f", "json"),
         repeat=3, note="reference: every section, every gate's criteria"),
]
