"""The runbook at scale: import and plan a 10,000-task, 30,000-dependency runbook.

Both are end to end, as a user runs them: a fresh `migctl` process, the store on disk (or on
the PostgreSQL server). `task import` starts from an empty store every run (a fresh copy of an
initialised one, made before the clock starts).
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from benchmarks import stores
from benchmarks.gen_runbook import write_runbook
from benchmarks.harness import Case, migctl

CSV = "runbook10k.csv"


def _run(db: str, *args: str | Path) -> None:
    subprocess.run([migctl(), "--db", db, *map(str, args)], check=True, capture_output=True)


def _empty_store(workdir: Path) -> None:
    from migctl.store.migrate import HEAD

    if not (workdir / CSV).exists():
        write_runbook(workdir / CSV)
    stores.build(workdir, "empty", lambda db: _run(db, "init"), stamp=HEAD)


def _planned_store(workdir: Path) -> None:
    from migctl.store.migrate import HEAD

    _empty_store(workdir)

    def make(db: str) -> None:
        _run(db, "init")
        _run(db, "task", "import", workdir / CSV)

    stores.build(workdir, "planned", make, stamp=HEAD)


def _on(name: str, *args: str) -> Callable[[Path], list[str]]:
    return lambda w: [migctl(), "--db", stores.store(w, name), *args]


CASES = [
    Case("task import, 10k tasks / 30k deps (fresh store)", "runbook", setup=_empty_store,
         before_each=stores.fresh_copy("empty", "import"),
         command=lambda w: [migctl(), "--db", stores.store(w, "import"), "task", "import",
                            str(w / CSV)],
         target_s=3.0, repeat=5, peak_memory=True),
    Case("task plan -f json, 10k tasks / 30k deps", "runbook", setup=_planned_store,
         command=_on("planned", "task", "plan", "-f", "json"), target_s=1.0, repeat=7,
         peak_memory=True),
    Case("task next, 10k tasks / 30k deps", "runbook", setup=_planned_store,
         command=_on("planned", "task", "next", "-n", "20"), repeat=5, note="reference"),
    Case("cutover run list -f json (same store)", "runbook", setup=_planned_store,
         command=_on("planned", "cutover", "run", "list", "-f", "json"), repeat=5,
         note="reference: start-up and the ORM, almost no work"),
]
