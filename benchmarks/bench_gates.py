"""Gates and lint at scale: a 10,000-task runbook with ~100 gates and two finished rehearsals.

End to end, as a user (or CI) runs them: a fresh `migctl` process, the store on disk.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

from benchmarks.gen_gates import REHEARSALS, plan, write_actuals, write_gates_runbook
from benchmarks.harness import Case, migctl

GROUP = "gates"
CSV = "gates10k.csv"


def _run(*args: str | Path) -> None:
    subprocess.run([migctl(), *map(str, args)], check=True, capture_output=True)


def _empty(workdir: Path) -> None:
    if not (workdir / CSV).exists():
        write_gates_runbook(workdir / CSV)
    if not (workdir / "empty.db").exists():
        _run("--db", workdir / "empty.db", "init")


def _rehearsed(workdir: Path) -> None:
    """The runbook with its criteria and two finished rehearsals (built once)."""
    _empty(workdir)
    store = workdir / "rehearsed.db"
    if store.exists():
        return
    partial = workdir / "rehearsed.partial.db"
    shutil.copy(workdir / "empty.db", partial)
    _run("--db", partial, "task", "import", workdir / CSV)
    for seed, (name, start) in enumerate(REHEARSALS.items()):
        actuals = write_actuals(workdir / f"{name}.csv", start=start, seed=seed)
        _run("--db", partial, "cutover", "run", "import", name, actuals, "--finish")
    with sqlite3.connect(partial) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    partial.replace(store)


def _fresh_import(workdir: Path) -> list[str]:
    target = workdir / "import.db"
    script = (f"cp {workdir / 'empty.db'} {target} && rm -f {target}-wal {target}-shm && "
              f"exec {migctl()} --db {target} task import {workdir / CSV}")
    return ["sh", "-c", script]


def _on(store: str, *args: str) -> Callable[[Path], list[str]]:
    return lambda w: [migctl(), "--db", str(w / store), *args]


#: The first gate of the generated runbook (its criteria: tasks-done of three, incidents).
GATE = next(key for key, kind, _, _ in plan() if kind == "gate")


CASES = [
    Case("task import with criteria, 10k tasks / ~100 gates (fresh store)", GROUP,
         setup=_empty, command=_fresh_import, target_s=3.0, repeat=3, peak_memory=True),
    Case("task lint -f json, 10k tasks, 2 rehearsals", GROUP, setup=_rehearsed,
         command=_on("rehearsed.db", "task", "lint", "-f", "json",
                     "--point-of-no-return", "T09000", "--window-end", "1.1.2027 12:00"),
         target_s=2.0, repeat=5, peak_memory=True),
    Case("task estimate -f json, 10k tasks, 2 rehearsals", GROUP, setup=_rehearsed,
         command=_on("rehearsed.db", "task", "estimate", "-f", "json"),
         target_s=2.0, repeat=5),
    Case("task gate-check (tasks-done + incidents-below), 10k tasks", GROUP, setup=_rehearsed,
         command=_on("rehearsed.db", "task", "gate-check", GATE, "--run",
                     "rehearsal-2", "-f", "json"),
         target_s=1.0, repeat=5),
    Case("status -f json, 10k tasks, ~100 gates evaluated", GROUP, setup=_rehearsed,
         command=_on("rehearsed.db", "status", "-f", "json"),
         repeat=3, note="reference: every section, every gate's criteria"),
]
