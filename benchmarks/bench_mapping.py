"""Mapping import and validation at consultant-workbook scale and beyond.

Imports run on a copy of a prepared store (schema + dimensions) so that every run is a real
first import, not a no-op re-import; the copy (a few hundred kB) is part of the timing.
"""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

from benchmarks.gen_mapping import (
    write_mapping_xlsx,
    write_reference,
    write_validation_mapping,
)
from benchmarks.harness import Case, migctl

GROUP = "mapping"


def _run(*args: str | Path) -> None:
    subprocess.run([migctl(), *map(str, args)], check=True, capture_output=True)


def _checkpoint(store: Path) -> None:
    """Fold the WAL into the main file so a plain copy is the whole store."""
    with sqlite3.connect(store) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _template(workdir: Path) -> Path:
    """A store with the schema and the two target dimensions (so dimension columns match)."""
    store = workdir / "template.db"
    if store.exists():
        return store
    files = write_reference(workdir)
    partial = workdir / "template.partial.db"
    partial.unlink(missing_ok=True)
    _run("--db", partial, "init")
    _run("--db", partial, "dimension", "import", files["units"], "--dimension", "vastuuyksikko",
         "--role", "target", "--required-for", "expense,income")
    _run("--db", partial, "dimension", "import", files["services"], "--dimension",
         "palveluluokka", "--role", "target")
    _checkpoint(partial)
    partial.replace(store)
    return store


def _import_setup(workdir: Path) -> None:
    _template(workdir)
    write_validation_mapping(workdir)
    write_mapping_xlsx(workdir)


def _import_command(source: str) -> list[str]:
    script = ('cp template.db run.db && rm -f run.db-wal run.db-shm && '
              f'"$0" --db run.db mapping import {source} --set bench')
    return ["sh", "-c", script, migctl()]


def _validation_store(workdir: Path) -> None:
    store = workdir / "validate.db"
    if store.exists():
        return
    files = write_reference(workdir)
    template = _template(workdir)
    partial = workdir / "validate.partial.db"
    partial.write_bytes(template.read_bytes())
    _run("--db", partial, "chart", "import", files["legacy"], "--chart", "legacy",
         "--role", "legacy")
    _run("--db", partial, "chart", "import", files["target"], "--chart", "target",
         "--role", "target")
    _run("--db", partial, "mapping", "import", write_validation_mapping(workdir), "--set",
         "bench")
    _checkpoint(partial)
    partial.replace(store)


CASES = [
    Case("mapping import, 200,000-row CSV", GROUP, setup=_import_setup, repeat=3,
         command=lambda w: _import_command("mapping_200k.csv"), target_s=5.0,
         note="fresh copy of a schema-only store each run"),
    Case("mapping import, 50,000-row XLSX", GROUP, setup=_import_setup, repeat=3,
         command=lambda w: _import_command("mapping_50k.xlsx"), target_s=10.0,
         note="title row + instructions sheet, codes as numbers"),
    Case("mapping validate, 200,000 rules vs 20,000 accounts", GROUP, setup=_validation_store,
         repeat=3, target_s=3.0,
         command=lambda w: [migctl(), "--db", str(w / "validate.db"), "mapping", "validate",
                            "--set", "bench", "-f", "json"],
         note="5 % ranges, 10 % split rows; every run recorded"),
]
