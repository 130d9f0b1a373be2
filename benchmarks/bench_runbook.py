"""The runbook at scale: import and plan a 10,000-task, 30,000-dependency runbook.

Both are end to end, as a user runs them: a fresh `migctl` process, the store on disk.
`task import` starts from an empty store every run (a copy of a freshly initialised one).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from benchmarks.gen_runbook import write_runbook
from benchmarks.harness import Case, migctl

CSV = "runbook10k.csv"


def _empty_store(workdir: Path) -> None:
    path = workdir / CSV
    if not path.exists():
        write_runbook(path)
    empty = workdir / "empty.db"
    if not empty.exists():
        subprocess.run([migctl(), "--db", str(empty), "init"], check=True, capture_output=True)


def _planned_store(workdir: Path) -> None:
    _empty_store(workdir)
    store = workdir / "planned.db"
    if not store.exists():
        shutil.copy(workdir / "empty.db", store)
        subprocess.run([migctl(), "--db", str(store), "task", "import", str(workdir / CSV)],
                       check=True, capture_output=True)


def _fresh_import(workdir: Path) -> list[str]:
    script = (f"cp {workdir / 'empty.db'} {workdir / 'import.db'} && rm -f "
              f"{workdir / 'import.db'}-wal {workdir / 'import.db'}-shm && exec {migctl()} "
              f"--db {workdir / 'import.db'} task import {workdir / CSV}")
    return ["sh", "-c", script]


CASES = [
    Case("task import, 10k tasks / 30k deps (fresh store)", "runbook", setup=_empty_store,
         command=_fresh_import, target_s=3.0, repeat=5, peak_memory=True),
    Case("task plan -f json, 10k tasks / 30k deps", "runbook", setup=_planned_store,
         command=lambda w: [migctl(), "--db", str(w / "planned.db"), "task", "plan", "-f",
                            "json"],
         target_s=1.0, repeat=7, peak_memory=True),
    Case("task next, 10k tasks / 30k deps", "runbook", setup=_planned_store,
         command=lambda w: [migctl(), "--db", str(w / "planned.db"), "task", "next", "-n", "20"],
         repeat=5, note="reference"),
    Case("cutover run list -f json (same store)", "runbook", setup=_planned_store,
         command=lambda w: [migctl(), "--db", str(w / "planned.db"), "cutover", "run", "list",
                            "-f", "json"],
         repeat=5, note="reference: start-up and the ORM, almost no work"),
]
