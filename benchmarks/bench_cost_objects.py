"""Translation with a cost-objects set: the mapping group's 1,000,000-line translation
(20,000 account rules) with a 5,000-rule cost-objects set applied as well.

The store is a translation store like ``bench_mapping``'s plus the legacy dimension and the
cost-objects set; the ledger is the same ``gl_1m.csv`` (cost centres C1–C20, all mapped, one
of them split three ways, one reformed mid-year so its lines are matched by date).
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from benchmarks import stores
from benchmarks.bench_mapping import _translation_store
from benchmarks.gen_cost_objects import write_cost_object_mapping, write_dimension
from benchmarks.harness import Case, migctl

GROUP = "cost-objects"


def _run(*args: str | Path) -> None:
    subprocess.run([migctl(), *map(str, args)], check=True, capture_output=True)


def _store(workdir: Path) -> None:
    from migctl.store.migrate import HEAD

    _translation_store(workdir)  # account set, charts, dimensions and gl_1m.csv, in workdir

    def make(db: str) -> None:
        _run("--db", db, "dimension", "import", write_dimension(workdir), "--dimension",
             "kustannuspaikka", "--role", "legacy")
        _run("--db", db, "mapping", "import", write_cost_object_mapping(workdir), "--set",
             "kp", "--kind", "cost-objects", "--source-dimension", "kustannuspaikka")

    stores.build(workdir, "cost_objects", make, stamp=HEAD, base="translate")


def _on(*args: str) -> Callable[[Path], list[str]]:
    return lambda w: [migctl(), "--db", stores.store(w, "cost_objects"), *args]


CASES = [
    Case("mapping translate, 1,000,000 GL lines vs 20,000 rules + 5,000 cost-object rules "
         "→ CSV", GROUP, setup=_store, repeat=3, target_s=12.0, peak_memory=True,
         command=_on("mapping", "translate", "gl_1m.csv", "--set", "bench", "--cost-objects",
                     "kp", "-o", "translated.csv", "-f", "json"),
         note="account splits × cost-object splits, one reformed centre matched by date"),
    Case("mapping validate, 5,000-rule cost-objects set", GROUP, setup=_store, repeat=3,
         target_s=3.0, command=_on("mapping", "validate", "--set", "kp", "-f", "json"),
         note="M005, M006, M008, M010–M013 over 5,000 values"),
]
